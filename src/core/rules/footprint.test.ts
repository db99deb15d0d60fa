import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  EARTH_RADIUS_M, footprintsOverlap, fromLocalMetres, metresBetween, normaliseHeading, placementFootprint, snapToKerb, toLocalMetres,
  type FootprintInput, type LatLng,
} from './footprint'

/** Place de la République, Paris. */
const PARIS: LatLng = [48.8674, 2.3636]
const CM = 0.01

const van = { lengthM: 6.5, widthM: 2.2 }
const truck = { lengthM: 12, widthM: 2.55 }

/** A vehicle `east` and `north` metres from PARIS. */
function vehicleAt(east: number, north: number, heading: number, size = van): FootprintInput {
  const [lat, lng] = fromLocalMetres(PARIS, { east, north })
  return { lat, lng, heading, ...size }
}

function expectWithin(actual: number, expected: number, tolerance: number) {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance)
}

function sides(corners: LatLng[]): number[] {
  return corners.map((corner, i) => metresBetween(corner, corners[(i + 1) % corners.length]!))
}

function local(point: LatLng) {
  return toLocalMetres(PARIS, point)
}

describe('metresBetween', () => {
  it('measures a degree of latitude on the sphere', () => {
    expectWithin(metresBetween([48, 2], [49, 2]), (EARTH_RADIUS_M * Math.PI) / 180, 1e-6)
  })

  it('is zero for one point and symmetric', () => {
    expect(metresBetween(PARIS, PARIS)).toBe(0)
    const other: LatLng = [48.8584, 2.2945]
    expect(metresBetween(PARIS, other)).toBeCloseTo(metresBetween(other, PARIS), 9)
    expect(metresBetween(PARIS, other)).toBeGreaterThan(5000)
    expect(metresBetween(PARIS, other)).toBeLessThan(5300)
  })

  it('takes the short way across the antimeridian', () => {
    expectWithin(metresBetween([0, 179.9999], [0, -179.9999]), 22.24, CM)
  })

  it('agrees with the local plane within a millimetre over 100 m', () => {
    fc.assert(
      fc.property(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true }), (east, north) => {
        expectWithin(metresBetween(PARIS, fromLocalMetres(PARIS, { east, north })), Math.hypot(east, north), 0.001)
      }),
    )
  })
})

describe('local plane', () => {
  it('round-trips a point', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -80, max: 80, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -500, max: 500, noNaN: true }), fc.double({ min: -500, max: 500, noNaN: true }),
        (lat, lng, east, north) => {
          const back = toLocalMetres([lat, lng], fromLocalMetres([lat, lng], { east, north }))
          expectWithin(back.east, east, 1e-6)
          expectWithin(back.north, north, 1e-6)
        },
      ),
    )
  })
})

describe('normaliseHeading', () => {
  it.each([[0, 0], [360, 0], [-90, 270], [450, 90], [359.5, 359.5], [-1e-15, 0]])('%d -> %d', (input, expected) => {
    expect(normaliseHeading(input)).toBeCloseTo(expected, 9)
  })
})

describe('placementFootprint', () => {
  it('heading 0: the front faces north, the corners run front-left, front-right, rear-right, rear-left', () => {
    const corners = placementFootprint({ lat: PARIS[0], lng: PARIS[1], heading: 0, ...van }).map(local)
    const expected = [[-1.1, 3.25], [1.1, 3.25], [1.1, -3.25], [-1.1, -3.25]]
    corners.forEach((corner, i) => {
      expectWithin(corner.east, expected[i]![0]!, 0.001)
      expectWithin(corner.north, expected[i]![1]!, 0.001)
    })
  })

  it('heading 90: the front faces east', () => {
    const corners = placementFootprint({ lat: PARIS[0], lng: PARIS[1], heading: 90, ...van }).map(local)
    const expected = [[3.25, 1.1], [3.25, -1.1], [-3.25, -1.1], [-3.25, 1.1]]
    corners.forEach((corner, i) => {
      expectWithin(corner.east, expected[i]![0]!, 0.001)
      expectWithin(corner.north, expected[i]![1]!, 0.001)
    })
  })

  it.each([0, 90, 45, 137.5, 270])('heading %d: sides are the length and width within 1 cm', (heading) => {
    const corners = placementFootprint({ lat: PARIS[0], lng: PARIS[1], heading, ...truck })
    const [front, right, rear, left] = sides(corners)
    expectWithin(front!, truck.widthM, CM)
    expectWithin(right!, truck.lengthM, CM)
    expectWithin(rear!, truck.widthM, CM)
    expectWithin(left!, truck.lengthM, CM)
    expectWithin(metresBetween(corners[0]!, corners[2]!), Math.hypot(truck.lengthM, truck.widthM), CM)
  })

  it('heading 45: the front edge lies half a length north-east of the centre', () => {
    const [frontLeft, frontRight] = placementFootprint({ lat: PARIS[0], lng: PARIS[1], heading: 45, ...truck }).map(local)
    const middle = { east: (frontLeft!.east + frontRight!.east) / 2, north: (frontLeft!.north + frontRight!.north) / 2 }
    expectWithin(middle.east, 6 * Math.SQRT1_2, 0.001)
    expectWithin(middle.north, 6 * Math.SQRT1_2, 0.001)
  })

  const anyVehicle = fc.record({
    lat: fc.double({ min: -70, max: 70, noNaN: true }),
    lng: fc.double({ min: -180, max: 180, noNaN: true }),
    heading: fc.double({ min: 0, max: 360, noNaN: true }),
    lengthM: fc.double({ min: 0.5, max: 25, noNaN: true }),
    widthM: fc.double({ min: 0.5, max: 8, noNaN: true }),
  })

  it('keeps its size, its centre and each corner at half a diagonal, whatever the heading and place', () => {
    fc.assert(
      fc.property(anyVehicle, (vehicle) => {
        const corners = placementFootprint(vehicle)
        const [front, right, rear, left] = sides(corners)
        expectWithin(front!, vehicle.widthM, CM)
        expectWithin(rear!, vehicle.widthM, CM)
        expectWithin(right!, vehicle.lengthM, CM)
        expectWithin(left!, vehicle.lengthM, CM)
        const halfDiagonal = Math.hypot(vehicle.lengthM, vehicle.widthM) / 2
        for (const corner of corners) expectWithin(metresBetween([vehicle.lat, vehicle.lng], corner), halfDiagonal, CM)
        const centroid = corners.map((corner) => toLocalMetres([vehicle.lat, vehicle.lng], corner))
          .reduce((sum, p) => ({ east: sum.east + p.east / 4, north: sum.north + p.north / 4 }), { east: 0, north: 0 })
        expectWithin(Math.hypot(centroid.east, centroid.north), 0, 0.001)
      }),
    )
  })

  it('a full turn changes nothing; a half turn swaps front and rear', () => {
    fc.assert(
      fc.property(anyVehicle, (vehicle) => {
        const corners = placementFootprint(vehicle)
        const turned = placementFootprint({ ...vehicle, heading: vehicle.heading + 360 })
        const reversed = placementFootprint({ ...vehicle, heading: vehicle.heading + 180 })
        corners.forEach((corner, i) => {
          expectWithin(metresBetween(corner, turned[i]!), 0, 0.001)
          expectWithin(metresBetween(corner, reversed[(i + 2) % 4]!), 0, 0.001)
        })
      }),
    )
  })

  it('the front edge points along the heading', () => {
    fc.assert(
      fc.property(anyVehicle, (vehicle) => {
        const [frontLeft, frontRight] = placementFootprint(vehicle).map((c) => toLocalMetres([vehicle.lat, vehicle.lng], c))
        const middle = { east: (frontLeft!.east + frontRight!.east) / 2, north: (frontLeft!.north + frontRight!.north) / 2 }
        const bearing = normaliseHeading((Math.atan2(middle.east, middle.north) * 180) / Math.PI)
        const gap = Math.abs(bearing - normaliseHeading(vehicle.heading))
        expect(Math.min(gap, 360 - gap)).toBeLessThan(1e-6)
      }),
    )
  })
})

describe('footprintsOverlap', () => {
  it('finds a vehicle on top of itself and a truck drawn across a van', () => {
    expect(footprintsOverlap(vehicleAt(0, 0, 0), vehicleAt(0, 0, 0))).toBe(true)
    expect(footprintsOverlap(vehicleAt(0, 0, 0), vehicleAt(0, 0, 90, truck))).toBe(true)
  })

  it('side by side: apart when the gap is positive, on top when the widths overlap', () => {
    expect(footprintsOverlap(vehicleAt(0, 0, 0), vehicleAt(2.7, 0, 0))).toBe(false)
    expect(footprintsOverlap(vehicleAt(0, 0, 0), vehicleAt(2.0, 0, 180))).toBe(true)
  })

  it('bumper to bumper is not an overlap; 10 cm into the next one is; a few millimetres of rounding is not', () => {
    expect(footprintsOverlap(vehicleAt(0, 0, 0), vehicleAt(0, 6.5, 0))).toBe(false)
    expect(footprintsOverlap(vehicleAt(0, 0, 0), vehicleAt(0, 6.4, 0))).toBe(true)
    expect(footprintsOverlap(vehicleAt(0, 0, 0), vehicleAt(0, 6.495, 0))).toBe(false)
    expect(footprintsOverlap(vehicleAt(0, 0, 0), vehicleAt(0, 6.495, 0), 0)).toBe(true)
  })

  it('two diagonal trucks parked side by side do not overlap although their bounding boxes do', () => {
    const gapOf = (offset: number) => vehicleAt(offset * Math.SQRT1_2, -offset * Math.SQRT1_2, 45, truck)
    expect(footprintsOverlap(vehicleAt(0, 0, 45, truck), gapOf(3))).toBe(false)
    expect(footprintsOverlap(vehicleAt(0, 0, 45, truck), gapOf(2))).toBe(true)
  })

  it('a corner inside the bounding box of a rotated van but off its front edge', () => {
    // The van at 45 degrees has its front edge 3.25 m along the north-east diagonal; its bounding box reaches 3.08 m east
    // and north. A 2 m square cornered at (2.6, 2.6) is inside that box, yet 0.43 m beyond the front edge.
    const square = { lengthM: 2, widthM: 2 }
    const rotated = vehicleAt(0, 0, 45, van)
    expect(footprintsOverlap(rotated, vehicleAt(3.6, 3.6, 0, square))).toBe(false)
    expect(footprintsOverlap(rotated, vehicleAt(3.0, 3.0, 0, square))).toBe(true)
  })

  it('vehicles a kilometre apart never overlap', () => {
    expect(footprintsOverlap(vehicleAt(0, 0, 0), vehicleAt(1000, 0, 0))).toBe(false)
  })

  it('is symmetric and separates vehicles farther apart than their half diagonals', () => {
    const placed = fc.record({
      east: fc.double({ min: -20, max: 20, noNaN: true }),
      north: fc.double({ min: -20, max: 20, noNaN: true }),
      heading: fc.double({ min: 0, max: 360, noNaN: true }),
      lengthM: fc.double({ min: 0.5, max: 14, noNaN: true }),
      widthM: fc.double({ min: 0.5, max: 6, noNaN: true }),
    })
    fc.assert(
      fc.property(placed, placed, (a, b) => {
        const va = vehicleAt(a.east, a.north, a.heading, a)
        const vb = vehicleAt(b.east, b.north, b.heading, b)
        expect(footprintsOverlap(va, vb)).toBe(footprintsOverlap(vb, va))
        expect(footprintsOverlap(va, va)).toBe(true)
        const reach = (Math.hypot(a.lengthM, a.widthM) + Math.hypot(b.lengthM, b.widthM)) / 2
        if (Math.hypot(a.east - b.east, a.north - b.north) > reach + 0.01) expect(footprintsOverlap(va, vb)).toBe(false)
      }),
    )
  })
})

describe('snapToKerb', () => {
  /** A kerb running west to east through PARIS, 100 m long; the road is to its right (south). */
  const kerb: LatLng[] = [fromLocalMetres(PARIS, { east: -50, north: 0 }), fromLocalMetres(PARIS, { east: 50, north: 0 })]
  const at = (east: number, north: number, heading: number) => {
    const [lat, lng] = fromLocalMetres(PARIS, { east, north })
    return { lat, lng, heading }
  }
  const snappedLocal = (result: ReturnType<typeof snapToKerb>) => {
    expect(result).not.toBeNull()
    return { ...local([result!.lat, result!.lng]), heading: result!.heading }
  }

  it('moves the centre half a width off the kerb into the road and aligns the heading', () => {
    const snapped = snappedLocal(snapToKerb(at(7, -3, 80), kerb, truck.widthM, { roadSide: 'right' }))
    expectWithin(snapped.east, 7, 0.001)
    expectWithin(snapped.north, -truck.widthM / 2, 0.001)
    expectWithin(snapped.heading, 90, 1e-9)
  })

  it('keeps the way the vehicle faced', () => {
    expectWithin(snappedLocal(snapToKerb(at(7, -3, 260), kerb, truck.widthM, { roadSide: 'right' })).heading, 270, 1e-9)
    expectWithin(snappedLocal(snapToKerb(at(7, -3, 170), kerb, truck.widthM, { roadSide: 'right' })).heading, 90, 1e-9)
    expectWithin(snappedLocal(snapToKerb(at(7, -3, 350), kerb, truck.widthM, { roadSide: 'right' })).heading, 270, 1e-9)
  })

  it('goes to the road side given, even from the pavement side', () => {
    const snapped = snappedLocal(snapToKerb(at(0, 1, 90), kerb, van.widthM, { roadSide: 'right' }))
    expectWithin(snapped.north, -van.widthM / 2, 0.001)
    const left = snappedLocal(snapToKerb(at(0, -1, 90), kerb, van.widthM, { roadSide: 'left' }))
    expectWithin(left.north, van.widthM / 2, 0.001)
  })

  it('without a road side, stays on the side the vehicle is on', () => {
    expectWithin(snappedLocal(snapToKerb(at(0, 4, 90), kerb, van.widthM)).north, van.widthM / 2, 0.001)
    expectWithin(snappedLocal(snapToKerb(at(0, -4, 90), kerb, van.widthM)).north, -van.widthM / 2, 0.001)
  })

  it('does not snap a vehicle farther than the maximum distance', () => {
    expect(snapToKerb(at(0, -12, 90), kerb, van.widthM)).toBeNull()
    expect(snapToKerb(at(0, -12, 90), kerb, van.widthM, { maxDistanceM: 15 })).not.toBeNull()
  })

  it('stops at the end of the kerb line', () => {
    const snapped = snappedLocal(snapToKerb(at(55, -2, 90), kerb, van.widthM, { roadSide: 'right' }))
    expectWithin(snapped.east, 50, 0.001)
    expectWithin(snapped.north, -van.widthM / 2, 0.001)
  })

  it('picks the nearest segment of a kerb that turns a corner', () => {
    const corner: LatLng[] = [[-50, 0], [0, 0], [0, 50]].map(([east, north]) => fromLocalMetres(PARIS, { east: east!, north: north! }))
    const snapped = snappedLocal(snapToKerb(at(3, 20, 10), corner, van.widthM))
    expectWithin(snapped.east, van.widthM / 2, 0.001)
    expectWithin(snapped.north, 20, 0.001)
    expectWithin(snapped.heading, 0, 1e-9)
  })

  it('aligns with a diagonal kerb', () => {
    const diagonal: LatLng[] = [fromLocalMetres(PARIS, { east: -30, north: -30 }), fromLocalMetres(PARIS, { east: 30, north: 30 })]
    const snapped = snappedLocal(snapToKerb(at(2, 0, 200), diagonal, van.widthM))
    expectWithin(snapped.heading, 225, 1e-6)
    // At half a width from the line east - north = 0.
    expectWithin(Math.abs(snapped.east - snapped.north) / Math.SQRT2, van.widthM / 2, 0.001)
  })

  it('has nothing to snap to without a segment', () => {
    expect(snapToKerb(at(0, 0, 0), [], van.widthM)).toBeNull()
    expect(snapToKerb(at(0, 0, 0), [PARIS], van.widthM)).toBeNull()
    expect(snapToKerb(at(0, 0, 0), [PARIS, PARIS], van.widthM)).toBeNull()
  })

  it('lands half a width from the kerb, parallel to it, and snapping again changes nothing', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -45, max: 45, noNaN: true }), fc.double({ min: -8, max: 8, noNaN: true }),
        fc.double({ min: 0, max: 360, noNaN: true }), fc.double({ min: 0.5, max: 8, noNaN: true }),
        fc.constantFrom('left' as const, 'right' as const),
        (east, north, heading, widthM, roadSide) => {
          const first = snapToKerb(at(east, north, heading), kerb, widthM, { roadSide })
          const snapped = snappedLocal(first)
          expectWithin(Math.abs(snapped.north), widthM / 2, 0.001)
          expect(Math.sign(snapped.north)).toBe(roadSide === 'left' ? 1 : -1)
          expect([90, 270]).toContain(Math.round(snapped.heading))
          const again = snappedLocal(snapToKerb(first!, kerb, widthM, { roadSide }))
          expectWithin(again.east, snapped.east, 0.001)
          expectWithin(again.north, snapped.north, 0.001)
          expect(again.heading).toBeCloseTo(snapped.heading, 9)
        },
      ),
    )
  })
})
