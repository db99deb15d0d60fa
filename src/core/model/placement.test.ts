import { describe, expect, it } from 'vitest'
import { departureAfterArrival, PlacementInputSchema, PlacementSchema } from './placement'
import { validate } from './validate'

const input = { vehicleId: 'veh-1', shootDayId: 'day-1' }
const record = { id: 'pl-1', productionId: 'prod-1', createdAt: '2025-03-01T08:00:00Z', updatedAt: '2025-03-01T08:00:00Z', ...input }

describe('placement times', () => {
  it('accepts a departure after the arrival', () => {
    expect(validate(PlacementInputSchema, { ...input, arrival: '06:30', departure: '20:00' })).toMatchObject({
      ok: true,
      value: { arrival: '06:30', departure: '20:00' },
    })
  })

  it.each([
    ['10:00', '09:59'],
    ['23:00', '01:00'],
    ['12:00', '00:00'],
  ])('rejects arrival %s and departure %s at path departure', (arrival, departure) => {
    const expected = { ok: false, errors: { departure: 'validation.departureBeforeArrival' } }
    expect(validate(PlacementInputSchema, { ...input, arrival, departure })).toEqual(expected)
    expect(validate(PlacementSchema, { ...record, arrival, departure })).toEqual(expected)
  })

  it('lets either time be unknown', () => {
    expect(validate(PlacementInputSchema, { ...input, arrival: '07:00' }).ok).toBe(true)
    expect(validate(PlacementInputSchema, { ...input, departure: '07:00' }).ok).toBe(true)
    expect(validate(PlacementInputSchema, { ...input, arrival: '', departure: '' }).ok).toBe(true)
  })

  it('reports a malformed time rather than a misleading order error', () => {
    expect(validate(PlacementInputSchema, { ...input, arrival: '7h', departure: '06:00' })).toEqual({
      ok: false,
      errors: { arrival: 'validation.time' },
    })
  })

  it('departureAfterArrival compares HH:MM strings', () => {
    expect(departureAfterArrival({ arrival: '08:00', departure: '08:01' })).toBe(true)
    expect(departureAfterArrival({ arrival: '08:01', departure: '08:00' })).toBe(false)
    expect(departureAfterArrival({})).toBe(true)
  })
})

describe('placement position', () => {
  it('checks coordinates and heading', () => {
    expect(validate(PlacementInputSchema, { ...input, lat: 48.86, lng: 2.35, heading: 270 }).ok).toBe(true)
    expect(validate(PlacementInputSchema, { ...input, lat: 100 })).toEqual({ ok: false, errors: { lat: 'validation.latitude' } })
    expect(validate(PlacementInputSchema, { ...input, lng: 200 })).toEqual({ ok: false, errors: { lng: 'validation.longitude' } })
    expect(validate(PlacementInputSchema, { ...input, heading: 361 })).toEqual({ ok: false, errors: { heading: 'validation.heading' } })
    expect(validate(PlacementInputSchema, { ...input, heading: -1 })).toEqual({ ok: false, errors: { heading: 'validation.heading' } })
  })

  it('only knows the even and odd sides of a street', () => {
    expect(validate(PlacementInputSchema, { ...input, side: 'even' }).ok).toBe(true)
    expect(validate(PlacementInputSchema, { ...input, side: 'left' })).toEqual({ ok: false, errors: { side: 'validation.choice' } })
  })

  it('keeps unknown fields through the time check', () => {
    expect(validate(PlacementSchema, { ...record, arrival: '06:00', departure: '07:00', footprintColor: 'red' })).toMatchObject({
      ok: true,
      value: { footprintColor: 'red' },
    })
  })
})
