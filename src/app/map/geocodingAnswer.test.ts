import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseGeocodingAnswer } from './geocodingAnswer'

/** The fixture's answers, written in the service's documented format (test/fixtures/map/geocoding.json). */
const recorded = JSON.parse(readFileSync('test/fixtures/map/geocoding.json', 'utf8')) as { search: Record<string, unknown>; reverse: unknown[] }
const point = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] })

describe('reading the geocoding service\'s answers', () => {
  it('reads a search answer: address line, postcode, city, INSEE code, point, type and score, best first', () => {
    const answer = parseGeocodingAnswer(JSON.stringify(recorded.search['25 rue de mogador']))
    expect(answer.ok).toBe(true)
    if (!answer.ok) return
    expect(answer.results[0]).toEqual({
      label: '25 Rue de Mogador 75009 Paris', line: '25 Rue de Mogador', postcode: '75009', city: 'Paris', citycode: '75109',
      lat: 48.8752, lng: 2.33179, type: 'housenumber', score: 0.9712, distance: null, inFrance: true,
    })
    // A street has no number: its name is the line.
    expect(answer.results.at(-1)).toMatchObject({ line: 'Rue de Mogador', type: 'street' })
  })

  it('reads a reverse answer with the distance to the point', () => {
    const answer = parseGeocodingAnswer(JSON.stringify({ type: 'FeatureCollection', features: [{ ...recorded.reverse[2] as object, properties: { ...(recorded.reverse[2] as { properties: object }).properties, distance: 12 } }] }))
    expect(answer).toMatchObject({ ok: true, results: [{ line: '52 Rue Mouffetard', postcode: '75005', distance: 12 }] })
  })

  it('calls bad JSON, an HTML error page or another shape garbage, and never throws', () => {
    for (const body of ['', '{"type":"FeatureCollection","features":[', '<html><body>Erreur 429</body></html>', 'null', '42', '[]',
      '{"type":"Feature"}', '{"type":"FeatureCollection","features":{}}', '{"features":[]}']) {
      expect(parseGeocodingAnswer(body)).toEqual({ ok: false, reason: 'garbage' })
    }
  })

  it('reads an empty collection as no result', () => {
    expect(parseGeocodingAnswer('{"type":"FeatureCollection","features":[]}')).toEqual({ ok: true, results: [] })
  })

  it('keeps what a partial answer has and leaves out features without a point or a label', () => {
    const answer = parseGeocodingAnswer(JSON.stringify({
      type: 'FeatureCollection',
      features: [
        null, 'x', { type: 'Feature', properties: { label: 'Sans point' } },
        { type: 'Feature', geometry: point(2.3, 48.8), properties: {} },
        { type: 'Feature', geometry: { type: 'Point', coordinates: ['2.3', 48.8] }, properties: { label: 'Coordonnées en texte' } },
        { type: 'Feature', geometry: point(200, 48.8), properties: { label: 'Hors du monde' } },
        { type: 'Feature', geometry: point(2.35, 48.85), properties: { label: 'Paris', type: 'municipality', citycode: 75056, postcode: '75001' } },
        { type: 'Feature', geometry: point(2.35, 48.85), properties: { label: 'Rue sans ville', street: 'Rue sans ville' } },
      ],
    }))
    expect(answer).toEqual({
      ok: true,
      results: [
        { label: 'Paris', line: 'Paris', postcode: '75001', city: '', citycode: '75056', lat: 48.85, lng: 2.35, type: 'municipality', score: null, distance: null, inFrance: true },
        { label: 'Rue sans ville', line: 'Rue sans ville', postcode: '', city: '', citycode: '', lat: 48.85, lng: 2.35, type: '', score: null, distance: null, inFrance: false },
      ],
    })
  })

  it('lists results outside France last, flagged, without their postcode (a décor\'s postcode is a French one)', () => {
    const answer = parseGeocodingAnswer(JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: point(4.3517, 50.8466), properties: { label: 'Grand-Place 1000 Bruxelles', name: 'Grand-Place', postcode: '1000', city: 'Bruxelles', score: 0.9 } },
        { type: 'Feature', geometry: point(-0.1276, 51.5072), properties: { label: 'Trafalgar Square, London WC2N 5DN', postcode: 'WC2N 5DN', city: 'London', score: 0.8 } },
        { type: 'Feature', geometry: point(55.45, -20.88), properties: { label: '1 Rue de Paris 97400 Saint-Denis', housenumber: '1', street: 'Rue de Paris', postcode: '97400', city: 'Saint-Denis', score: 0.5 } },
      ],
    }))
    if (!answer.ok) throw new Error('garbage')
    expect(answer.results.map((result) => [result.label, result.postcode, result.inFrance])).toEqual([
      ['1 Rue de Paris 97400 Saint-Denis', '97400', true],
      ['Grand-Place 1000 Bruxelles', '', false],
      ['Trafalgar Square, London WC2N 5DN', '', false],
    ])
    expect(answer.results[1]).toMatchObject({ line: 'Grand-Place', city: 'Bruxelles' })
  })
})
