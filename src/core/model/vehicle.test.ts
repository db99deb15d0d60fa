import { describe, expect, it } from 'vitest'
import { DEFAULT_FOOTPRINTS, VEHICLE_KINDS, VehicleInputSchema } from './vehicle'
import { validate } from './validate'

const input = { name: 'Porteur électro', kind: 'electricTruck', lengthM: 10, widthM: 2.55 }

describe('vehicle footprint', () => {
  it('accepts real vehicle sizes', () => {
    expect(validate(VehicleInputSchema, input).ok).toBe(true)
    expect(validate(VehicleInputSchema, { ...input, lengthM: 0.5, widthM: 0.5 }).ok).toBe(true)
    expect(validate(VehicleInputSchema, { ...input, lengthM: 25, widthM: 8 }).ok).toBe(true)
  })

  it.each([
    ['zero length', { lengthM: 0 }, 'lengthM'],
    ['zero width', { widthM: 0 }, 'widthM'],
    ['negative length', { lengthM: -6.5 }, 'lengthM'],
    ['a 200 m van', { lengthM: 200 }, 'lengthM'],
    ['a 30 m wide truck', { widthM: 30 }, 'widthM'],
    ['a few centimetres', { lengthM: 0.2 }, 'lengthM'],
  ])('rejects %s', (_, sizes, path) => {
    expect(validate(VehicleInputSchema, { ...input, ...sizes })).toEqual({ ok: false, errors: { [path]: 'validation.vehicleSize' } })
  })

  it('rejects a size that is not a number', () => {
    expect(validate(VehicleInputSchema, { ...input, lengthM: '10' })).toEqual({ ok: false, errors: { lengthM: 'validation.number' } })
  })

  it('has a valid default footprint for every kind', () => {
    expect(Object.keys(DEFAULT_FOOTPRINTS).sort()).toEqual([...VEHICLE_KINDS].sort())
    for (const kind of VEHICLE_KINDS) {
      expect(validate(VehicleInputSchema, { name: kind, kind, ...DEFAULT_FOOTPRINTS[kind] }).ok).toBe(true)
    }
  })
})
