import { describe, expect, it } from 'vitest'
import { geoplateformeGeocoder } from '../../core/model/mapConfig'
import { reverseGeocode, searchAddresses } from './geocoder'

const geocoder = geoplateformeGeocoder('http://localhost:4518')
const collection = JSON.stringify({ type: 'FeatureCollection', features: [] })
const online = () => true

describe('asking the geocoder', () => {
  it('searches addresses with autocompletion on the address index, and reverse-geocodes a point', async () => {
    const asked: string[] = []
    const fetcher = (async (url: string) => {
      asked.push(url)
      return new Response(collection)
    }) as typeof fetch
    expect(await searchAddresses(geocoder, '25 rue de Mog', { fetcher, isOnline: online, around: { lat: 48.87, lng: 2.33 } })).toEqual({ ok: true, results: [] })
    expect(await reverseGeocode(geocoder, { lat: 48.8427, lng: 2.3497 }, { fetcher, isOnline: online })).toEqual({ ok: true, results: [] })
    expect(asked).toEqual([
      'http://localhost:4518/geocodage/search?q=25+rue+de+Mog&index=address&autocomplete=1&limit=6&lat=48.87000&lon=2.33000',
      'http://localhost:4518/geocodage/reverse?lon=2.349700&lat=48.842700&index=address&limit=3',
    ])
  })

  it('turns each failure into a reason: no network, too slow, 429 with its retry-after, refused, unreadable, none configured', async () => {
    const never = (() => new Promise<Response>((_, reject) => setTimeout(() => reject(new DOMException('timeout', 'TimeoutError')), 50))) as typeof fetch
    expect(await searchAddresses(geocoder, 'rue', { isOnline: () => false })).toEqual({ ok: false, reason: 'offline' })
    expect(await searchAddresses(geocoder, 'rue', { fetcher: never, timeoutMs: 10, isOnline: online })).toEqual({ ok: false, reason: 'timeout' })
    const busy = (async () => new Response('<html>Erreur 429</html>', { status: 429, headers: { 'retry-after': '5' } })) as typeof fetch
    expect(await searchAddresses(geocoder, 'rue', { fetcher: busy, isOnline: online })).toEqual({ ok: false, reason: 'busy', retryAfterS: 5 })
    const broken = (async () => new Response('oops', { status: 500 })) as typeof fetch
    expect(await reverseGeocode(geocoder, { lat: 1, lng: 2 }, { fetcher: broken, isOnline: online })).toEqual({ ok: false, reason: 'failed' })
    const garbage = (async () => new Response('<html>maintenance</html>', { status: 200 })) as typeof fetch
    expect(await searchAddresses(geocoder, 'rue', { fetcher: garbage, isOnline: online })).toEqual({ ok: false, reason: 'garbage' })
    const dropped = (async () => { throw new TypeError('Failed to fetch') }) as typeof fetch
    expect(await searchAddresses(geocoder, 'rue', { fetcher: dropped, isOnline: online })).toEqual({ ok: false, reason: 'failed' })
    expect(await searchAddresses(null, 'rue')).toEqual({ ok: false, reason: 'unconfigured' })
  })
})
