import { describe, expect, it } from 'vitest'
import type { Kerb, Placement, Vehicle } from '../model'
import { footprintsOverlap, fromLocalMetres, type LatLng } from './footprint'
import { copyDayPlan } from './planCopy'
import { spanAlongLine } from './streetExtent'
import { placementFootprintInput } from './vehiclePlan'
import { planNumbers } from './vehiclePlanEditing'

const ORIGIN: LatLng = [48.8566, 2.3522]
const at = (east: number, north: number) => fromLocalMetres(ORIGIN, { east, north })
/** 40 m of kerb running east, numbered 1 to 17 côté impair (a house every 5 m). */
const kerb: Kerb = { id: 'k1', street: 'Rue des Martyrs', side: 'odd', startNumber: 1, endNumber: 17, points: [at(0, 5), at(40, 5)] }
const base = { productionId: 'p', updatedAt: '2026-01-01T00:00:00Z', deletedAt: null }
const vehicle = (id: string, createdAt: string, lengthM = 6.5): Vehicle =>
  ({ ...base, id, name: id, kind: 'van', lengthM, widthM: 2.2, createdAt }) as Vehicle
const sizes = new Map([vehicle('camera', '2026-01-01'), vehicle('deco', '2026-01-02'), vehicle('loges', '2026-01-03', 12)].map((v) => [v.id, v]))
/** A vehicle parked along the kerb from `from` metres, on `shootDayId`. */
const parked = (id: string, vehicleId: string, from: number, shootDayId = 'd1', extra: Partial<Placement> = {}): Placement => {
  const [lat, lng] = at(from + sizes.get(vehicleId)!.lengthM / 2, 3.9)
  return {
    ...base, createdAt: '2026-02-01', id, vehicleId, shootDayId, locationId: 'loc', lat, lng, heading: 90, onStreet: true,
    kerbId: 'k1', street: kerb.street, side: 'odd', fromNumber: null, toNumber: null, arrival: '06:00', departure: '20:00', notes: '', ...extra,
  } as Placement
}
const source = { kerbs: [kerb], baseCamp: null }
const sourcePlan = [parked('p1', 'camera', 0, 'd1', { fromNumber: 1, toNumber: 3 }), parked('p2', 'deco', 7, 'd1', { locationId: 'other' })]
const target = (extra = {}) => ({ id: 'd2', locationIds: ['loc'], kerbs: [] as Kerb[], baseCamp: null, ...extra })
const footprintOf = (fields: Record<string, unknown>) => placementFootprintInput(fields as Placement, sizes.get(fields.vehicleId as string))

describe('copyDayPlan', () => {
  it('copies positions, times and street extents to an empty day, with the kerbs, clearing a décor the day does not shoot', () => {
    const copy = copyDayPlan(source, sourcePlan, target(), [], 'complete', sizes)
    expect(copy.placements).toHaveLength(2)
    expect(copy.placements[0]).toMatchObject({ vehicleId: 'camera', shootDayId: 'd2', arrival: '06:00', locationId: 'loc', lat: sourcePlan[0]!.lat, fromNumber: 1, toNumber: 3 })
    expect(copy.placements[0]).not.toHaveProperty('id')
    expect(copy.decorCleared).toEqual(['deco'])
    expect(copy.placements[1]).toMatchObject({ locationId: '' })
    expect(copy.kerbs.map((k) => k.id)).toEqual(['k1'])
    expect(copy).toMatchObject({ removed: [], alreadyPlaced: [], toPlace: [] })
  })

  it('completes a day that has vehicles: skips those already there, leaves its own as they are', () => {
    const own = parked('x', 'deco', 20, 'd2')
    const copy = copyDayPlan(source, sourcePlan, target({ kerbs: [kerb] }), [own], 'complete', sizes)
    expect(copy.alreadyPlaced).toEqual(['deco'])
    expect(copy.placements.map((p) => p.vehicleId)).toEqual(['camera'])
    expect(copy.removed).toEqual([])
    // A second copy adds nothing in "compléter"...
    const again = copyDayPlan(source, sourcePlan, target({ kerbs: [kerb] }), [own, { ...parked('y', 'camera', 0, 'd2') }], 'complete', sizes)
    expect(again.placements).toEqual([])
  })

  it('replaces a day\'s plan: its vehicles removed, every vehicle copied where it stands, its kerbs and base camp replaced', () => {
    const own = [parked('x', 'deco', 20, 'd2'), parked('y', 'loges', 28, 'd2')]
    const otherKerb: Kerb = { ...kerb, id: 'k2', street: 'Rue Clauzel' }
    const camp = { label: 'Parking', onStreet: false, points: [at(0, -30), at(20, -30), at(20, -10)] }
    const copy = copyDayPlan(source, sourcePlan, target({ kerbs: [otherKerb], baseCamp: camp }), own, 'replace', sizes)
    expect(copy.removed).toEqual(['x', 'y'])
    expect(copy.placements.map((p) => [p.vehicleId, p.lat])).toEqual([['camera', sourcePlan[0]!.lat], ['deco', sourcePlan[1]!.lat]])
    expect(copy.alreadyPlaced).toEqual([])
    expect(copy.kerbs.map((k) => k.id)).toEqual(['k1'])
    expect(copy.baseCamp).toBeNull()
  })

  it('slides a copy whose place is taken along its kerb to a free spot, else copies it "à placer", never on top', () => {
    // The target day has the loges from 0 to 12 m: the camera truck's place (0 to 6.5 m) is taken.
    const loges = parked('x', 'loges', 0, 'd2', { fromNumber: 1, toNumber: 5 })
    const copy = copyDayPlan(source, [sourcePlan[0]!], target({ kerbs: [kerb] }), [loges], 'complete', sizes)
    const moved = copy.placements[0]!
    expect(copy.toPlace).toEqual([])
    expect(footprintsOverlap(footprintOf(moved)!, footprintOf(loges)!)).toBe(false)
    const span = spanAlongLine(footprintOf(moved)!, kerb.points as LatLng[])!
    expect(span.from).toBeGreaterThanOrEqual(12 - 0.01)
    expect(span.to).toBeLessThanOrEqual(40 + 0.01)
    // Its numbers follow where it now stands, clear of the loges'.
    expect(moved).toMatchObject({ kerbId: 'k1', street: 'Rue des Martyrs', fromNumber: 7, toNumber: 7 })

    // A kerb full from end to end: copied with no place, listed "à placer".
    const full = [loges, parked('y', 'loges', 12, 'd2'), parked('z', 'loges', 24, 'd2'), parked('w', 'deco', 36 - 2.5, 'd2')]
    const crowded = copyDayPlan(source, [sourcePlan[0]!], target({ kerbs: [kerb] }), full, 'complete', sizes)
    expect(crowded.toPlace).toEqual(['camera'])
    expect(crowded.placements[0]).toMatchObject({ vehicleId: 'camera', lat: null, lng: null, kerbId: '', street: '', fromNumber: null, arrival: '06:00' })
  })

  it('keeps each vehicle\'s number on the copied day', () => {
    const catalogue = new Map([...sizes])
    const copy = copyDayPlan(source, sourcePlan, target(), [], 'complete', sizes)
    // The copies are created in one go (one timestamp, another order): the numbers are still the vehicles'.
    const copies = copy.placements.reverse().map((fields, i) => ({ ...fields, id: `c${i}`, createdAt: '2026-03-01' }) as Placement)
    const before = planNumbers(sourcePlan, catalogue)
    const after = planNumbers(copies, catalogue)
    for (const original of sourcePlan) {
      const copied = copies.find((c) => c.vehicleId === original.vehicleId)!
      expect(after.get(copied.id)).toBe(before.get(original.id))
    }
  })
})
