import { describe, expect, it } from 'vitest'
import type { Kerb, Placement } from '../model'
import { fromLocalMetres, placementFootprint, toLocalMetres, type LatLng } from './footprint'
import { extentConflicts, kerbExtent, kerbSideErrors, parkAlongKerb, typedExtentErrors, wrongSideNumbers, type KerbParking } from './kerbParking'
import { spanAlongLine } from './streetExtent'

const ORIGIN: LatLng = [48.8566, 2.3522]
const at = (east: number, north: number) => fromLocalMetres(ORIGIN, { east, north })
/** 100 m of kerb running east, 5 m north of the origin, numbered 2 to 42 côté pair: a house every 5 m. */
const kerb: Kerb = { id: 'k1', street: 'Rue de la Roquette', side: 'even', startNumber: 2, endNumber: 42, points: [at(0, 5), at(100, 5)] }
const van = { lengthM: 6.5, widthM: 2.2 }
/** A vehicle lying along the kerb from `from` to `from + lengthM` metres. */
const along = (from: number, lengthM = 6.5) => {
  const [lat, lng] = at(from + lengthM / 2, 3.9)
  return { lat, lng, heading: 90, lengthM, widthM: 2.2 }
}
const parkedOf = (result: ReturnType<typeof parkAlongKerb>): KerbParking => {
  if (!result || !('parked' in result)) throw new Error(`not parked: ${JSON.stringify(result)}`)
  return result.parked
}

describe('the kerb side rule', () => {
  it('refuses even numbers côté impair and odd ones côté pair, field by field', () => {
    expect(kerbSideErrors({ side: 'odd', startNumber: 2, endNumber: 41 })).toEqual({ startNumber: 'validation.numberSide.odd' })
    expect(kerbSideErrors({ side: 'odd', startNumber: 12, endNumber: 40 })).toEqual({
      startNumber: 'validation.numberSide.odd', endNumber: 'validation.numberSide.odd',
    })
    expect(kerbSideErrors({ side: 'even', startNumber: 2, endNumber: 41 })).toEqual({ endNumber: 'validation.numberSide.even' })
  })

  it('accepts numbers of their side, a side not said, and a kerb with no numbers', () => {
    expect(kerbSideErrors({ side: 'odd', startNumber: 41, endNumber: 1 })).toBeNull()
    expect(kerbSideErrors({ side: 'even', startNumber: 0, endNumber: 42 })).toBeNull()
    expect(kerbSideErrors({ side: '', startNumber: 2, endNumber: 41 })).toBeNull()
    expect(kerbSideErrors({ side: 'odd', startNumber: null, endNumber: null })).toBeNull()
    expect(wrongSideNumbers('odd', { fromNumber: 13, toNumber: undefined })).toBeNull()
  })
})

describe('house numbers along a kerb', () => {
  it('gives a vehicle the houses in front of it, inside the kerb\'s range', () => {
    // 12 m from 40 m to 52 m: the houses at 40, 45 and 50 m are n° 18, 20 and 22.
    expect(kerbExtent(kerb, along(40, 12))).toEqual({ fromNumber: 18, toNumber: 22 })
    // Past the first point: from the kerb's first number, never below it; at the very end: up to its last.
    expect(kerbExtent(kerb, along(-3, 10))).toEqual({ fromNumber: 2, toNumber: 4 })
    expect(kerbExtent(kerb, along(88, 12))).toEqual({ fromNumber: 38, toNumber: 42 })
  })

  it('never gives two vehicles that do not overlap the same house, bumper to bumper included', () => {
    // The "12-20" and "18-24": two trucks end to end used to share the houses where they meet.
    const first = kerbExtent(kerb, along(20, 12))!
    const second = kerbExtent(kerb, along(32, 12))!
    expect(first).toEqual({ fromNumber: 10, toNumber: 14 })
    expect(second).toEqual({ fromNumber: 16, toNumber: 18 })
    // Any row of vehicles laid end to end along the kerb: numbers rise, never shared, all inside 2..42.
    let start = 0
    let last = 0
    for (const length of [6.5, 4, 12, 4.5, 10, 11, 6.5, 12, 4]) {
      const numbers = kerbExtent(kerb, along(start, length), [{ from: 0, to: last }])
      if (numbers) {
        expect(numbers.fromNumber).toBeGreaterThan(last)
        expect(numbers.toNumber).toBeLessThanOrEqual(42)
        last = numbers.toNumber
      }
      start += length
    }
  })

  it('puts a short vehicle between two houses in front of the nearer one, else the other, else no number', () => {
    // A 4 m generator from 51 m to 55 m: houses at 50 and 55 m, the nearer is n° 24 (55 m).
    expect(kerbExtent(kerb, along(51, 4))).toEqual({ fromNumber: 24, toNumber: 24 })
    expect(kerbExtent(kerb, along(51, 4), [{ from: 24, to: 28 }])).toEqual({ fromNumber: 22, toNumber: 22 })
    expect(kerbExtent(kerb, along(51, 4), [{ from: 16, to: 22 }, { from: 24, to: 28 }])).toBeNull()
  })

  it('numbers a kerb traced from its high number down, and a kerb of both parities every number', () => {
    const reversed: Kerb = { ...kerb, side: 'odd', startNumber: 41, endNumber: 1 }
    expect(kerbExtent(reversed, along(0, 10))).toEqual({ fromNumber: 39, toNumber: 41 })
    const mixed: Kerb = { ...kerb, side: '', startNumber: 1, endNumber: 100 }
    // 100 numbers over 100 m: a house every 1.0101 m, 6 in front of a 6.5 m van from 10 m.
    const numbers = kerbExtent(mixed, along(10))!
    expect(numbers.toNumber - numbers.fromNumber).toBe(6)
  })

  it('leaves numbers out when the kerb has none', () => {
    expect(kerbExtent({ ...kerb, startNumber: null, endNumber: null }, along(40))).toBeNull()
  })
})

describe('parkAlongKerb', () => {
  it('parks a vehicle dropped near a kerb along it, in the road, with the street and the houses in front of it', () => {
    const [lat, lng] = at(50, 1)
    const parked = parkedOf(parkAlongKerb({ lat, lng, heading: 80 }, van, [kerb]))
    expect(parked).toMatchObject({ kerbId: 'k1', street: 'Rue de la Roquette', side: 'even', heading: 90 })
    const corners = placementFootprint({ ...parked, ...van })
    // The van's kerb-side edge lies on the kerb line (5 m north of the origin), the rest in the road to the south.
    const north = corners.map(([cLat]) => (cLat - ORIGIN[0]) * (Math.PI / 180) * 6_371_000)
    expect(Math.max(...north)).toBeCloseTo(5, 2)
    expect(Math.min(...north)).toBeCloseTo(2.8, 2)
    // 46.75..53.25 m: the house at 50 m, n° 22.
    expect(parked).toMatchObject({ fromNumber: 22, toNumber: 22 })
  })

  it('slides a vehicle dropped at a kerb\'s end back between its ends, never past them', () => {
    const [lat, lng] = at(99, 3)
    const parked = parkedOf(parkAlongKerb({ lat, lng, heading: 90 }, van, [kerb]))
    const span = spanAlongLine({ ...parked, ...van }, kerb.points as LatLng[])!
    expect(span.to).toBeCloseTo(100, 2)
    expect(span.from).toBeCloseTo(93.5, 2)
    expect(parked).toMatchObject({ fromNumber: 40, toNumber: 42 })
    // Same at the first point, on a kerb that bends.
    const bent: Kerb = { ...kerb, points: [at(0, 5), at(30, 5), at(60, 35)] }
    const [sLat, sLng] = at(1, 3)
    const start = parkedOf(parkAlongKerb({ lat: sLat, lng: sLng, heading: 270 }, van, [bent]))
    expect(spanAlongLine({ ...start, ...van }, bent.points as LatLng[])!.from).toBeGreaterThanOrEqual(-0.011)
    expect(toLocalMetres(ORIGIN, [start.lat, start.lng]).east).toBeCloseTo(3.25, 1)
  })

  it('says a kerb is too short for a vehicle longer than it, instead of parking it past its ends', () => {
    const short: Kerb = { ...kerb, points: [at(0, 5), at(8, 5)] }
    const [lat, lng] = at(4, 3)
    expect(parkAlongKerb({ lat, lng, heading: 90 }, { lengthM: 12, widthM: 2.55 }, [short])).toEqual({ tooShort: short, kerbLengthM: expect.closeTo(8, 2) })
    expect(parkAlongKerb({ lat, lng, heading: 90 }, van, [short])).toHaveProperty('parked')
  })

  it('does not snap beyond 10 m, and leaves numbers out when the kerb has none', () => {
    const [lat, lng] = at(50, -20)
    expect(parkAlongKerb({ lat, lng, heading: 0 }, van, [kerb])).toBeNull()
    const [nLat, nLng] = at(50, 3)
    expect(parkedOf(parkAlongKerb({ lat: nLat, lng: nLng, heading: 0 }, van, [{ ...kerb, startNumber: null, endNumber: null }])))
      .toMatchObject({ fromNumber: null, toNumber: null, street: 'Rue de la Roquette' })
  })

  it('leaves the houses a neighbour holds to it', () => {
    const [lat, lng] = at(53, 3)
    const generator = { lengthM: 4, widthM: 2 }
    expect(parkedOf(parkAlongKerb({ lat, lng, heading: 90 }, generator, [kerb]))).toMatchObject({ fromNumber: 24, toNumber: 24 })
    const neighbour = { kerbId: 'k1', fromNumber: 24, toNumber: 28 }
    expect(parkedOf(parkAlongKerb({ lat, lng, heading: 90 }, generator, [kerb], undefined, [neighbour]))).toMatchObject({ fromNumber: 22, toNumber: 22 })
  })
})

describe('house numbers that do not hold up', () => {
  const placement = (id: string, vehicleId: string, fromNumber: number | null, toNumber: number | null, kerbId = 'k1') =>
    ({ id, vehicleId, kerbId, fromNumber, toNumber }) as Placement

  it('finds vehicles of one kerb claiming the same houses, and numbers past the kerb\'s range', () => {
    const placements = [placement('a', 'va', 12, 20), placement('b', 'vb', 18, 24), placement('c', 'vc', 26, 30), placement('d', 'vd', 40, 46)]
    const { overlaps, outside } = extentConflicts([kerb], placements)
    expect(overlaps.map(([x, y]) => [x.id, y.id])).toEqual([['a', 'b']])
    expect(outside.map(({ placement: p }) => p.id)).toEqual(['d'])
    // Another kerb's numbers are not compared; nor is a vehicle placed twice with itself.
    expect(extentConflicts([kerb], [placement('a', 'va', 12, 20), placement('e', 've', 12, 20, 'k2'), placement('f', 'va', 14, 16)]).overlaps).toEqual([])
  })

  it('refuses typed numbers of the other side, past the kerb, or held by another vehicle of the kerb', () => {
    const others = [placement('b', 'vb', 18, 24)]
    const typed = (fromNumber: number, toNumber: number, side: Kerb['side'] = 'even') => typedExtentErrors({ kerbId: 'k1', side, fromNumber, toNumber }, [kerb], others)
    expect(typed(13, 15)).toEqual({ fromNumber: 'validation.numberSide.even', toNumber: 'validation.numberSide.even' })
    expect(typed(40, 44)).toEqual({ fromNumber: 'validation.extentOutsideKerb' })
    expect(typed(12, 18)).toEqual({ fromNumber: 'validation.extentTaken' })
    expect(typed(10, 16)).toBeNull()
    // A street typed by hand (no kerb) is only checked against its side.
    expect(typedExtentErrors({ kerbId: '', side: 'odd', fromNumber: 18, toNumber: 24 }, [kerb], others)).toEqual({
      fromNumber: 'validation.numberSide.odd', toNumber: 'validation.numberSide.odd',
    })
  })
})
