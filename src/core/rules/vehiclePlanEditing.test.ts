import { describe, expect, it } from 'vitest'
import type { Kerb, Placement, Vehicle } from '../model'
import { footprintsOverlap, fromLocalMetres, metresBetween, toLocalMetres, type LatLng } from './footprint'
import { spanAlongLine } from './streetExtent'
import {
  defaultPlanDay, droppedFields, extentsAfterResize, freeSpotNear, kerbFollowers, kerbTooShort, planNumbers, turnedFields, vehicleNumbers,
} from './vehiclePlanEditing'

const ORIGIN: LatLng = [48.8763, 2.3387]
const at = (east: number, north: number) => fromLocalMetres(ORIGIN, { east, north })
const local = (lat: number, lng: number) => toLocalMetres(ORIGIN, [lat, lng])
/** 100 m of kerb running east, 5 m north of the origin, numbered 2 to 42 côté pair. */
const kerb: Kerb = { id: 'k1', street: 'Rue de Châteaudun', side: 'even', startNumber: 2, endNumber: 42, points: [at(0, 5), at(100, 5)] }
const van = { lengthM: 6.5, widthM: 2.2 }
const day = { kerbs: [kerb], baseCamp: null }

describe('droppedFields', () => {
  it('parks a vehicle dropped 3 m from a kerb along it, with the street, the side and the house numbers', () => {
    const [lat, lng] = at(50, 2)
    const fields = droppedFields({ kerbId: '', onStreet: true }, van, { lat, lng, heading: 80 }, day)
    expect(fields).toMatchObject({ kerbId: 'k1', street: 'Rue de Châteaudun', side: 'even', heading: 90, onStreet: true })
    const centre = local(fields.lat as number, fields.lng as number)
    expect(centre.north).toBeCloseTo(5 - 1.1, 3)
    expect(centre.east).toBeCloseTo(50, 3)
    // 46.75 m to 53.25 m of 100 m between numbers 2 and 42 (a house every 5 m): the house at 50 m.
    expect(fields).toMatchObject({ fromNumber: 22, toNumber: 22 })
  })

  it('leaves a vehicle dropped 30 m from any kerb where it was dropped, and unlinks it from its old kerb', () => {
    const [lat, lng] = at(50, -30)
    const fields = droppedFields({ kerbId: 'k1', onStreet: true }, van, { lat, lng, heading: 370 }, day)
    expect(fields).toEqual({ lat, lng, heading: 10, kerbId: '', street: '', side: '', fromNumber: null, toNumber: null })
    expect(droppedFields({ kerbId: '', onStreet: true }, van, { lat, lng, heading: 0 }, day)).toEqual({ lat, lng, heading: 0 })
  })

  it('keeps a street typed by hand (no kerb) through a nudge, and drops it once the vehicle is dragged away', () => {
    const [lat, lng] = at(50, -30)
    const typed = { kerbId: '', onStreet: true, lat, lng, street: 'Rue Clauzel', fromNumber: 3, toNumber: 7 }
    const [nLat, nLng] = at(53, -31)
    expect(droppedFields(typed, van, { lat: nLat, lng: nLng, heading: 0 }, day)).toEqual({ lat: nLat, lng: nLng, heading: 0 })
    const [fLat, fLng] = at(50, -80)
    expect(droppedFields(typed, van, { lat: fLat, lng: fLng, heading: 0 }, day)).toMatchObject({ street: '', fromNumber: null, toNumber: null })
  })

  it('takes the houses its neighbours along the kerb leave it', () => {
    const [lat, lng] = at(53, 3)
    const generator = { lengthM: 4, widthM: 2 }
    const neighbour = { id: 'n', kerbId: 'k1', fromNumber: 24, toNumber: 28 }
    expect(droppedFields({ id: 'g', kerbId: '', onStreet: true }, generator, { lat, lng, heading: 90 }, day, [neighbour])).toMatchObject({ fromNumber: 22, toNumber: 22 })
    // Its own old numbers are not a neighbour's.
    expect(droppedFields({ id: 'n', kerbId: 'k1', onStreet: true }, generator, { lat, lng, heading: 90 }, day, [neighbour])).toMatchObject({ fromNumber: 24 })
  })

  it('says when the kerb near a drop is shorter than the vehicle, and then does not park it along it', () => {
    const short: Kerb = { ...kerb, points: [at(0, 5), at(8, 5)] }
    const [lat, lng] = at(4, 3)
    const loges = { lengthM: 12, widthM: 2.55 }
    expect(kerbTooShort({ lat, lng, heading: 90 }, loges, { kerbs: [short], baseCamp: null })).toMatchObject({ kerb: short, kerbLengthM: expect.closeTo(8, 2) })
    expect(droppedFields({ kerbId: '', onStreet: true }, loges, { lat, lng, heading: 90 }, { kerbs: [short], baseCamp: null })).toEqual({ lat, lng, heading: 90 })
    expect(kerbTooShort({ lat, lng, heading: 90 }, van, { kerbs: [short], baseCamp: null })).toBeNull()
  })

  it('takes the base camp\'s "on the street" when dropped inside it', () => {
    const baseCamp = { label: 'Parking Drouot', onStreet: false, points: [at(-10, -60), at(40, -60), at(40, -20), at(-10, -20)] }
    const [lat, lng] = at(10, -40)
    expect(droppedFields({ kerbId: '', onStreet: true }, van, { lat, lng, heading: 0 }, { kerbs: [kerb], baseCamp })).toMatchObject({ onStreet: false })
    const [outLat, outLng] = at(80, -40)
    expect(droppedFields({ kerbId: '', onStreet: true }, van, { lat: outLat, lng: outLng, heading: 0 }, { kerbs: [kerb], baseCamp })).not.toHaveProperty('onStreet')
  })
})

describe('freeSpotNear', () => {
  it('lines vehicles added at the same spot up along the kerb instead of piling them up', () => {
    const [lat, lng] = at(50, 0)
    const placed: { lat: number; lng: number; heading: number; lengthM: number; widthM: number }[] = []
    for (let i = 0; i < 6; i++) placed.push({ ...freeSpotNear({ lat, lng }, van, day, placed)!, ...van })
    for (let i = 0; i < placed.length; i++) {
      expect(placed[i]!.heading).toBe(90)
      expect(local(placed[i]!.lat, placed[i]!.lng).north).toBeCloseTo(3.9, 3)
      for (let j = i + 1; j < placed.length; j++) expect(footprintsOverlap(placed[i]!, placed[j]!)).toBe(false)
    }
    // Within about three vans' lengths of where they were asked for.
    expect(Math.max(...placed.map((spot) => metresBetween([spot.lat, spot.lng], at(50, 3.9))))).toBeLessThan(22)
  })

  it('drops a vehicle where asked, facing east, with no kerb near', () => {
    const [lat, lng] = at(0, -200)
    expect(freeSpotNear({ lat, lng }, van, day, [])).toEqual({ lat, lng, heading: 90 })
  })

  it('never puts a vehicle past the kerb\'s ends: a full kerb, or one shorter than the vehicle, has no spot', () => {
    const short: Kerb = { ...kerb, points: [at(0, 5), at(20, 5)] }
    const shortDay = { kerbs: [short], baseCamp: null }
    const [lat, lng] = at(18, 2)
    const placed: { lat: number; lng: number; heading: number; lengthM: number; widthM: number }[] = []
    for (let i = 0; i < 3; i++) {
      const spot = freeSpotNear({ lat, lng }, van, shortDay, placed)
      expect(spot).not.toBeNull()
      const span = spanAlongLine({ ...spot!, ...van }, short.points as LatLng[])!
      expect(span.from).toBeGreaterThanOrEqual(-0.011)
      expect(span.to).toBeLessThanOrEqual(20.011)
      placed.push({ ...spot!, ...van })
    }
    // 20 m hold three vans of 6.5 m, not four; and no 25 m truck.
    expect(freeSpotNear({ lat, lng }, van, shortDay, placed)).toBeNull()
    expect(freeSpotNear({ lat, lng }, { lengthM: 25, widthM: 2.55 }, shortDay, [])).toBeNull()
  })
})

describe('kerbFollowers', () => {
  const vans = new Map([['v1', van], ['v2', van]])
  const parkedAt = (id: string, vehicleId: string, east: number, numbers: [number, number]) => {
    const [lat, lng] = at(east, 3.9)
    return { id, vehicleId, kerbId: 'k1', lat, lng, heading: 90, street: 'Rue de Châteaudun', side: 'even', fromNumber: numbers[0], toNumber: numbers[1] } as Placement
  }
  const row = [parkedAt('p2', 'v2', 56.5, [24, 24]), parkedAt('p1', 'v1', 50, [22, 22])]

  it('renames the street and renumbers the vehicles parked along an edited kerb, one after the other', () => {
    expect(kerbFollowers('k1', kerb, row, vans)).toEqual([])
    const renamed = kerbFollowers('k1', { ...kerb, street: 'Rue Laffitte', startNumber: 1, endNumber: 41, side: 'odd' }, row, vans)
    expect(renamed).toEqual([
      { id: 'p1', fields: { street: 'Rue Laffitte', side: 'odd', fromNumber: 21, toNumber: 21 } },
      { id: 'p2', fields: { street: 'Rue Laffitte', side: 'odd', fromNumber: 23, toNumber: 23 } },
    ])
  })

  it('renumbers vehicles that claim the same houses (numbered before) when their kerb is saved again', () => {
    const before = [parkedAt('p2', 'v2', 56.5, [22, 26]), parkedAt('p1', 'v1', 50, [20, 24])]
    expect(kerbFollowers('k1', kerb, before, vans)).toEqual([
      { id: 'p1', fields: { fromNumber: 22, toNumber: 22 } },
      { id: 'p2', fields: { fromNumber: 24, toNumber: 24 } },
    ])
  })

  it('unlinks vehicles from a removed kerb, keeping their street', () => {
    expect(kerbFollowers('k1', null, row, vans)).toEqual([{ id: 'p2', fields: { kerbId: '' } }, { id: 'p1', fields: { kerbId: '' } }])
    expect(kerbFollowers('k1', null, row.map((p) => ({ ...p, kerbId: '' })), vans)).toEqual([])
  })
})

describe('turnedFields and extentsAfterResize', () => {
  const [lat, lng] = at(50, 3.9)
  const truck = { id: 'p1', vehicleId: 'v1', shootDayId: 'd1', kerbId: 'k1', lat, lng, heading: 90, fromNumber: 20, toNumber: 24 } as Placement
  const porteur = { lengthM: 12, widthM: 2.55 }

  it('renumbers a vehicle turned across its kerb: it now stands in front of fewer houses', () => {
    // 12 m from 44 m to 56 m: the houses at 45, 50 and 55 m.
    expect(turnedFields(truck, porteur, 90, day)).toEqual({ heading: 90, fromNumber: 20, toNumber: 24 })
    expect(turnedFields(truck, porteur, 180.4, day)).toEqual({ heading: 180, fromNumber: 22, toNumber: 22 })
    // Not along a kerb: the heading alone.
    expect(turnedFields({ ...truck, kerbId: '' }, porteur, 370, day)).toEqual({ heading: 10 })
  })

  it('renumbers the placements of a resized vehicle along their kerbs, on every day', () => {
    const days = [{ id: 'd1', kerbs: [kerb] }, { id: 'd2', kerbs: [] }]
    const asVan = { ...truck, fromNumber: 22, toNumber: 22 }
    expect(extentsAfterResize('v1', porteur, days, [asVan, { ...asVan, id: 'p9', vehicleId: 'v9' }])).toEqual([{ id: 'p1', fields: { fromNumber: 20, toNumber: 24 } }])
    expect(extentsAfterResize('v1', porteur, days, [{ ...asVan, shootDayId: 'd2' }])).toEqual([])
  })
})

describe('defaultPlanDay, vehicleNumbers and planNumbers', () => {
  const days = [{ id: 'b', date: '2027-03-10', number: 2 }, { id: 'a', date: '2027-03-08', number: 1 }, { id: 'c', date: '2027-03-12', number: 3 }]

  it('opens on the next shoot day from today, else the first', () => {
    expect(defaultPlanDay(days, '2027-03-09')?.id).toBe('b')
    expect(defaultPlanDay(days, '2027-03-10')?.id).toBe('b')
    expect(defaultPlanDay(days, '2027-04-01')?.id).toBe('a')
    expect(defaultPlanDay([], '2027-04-01')).toBeUndefined()
  })

  const fleet = new Map(([
    ['v1', 'Loges', '2027-01-02'], ['v2', 'Cantine', '2027-01-01'], ['v3', 'Camion caméra', '2027-01-01'], ['v4', 'HMC', '2027-01-03'],
  ] as const).map(([id, name, createdAt]) => [id, { id, name, createdAt } as Vehicle]))

  it('numbers vehicles in the order they were added to the production, never by their names', () => {
    expect([...vehicleNumbers(fleet.values())]).toEqual([['v2', 1], ['v3', 2], ['v1', 3], ['v4', 4]])
    // Renamed: same numbers.
    const renamed = new Map([...fleet].map(([id, vehicle]) => [id, { ...vehicle, name: `Zz ${vehicle.name}` }]))
    expect(vehicleNumbers(renamed.values())).toEqual(vehicleNumbers(fleet.values()))
  })

  it('gives a placement its vehicle\'s number, the same on every day whatever the order they were placed in', () => {
    const day1 = planNumbers([
      { id: 'a1', vehicleId: 'v1', createdAt: '2027-02-01' }, { id: 'a2', vehicleId: 'v4', createdAt: '2027-02-02' }, { id: 'a3', vehicleId: 'v3', createdAt: '2027-02-03' },
    ], fleet)
    // Day 2, a copy: made in one go, in another order, without the HMC.
    const day2 = planNumbers([{ id: 'b1', vehicleId: 'v3', createdAt: '2027-02-05' }, { id: 'b2', vehicleId: 'v1', createdAt: '2027-02-05' }], fleet)
    expect([...day1]).toEqual([['a1', 3], ['a2', 4], ['a3', 2]])
    expect([...day2]).toEqual([['b1', 2], ['b2', 3]])
    // A vehicle removed from the fleet since: numbered after the fleet.
    expect(planNumbers([{ id: 'c1', vehicleId: 'gone', createdAt: '2027-02-01' }, { id: 'c2', vehicleId: 'v2', createdAt: '2027-02-01' }], fleet))
      .toEqual(new Map([['c2', 1], ['c1', 5]]))
  })
})
