import { describe, expect, it } from 'vitest'
import { DEFAULT_FOOTPRINTS, VEHICLE_KINDS } from '../model/vehicle'
import { defaultSize, proposedSize, sizeAfterKindChange } from './vehicleSize'

describe('vehicle sizes by kind', () => {
  it('gives each kind the typical size of DOMAIN.md', () => {
    expect(defaultSize('electricTruck')).toEqual({ lengthM: 10, widthM: 2.55 })
    expect(defaultSize('van')).toEqual({ lengthM: 6.5, widthM: 2.2 })
    expect(defaultSize('dressingRoom')).toEqual({ lengthM: 12, widthM: 2.55 })
    expect(defaultSize('catering')).toEqual({ lengthM: 11, widthM: 2.55 })
    expect(defaultSize('generator')).toEqual({ lengthM: 4, widthM: 2 })
    expect(defaultSize('pictureCar')).toEqual({ lengthM: 4.5, widthM: 1.8 })
    expect(defaultSize('spaceship')).toEqual(DEFAULT_FOOTPRINTS.other)
    // A copy: changing it never changes the table.
    defaultSize('van').lengthM = 99
    expect(DEFAULT_FOOTPRINTS.van.lengthM).toBe(6.5)
  })

  it('follows a change of kind while the size is the old kind\'s typical one, never a size the user typed', () => {
    expect(sizeAfterKindChange({ lengthM: 6.5, widthM: 2.2 }, 'van', 'dressingRoom')).toEqual({ lengthM: 12, widthM: 2.55 })
    expect(sizeAfterKindChange({ lengthM: 12, widthM: 2.55 }, 'dressingRoom', 'generator')).toEqual({ lengthM: 4, widthM: 2 })
    expect(sizeAfterKindChange({ lengthM: 9.8, widthM: 2.55 }, 'electricTruck', 'gripTruck')).toBeNull()
    expect(sizeAfterKindChange({ lengthM: 10, widthM: 2.4 }, 'electricTruck', 'hmc')).toBeNull()
    // Same typical size (électro and machino): nothing to change; an unknown kind: nothing either.
    expect(sizeAfterKindChange({ lengthM: 10, widthM: 2.55 }, 'electricTruck', 'gripTruck')).toBeNull()
    expect(sizeAfterKindChange({ lengthM: 6.5, widthM: 2.2 }, 'van', 'spaceship')).toBeNull()
  })

  it('proposes the typical size to a vehicle still at the former 6.5 x 2.2 m of every kind, and only then', () => {
    expect(proposedSize({ kind: 'electricTruck', lengthM: 6.5, widthM: 2.2 })).toEqual({ lengthM: 10, widthM: 2.55 })
    expect(proposedSize({ kind: 'pictureCar', lengthM: 6.5, widthM: 2.2 })).toEqual({ lengthM: 4.5, widthM: 1.8 })
    expect(proposedSize({ kind: 'van', lengthM: 6.5, widthM: 2.2 })).toBeNull()
    expect(proposedSize({ kind: 'productionOffice', lengthM: 6.5, widthM: 2.2 })).toBeNull()
    // "Autre" (a minibus, a truck of no listed kind): 6.5 x 2.2 m is as likely as anything.
    expect(proposedSize({ kind: 'other', lengthM: 6.5, widthM: 2.2 })).toBeNull()
    expect(proposedSize({ kind: 'electricTruck', lengthM: 6.6, widthM: 2.2 })).toBeNull()
    for (const kind of VEHICLE_KINDS) expect(proposedSize({ kind, ...defaultSize(kind) })).toBeNull()
  })
})
