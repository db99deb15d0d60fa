import { describe, expect, it } from 'vitest'
import { fromLocalMetres, type LatLng } from '../../../../core/rules/footprint'
import { buildPlanDrawing, type PlanVehicleInput } from './planDrawing'
import { BADGE_RADIUS_MM, circle, placeBadges, polygonsOverlap, textBox, type Polygon } from './planLabels'

const PAPER = { widthMm: 184, heightMm: 150 }
const ORIGIN: LatLng = [48.8752, 2.3318]
const at = (east: number, north: number) => fromLocalMetres(ORIGIN, { east, north })

function vehicle(number: number, east: number, north: number, lengthM: number, widthM: number, heading = 90): PlanVehicleInput {
  const [lat, lng] = at(east, north)
  return { number, placementId: `p${number}`, kind: 'electricTruck', onStreet: true, footprint: { lat, lng, heading, lengthM, widthM } }
}

/** A kerb's row of vehicles parked nose to tail along a street running east, plus one far enough to force 1:2000. */
const row = (count: number) => Array.from({ length: count }, (_, i) => vehicle(i + 1, i * 8, 0, 6.5, 2.2))

describe('placing the printed plan\'s labels', () => {
  it('tells overlapping shapes from separate and touching ones', () => {
    const square: Polygon = [[0, 0], [2, 0], [2, 2], [0, 2]]
    expect(polygonsOverlap(square, [[1, 1], [3, 1], [3, 3], [1, 3]])).toBe(true)
    expect(polygonsOverlap(square, [[2, 0], [4, 0], [4, 2], [2, 2]])).toBe(false)
    expect(polygonsOverlap(square, circle([3.2, 1], 1))).toBe(false)
    expect(polygonsOverlap(square, circle([2.5, 1], 1))).toBe(true)
    // A rotated box: a 45° label crossing the square's corner.
    expect(polygonsOverlap(square, textBox([3, 3], 'xxxxx', 1, 'middle', 45))).toBe(false)
    expect(polygonsOverlap(square, textBox([1, 1], 'xxxxx', 1, 'middle', 45))).toBe(true)
  })

  it('puts a number on a vehicle big enough to carry it, beside one too small, never over a vehicle or another number', () => {
    const bodies = [
      { corners: [[10, 10], [20, 10], [20, 40], [10, 40]] as Polygon, centre: [15, 25] as [number, number] },
      { corners: [[30, 10], [31, 10], [31, 13], [30, 13]] as Polygon, centre: [30.5, 11.5] as [number, number] },
      { corners: [[31.5, 10], [32.5, 10], [32.5, 13], [31.5, 13]] as Polygon, centre: [32, 11.5] as [number, number] },
    ]
    const badges = placeBadges(bodies, PAPER)
    expect(badges[0]).toEqual({ at: [15, 25], leader: null })
    for (const badge of badges.slice(1)) {
      expect(badge.leader).not.toBeNull()
      for (const body of bodies) expect(polygonsOverlap(body.corners, circle(badge.at, BADGE_RADIUS_MM))).toBe(false)
    }
    expect(polygonsOverlap(circle(badges[1]!.at, BADGE_RADIUS_MM), circle(badges[2]!.at, BADGE_RADIUS_MM))).toBe(false)
  })

  it('at 1:2000, numbers of a row of vans stand beside them on leader lines, covering no van; the décor\'s name covers none', () => {
    const [lat, lng] = at(36, 1.5)
    const drawing = buildPlanDrawing({
      vehicles: [...row(10), vehicle(11, 230, 150, 10, 2.55)], landmarks: [{ label: 'Théâtre Mogador', lat, lng }], paper: PAPER,
      kerbs: [{ id: 'k', street: 'Rue de Mogador', side: 'odd', startNumber: 1, endNumber: 41, points: [at(-5, -2), at(80, -2)] }],
    })
    expect(drawing.denominator).toBe(2000)
    const bodies = drawing.vehicles.map((drawn) => drawn.corners)
    for (const drawn of drawing.vehicles) {
      expect(drawn.badge.leader).not.toBeNull()
      for (const body of bodies) expect(polygonsOverlap(body, circle(drawn.badge.at, BADGE_RADIUS_MM))).toBe(false)
    }
    const badges = drawing.vehicles.map((drawn) => circle(drawn.badge.at, BADGE_RADIUS_MM))
    badges.forEach((badge, i) => badges.slice(i + 1).forEach((other) => expect(polygonsOverlap(badge, other)).toBe(false)))
    const decor = drawing.landmarks[0]!
    const name = textBox(decor.labelAt, decor.label, 2.8, decor.anchor)
    for (const body of bodies) expect(polygonsOverlap(body, name)).toBe(false)
    const kerb = drawing.kerbs[0]!
    const street = textBox([kerb.label.x, kerb.label.y], 'x'.repeat('Rue de Mogador'.length + 14), 2.6, 'middle', kerb.label.angle, kerb.label.dy)
    for (const body of bodies) expect(polygonsOverlap(body, street)).toBe(false)
  })

  it('at 1:500 a truck carries its own number', () => {
    const drawing = buildPlanDrawing({ vehicles: [vehicle(1, 0, 0, 10, 2.55), vehicle(2, 15, 0, 10, 2.55)], paper: PAPER })
    expect(drawing.denominator).toBe(500)
    expect(drawing.vehicles.map((drawn) => drawn.badge.leader)).toEqual([null, null])
  })
})
