import { describe, expect, it } from 'vitest'
import { fromLocalMetres, type LatLng } from '../../../../core/rules/footprint'
import { buildPlanDrawing, choosePlanScale, scaleBarMetres, type PlanVehicleInput } from './planDrawing'

const PAPER = { widthMm: 184, heightMm: 150 }
const ORIGIN: LatLng = [48.8795, 2.3405]
const at = (east: number, north: number) => fromLocalMetres(ORIGIN, { east, north })

function van(number: number, east: number, north: number, heading = 0): PlanVehicleInput {
  const [lat, lng] = at(east, north)
  return { number, placementId: `p${number}`, kind: 'van', onStreet: true, footprint: { lat, lng, heading, lengthM: 6.5, widthM: 2.2 } }
}

describe('choosePlanScale', () => {
  it('takes the most detailed of 1:500, 1:1000 and 1:2000 at which the extent fits the paper', () => {
    // A base map shows its streets and names at these scales: a couple of vans still print at 1:500, with the street around.
    expect(choosePlanScale({ widthM: 30, heightM: 20 }, PAPER)).toEqual({ denominator: 500, fits: true })
    // 92 m wide is 184 mm at 1:500.
    expect(choosePlanScale({ widthM: 92, heightM: 60 }, PAPER)).toEqual({ denominator: 500, fits: true })
    expect(choosePlanScale({ widthM: 93, heightM: 60 }, PAPER)).toEqual({ denominator: 1000, fits: true })
    expect(choosePlanScale({ widthM: 150, heightM: 140 }, PAPER)).toEqual({ denominator: 1000, fits: true })
    expect(choosePlanScale({ widthM: 300, heightM: 200 }, PAPER)).toEqual({ denominator: 2000, fits: true })
  })

  it('checks the height as well as the width', () => {
    expect(choosePlanScale({ widthM: 10, heightM: 100 }, PAPER).denominator).toBe(1000)
  })

  it('falls back on the broadest scale and says the plan does not fit', () => {
    expect(choosePlanScale({ widthM: 2000, heightM: 100 }, PAPER)).toEqual({ denominator: 5000, fits: false })
  })

  it('fits exactly on the edge', () => {
    expect(choosePlanScale({ widthM: 92, heightM: 75 }, PAPER).denominator).toBe(500)
  })
})

describe('scaleBarMetres', () => {
  it('is the longest round length that stays within the room given', () => {
    expect(scaleBarMetres(200, 50)).toBe(10)
    expect(scaleBarMetres(500, 50)).toBe(25)
    expect(scaleBarMetres(1000, 50)).toBe(50)
    expect(scaleBarMetres(5000, 50)).toBe(250)
  })
})

describe('buildPlanDrawing', () => {
  it('draws vehicles at their real size at the chosen scale, north up, centred in the frame', () => {
    const drawing = buildPlanDrawing({ vehicles: [van(1, 0, 0), van(2, 20, 0)], paper: PAPER })
    expect(drawing.denominator).toBe(500)
    const [first, second] = drawing.vehicles
    // A 6.5 m van facing north is 13 mm tall and 4.4 mm wide at 1:500.
    const ys = first!.corners.map(([, y]) => y)
    const xs = first!.corners.map(([x]) => x)
    expect(Math.max(...ys) - Math.min(...ys)).toBeCloseTo(13, 1)
    expect(Math.max(...xs) - Math.min(...xs)).toBeCloseTo(4.4, 1)
    // The front edge (first two corners) is at the top of the paper when it faces north.
    expect(first!.corners[0]![1]).toBeLessThan(first!.corners[2]![1])
    // 20 m apart east is 40 mm apart on paper; the pair is centred.
    expect(second!.centre[0] - first!.centre[0]).toBeCloseTo(40, 1)
    expect((first!.centre[0] + second!.centre[0]) / 2).toBeCloseTo(92, 1)
    expect(drawing.scaleBar).toEqual({ metres: 25, lengthMm: 50 })
    expect(drawing.vehicles.every((vehicle) => vehicle.inFrame)).toBe(true)
    // The frame's ground, for the base map under it: 92 m by 75 m around the pair's middle.
    expect(drawing.frame.widthM).toBeCloseTo(92, 6)
    expect(drawing.frame.heightM).toBeCloseTo(75, 6)
    const [lat, lng] = at(10, 0)
    expect(drawing.frame.lat).toBeCloseTo(lat, 6)
    expect(drawing.frame.lng).toBeCloseTo(lng, 6)
  })

  it('widens the scale for kerbs and a base camp farther away, and labels kerbs upright', () => {
    const kerb = { id: 'k1', street: 'Rue des Martyrs', side: 'odd' as const, startNumber: null, endNumber: null, points: [at(-10, -5), at(-10, 60)] }
    const baseCamp = { label: 'Parking Anvers', onStreet: false, points: [at(100, 100), at(140, 100), at(140, 120)] }
    const drawing = buildPlanDrawing({ vehicles: [van(1, -12, 10)], kerbs: [kerb], baseCamp, paper: PAPER })
    expect(drawing.denominator).toBe(1000)
    expect(drawing.kerbs).toHaveLength(1)
    expect(Math.abs(drawing.kerbs[0]!.label.angle)).toBeCloseTo(90, 0)
    expect(drawing.kerbs[0]!.label.angle).toBeGreaterThan(-90)
    expect(drawing.kerbs[0]!.label.angle).toBeLessThanOrEqual(90)
    // The van stands west of the kerb: the street's name is written on the other side, not over it.
    expect(drawing.kerbs[0]!.label.dy).toBeLessThan(0)
    const across = buildPlanDrawing({ vehicles: [van(1, -8, 10)], kerbs: [kerb], paper: PAPER })
    expect(across.kerbs[0]!.label.dy).toBeGreaterThan(0)
    expect(drawing.baseCamp?.points).toHaveLength(3)
    expect(drawing.baseCamp?.label).toBe('Parking Anvers')
  })

  it('lists nothing to draw when no vehicle, kerb or base camp has a position', () => {
    const notDrawn: PlanVehicleInput = { number: 1, placementId: 'p1', kind: 'van', onStreet: true, footprint: null }
    const drawing = buildPlanDrawing({ vehicles: [notDrawn], paper: PAPER })
    expect(drawing.empty).toBe(true)
    expect(drawing.vehicles).toEqual([])
  })

  it('skips vehicles with no position and draws the rest', () => {
    const notDrawn: PlanVehicleInput = { number: 2, placementId: 'p2', kind: 'generator', onStreet: true, footprint: null }
    const drawing = buildPlanDrawing({ vehicles: [van(1, 0, 0), notDrawn], paper: PAPER })
    expect(drawing.vehicles.map((vehicle) => vehicle.number)).toEqual([1])
  })

  it('centres on the cluster and flags what falls outside the frame when even 1:5000 is too small', () => {
    const drawing = buildPlanDrawing({ vehicles: [van(1, 0, 0), van(2, 300, 0), van(4, 320, 0), van(3, 2000, 0)], paper: PAPER })
    expect(drawing.fits).toBe(false)
    expect(drawing.denominator).toBe(5000)
    expect(drawing.vehicles.filter((vehicle) => !vehicle.inFrame).map((vehicle) => vehicle.number)).toEqual([3])
  })
})
