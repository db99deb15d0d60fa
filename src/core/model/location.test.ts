import { describe, expect, it } from 'vitest'
import { LocationInputSchema, LocationSchema } from './location'
import { validate } from './validate'

const input = { name: 'Église Saint-Eustache', intExt: 'INT', setting: 'natural', status: 'scouted' }
const record = { id: 'loc-1', productionId: 'prod-1', createdAt: '2025-03-01T08:00:00Z', updatedAt: '2025-03-01T08:00:00Z', ...input }

describe('location', () => {
  it('holds a GPS point inside the world', () => {
    expect(validate(LocationInputSchema, { ...input, lat: 48.8634, lng: 2.345 })).toMatchObject({ ok: true, value: { lat: 48.8634, lng: 2.345 } })
    expect(validate(LocationInputSchema, { ...input, lat: 91, lng: 2.345 })).toEqual({ ok: false, errors: { lat: 'validation.latitude' } })
    expect(validate(LocationInputSchema, { ...input, lat: 48.8, lng: -180.5 })).toEqual({ ok: false, errors: { lng: 'validation.longitude' } })
    expect(validate(LocationSchema, { ...record, lat: -90.01, lng: 181 })).toEqual({
      ok: false,
      errors: { lat: 'validation.latitude', lng: 'validation.longitude' },
    })
  })

  it('accepts a location not yet placed on the map', () => {
    expect(validate(LocationInputSchema, input)).toMatchObject({ ok: true, value: { lat: null, lng: null } })
  })

  it('only accepts the scouting statuses', () => {
    for (const status of ['toScout', 'scouted', 'option', 'confirmed', 'rejected']) {
      expect(validate(LocationInputSchema, { ...input, status }).ok).toBe(true)
    }
    expect(validate(LocationInputSchema, { ...input, status: 'maybe' })).toEqual({ ok: false, errors: { status: 'validation.choice' } })
    expect(validate(LocationInputSchema, { ...input, intExt: 'int' })).toEqual({ ok: false, errors: { intExt: 'validation.choice' } })
  })

  it('reports errors inside contacts and rooms at their dot path', () => {
    const result = validate(LocationInputSchema, {
      ...input,
      contacts: [{ role: 'owner', name: 'M. Martin' }, { role: 'guardian', email: 'gardien@' }],
      rooms: [{ name: 'Salon', ceilingHeightM: -2 }],
    })
    expect(result).toEqual({
      ok: false,
      errors: {
        'contacts.1.name': 'validation.required',
        'contacts.1.email': 'validation.email',
        'rooms.0.ceilingHeightM': 'validation.nonNegative',
      },
    })
  })

  it('keeps unknown fields of nested contacts and rooms', () => {
    const result = validate(LocationInputSchema, {
      ...input,
      contacts: [{ role: 'agency', name: 'Agence X', whatsapp: '+33600000000' }],
      rooms: [{ name: 'Cave', humidity: 'high' }],
    })
    expect(result).toMatchObject({
      ok: true,
      value: { contacts: [{ whatsapp: '+33600000000' }], rooms: [{ name: 'Cave', humidity: 'high', lengthM: null }] },
    })
  })

  it('keeps advantages, nuisances and arrangements as trimmed lists', () => {
    const result = validate(LocationInputSchema, { ...input, advantages: [' Lumière sud '], nuisances: ['École à 50 m'] })
    expect(result).toMatchObject({ ok: true, value: { advantages: ['Lumière sud'], nuisances: ['École à 50 m'], arrangements: [] } })
  })
})
