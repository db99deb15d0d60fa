import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromLocalMetres, type FootprintInput, type LatLng } from './footprint'
import { linearMetres, parkingBaysNeeded, streetSideSummary, type StreetPlacement } from './streetExtent'

/** Rue de la Roquette, Paris. */
const ORIGIN: LatLng = [48.8556, 2.3753]
const van = { lengthM: 6.5, widthM: 2.2 }
const truck = { lengthM: 12, widthM: 2.55 }

function vehicleAt(east: number, north: number, heading: number, size = van): FootprintInput {
  const [lat, lng] = fromLocalMetres(ORIGIN, { east, north })
  return { lat, lng, heading, ...size }
}

/** Vans parked along an east-west street, centres at these eastings. */
const vansAlong = (...eastings: number[]) => eastings.map((east) => vehicleAt(east, 0, 90))

const line = (...points: [number, number][]): LatLng[] => points.map(([east, north]) => fromLocalMetres(ORIGIN, { east, north }))

const CM = 0.01

describe('linearMetres', () => {
  it('is nothing without vehicles and one length for one vehicle', () => {
    expect(linearMetres([])).toBe(0)
    expect(linearMetres(vansAlong(0))).toBeCloseTo(6.5, 2)
    expect(linearMetres([vehicleAt(0, 0, 27, truck)])).toBeCloseTo(12, 2)
  })

  it('adds vehicles parked bumper to bumper', () => {
    expect(linearMetres(vansAlong(0, 6.5))).toBeCloseTo(13, 2)
    expect(linearMetres([...vansAlong(0, 6.5), vehicleAt(6.5 + 3.25 + 6, 0, 90, truck)])).toBeCloseTo(25, 2)
  })

  it('counts overlapping stretches once', () => {
    expect(linearMetres(vansAlong(0, 5))).toBeCloseTo(11.5, 2)
    expect(linearMetres(vansAlong(0, 0))).toBeCloseTo(6.5, 2)
    // A van across the truck's stretch on the other lane adds nothing.
    expect(linearMetres([vehicleAt(0, 0, 90, truck), vehicleAt(2, 3, 90)])).toBeCloseTo(12, 2)
  })

  it('does not count the gaps between vehicles', () => {
    expect(linearMetres(vansAlong(0, 10))).toBeCloseTo(13, 2)
    expect(linearMetres(vansAlong(0, 100, 50))).toBeCloseTo(19.5, 2)
  })

  it('treats vehicles facing either way as parked along the same street', () => {
    expect(linearMetres([vehicleAt(0, 0, 90), vehicleAt(6.5, 0, 270)])).toBeCloseTo(13, 2)
    expect(linearMetres([vehicleAt(0, 0, 0), vehicleAt(0, 6.5, 180)])).toBeCloseTo(13, 2)
    expect(linearMetres([vehicleAt(0, 0, 359), vehicleAt(0, 6.5, 1)])).toBeCloseTo(13, 1)
  })

  it('measures along a drawn street line, including past its ends', () => {
    const street = line([0, 0], [10, 0])
    expect(linearMetres(vansAlong(0, 6.5), street)).toBeCloseTo(13, 2)
    expect(linearMetres(vansAlong(12), street)).toBeCloseTo(6.5, 2)
    expect(linearMetres(vansAlong(-20), street)).toBeCloseTo(6.5, 2)
  })

  it('a vehicle parked across the street line takes its width', () => {
    const street = line([-50, 0], [50, 0])
    expect(linearMetres([vehicleAt(0, 2, 0)], street)).toBeCloseTo(van.widthM, 2)
  })

  it('follows a street that bends', () => {
    // The street runs east 20 m, then north. One van on each leg, away from the bend.
    const street = line([0, 0], [20, 0], [20, 40])
    const vehicles = [vehicleAt(5, -1.2, 90), vehicleAt(21.2, 30, 0)]
    expect(linearMetres(vehicles, street)).toBeCloseTo(13, 2)
    // Without the line, their mean axis is diagonal and the extent is meaningless: the line matters.
    expect(linearMetres(vehicles)).not.toBeCloseTo(13, 0)
  })

  it('ignores points tapped twice in a street line', () => {
    expect(linearMetres(vansAlong(0, 6.5), line([0, 0], [0, 0], [10, 0], [10, 0]))).toBeCloseTo(13, 2)
    expect(linearMetres(vansAlong(0, 6.5), line([0, 0], [0, 0]))).toBeCloseTo(13, 2)
  })

  const anyRow = fc.array(
    fc.record({
      east: fc.double({ min: -60, max: 60, noNaN: true }),
      lengthM: fc.double({ min: 0.5, max: 14, noNaN: true }),
      reversed: fc.boolean(),
    }),
    { minLength: 1, maxLength: 12 },
  )
  const rowOf = (row: { east: number; lengthM: number; reversed: boolean }[]) =>
    row.map(({ east, lengthM, reversed }) => vehicleAt(east, 0, reversed ? 270 : 90, { lengthM, widthM: 2.5 }))

  it('lies between the longest vehicle and the sum of the lengths, in any order', () => {
    fc.assert(
      fc.property(anyRow, (row) => {
        const vehicles = rowOf(row)
        const metres = linearMetres(vehicles)
        const lengths = row.map((vehicle) => vehicle.lengthM)
        expect(metres).toBeGreaterThanOrEqual(Math.max(...lengths) - CM)
        expect(metres).toBeLessThanOrEqual(lengths.reduce((a, b) => a + b, 0) + CM)
        expect(linearMetres([...vehicles].reverse())).toBeCloseTo(metres, 6)
        expect(linearMetres(vehicles, line([-100, 0], [100, 0]))).toBeCloseTo(metres, 2)
      }),
    )
  })

  it('equals the sum of the lengths when no two vehicles share a stretch', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 8 }), (gaps) => {
        let east = 0
        const vehicles = gaps.map((gap) => {
          const vehicle = vehicleAt(east + 3.25, 0, 90)
          east += 6.5 + gap
          return vehicle
        })
        expect(linearMetres(vehicles)).toBeCloseTo(6.5 * gaps.length, 2)
      }),
    )
  })
})

describe('parkingBaysNeeded', () => {
  it.each([
    [0, 0], [-3, 0], [4, 1], [5, 1], [5.0005, 1], [5.01, 2], [13, 3], [25, 5], [Number.NaN, 0],
  ])('%d m -> %d bays of 5 m', (metres, bays) => {
    expect(parkingBaysNeeded(metres)).toBe(bays)
  })

  it('takes another bay length', () => {
    expect(parkingBaysNeeded(13, 6)).toBe(3)
    expect(parkingBaysNeeded(12, 6)).toBe(2)
  })

  it('refuses a bay that is not a positive length', () => {
    expect(() => parkingBaysNeeded(10, 0)).toThrow(RangeError)
    expect(() => parkingBaysNeeded(10, -5)).toThrow(RangeError)
    expect(() => parkingBaysNeeded(10, Number.POSITIVE_INFINITY)).toThrow(RangeError)
  })
})

describe('streetSideSummary', () => {
  const placed = (street: string, side: StreetPlacement['side'], east: number, size = van): StreetPlacement => ({
    street, side, footprint: vehicleAt(east, side === 'odd' ? 10 : 0, 90, size),
  })

  it('totals linear metres, vehicles and bays per street and side', () => {
    const summary = streetSideSummary([
      placed('Rue de la Roquette', 'even', 0),
      placed('rue de la  roquette ', 'even', 6.5),
      placed('Rue de la Roquette', 'odd', 0, truck),
      placed('Rue Keller', 'odd', 40),
      placed('Rue Keller', '', 80),
    ])
    expect(summary.map(({ linearMetres: metres, ...rest }) => ({ ...rest, metres: Math.round(metres * 100) / 100 }))).toEqual([
      { street: 'Rue de la Roquette', side: 'even', metres: 13, vehicleCount: 2, baysNeeded: 3 },
      { street: 'Rue de la Roquette', side: 'odd', metres: 12, vehicleCount: 1, baysNeeded: 3 },
      { street: 'Rue Keller', side: 'odd', metres: 6.5, vehicleCount: 1, baysNeeded: 2 },
      { street: 'Rue Keller', side: '', metres: 6.5, vehicleCount: 1, baysNeeded: 2 },
    ])
  })

  it('folds case, accents and spaces in street names', () => {
    const summary = streetSideSummary([placed('Boulevard Richard-Lenoir', 'even', 0), placed('boulevard richard-lenoir', 'even', 6.5)])
    expect(summary).toHaveLength(1)
    expect(streetSideSummary([placed('Rue de l’Église', 'odd', 0), placed('rue de l’eglise', 'odd', 20)])).toHaveLength(1)
  })

  it('leaves out placements off the street', () => {
    expect(streetSideSummary([placed('', 'even', 0), placed('   ', '', 0)])).toEqual([])
  })

  it('uses the street line when one is known', () => {
    const asked: string[] = []
    const summary = streetSideSummary([placed('Rue Keller', 'even', 0)], (street, side) => {
      asked.push(`${street}/${side}`)
      return line([-50, 0], [50, 0])
    })
    expect(asked).toEqual(['Rue Keller/even'])
    expect(summary[0]?.linearMetres).toBeCloseTo(6.5, 2)
  })
})
