/**
 * Where the printed plan's words and numbers go so that none hides a vehicle: a vehicle's number sits on it when it
 * fits inside, else beside it on a short leader line, at the nearest free spot; the décor's name, the kerbs' street names
 * and the base camp's name go where they cover no vehicle and no number. Pure geometry on paper (millimetres).
 */
import type { PaperPoint } from './planDrawing'

export type Polygon = PaperPoint[]

/** Radius of a number's badge on paper (mm); the SVG draws it this size. */
export const BADGE_RADIUS_MM = 2.1
const GAP_MM = 0.7
/** Approximate advance of a character at the plan's type sizes (mm per character per mm of font size). */
const CHAR_WIDTH = 0.56

function axesOf(polygon: Polygon): PaperPoint[] {
  return polygon.map((point, index) => {
    const next = polygon[(index + 1) % polygon.length]!
    return [next[1] - point[1], point[0] - next[0]]
  })
}

/** Separating-axis test for two convex polygons: true when they overlap (touching does not count). */
export function polygonsOverlap(a: Polygon, b: Polygon): boolean {
  for (const [ax, ay] of [...axesOf(a), ...axesOf(b)]) {
    const project = (polygon: Polygon) => polygon.map(([x, y]) => x * ax + y * ay)
    const pa = project(a)
    const pb = project(b)
    if (Math.max(...pa) <= Math.min(...pb) + 1e-9 || Math.max(...pb) <= Math.min(...pa) + 1e-9) return false
  }
  return true
}

/** A circle as an octagon around it (slightly larger than the circle, so a clear octagon means a clear circle). */
export function circle([x, y]: PaperPoint, radius: number): Polygon {
  const r = radius / Math.cos(Math.PI / 8)
  return Array.from({ length: 8 }, (_, i) => [x + r * Math.cos((Math.PI / 4) * i + Math.PI / 8), y + r * Math.sin((Math.PI / 4) * i + Math.PI / 8)] as PaperPoint)
}

/** The box a line of text takes: anchored like SVG's text-anchor at `at` (its baseline), turned `angle` degrees about it. */
export function textBox(at: PaperPoint, text: string, fontMm: number, anchor: 'start' | 'middle' | 'end', angle = 0, dy = 0): Polygon {
  const width = text.length * fontMm * CHAR_WIDTH
  const left = anchor === 'start' ? 0 : anchor === 'middle' ? -width / 2 : -width
  const corners: PaperPoint[] = [[left, dy - fontMm * 0.8], [left + width, dy - fontMm * 0.8], [left + width, dy + fontMm * 0.25], [left, dy + fontMm * 0.25]]
  const rad = (angle * Math.PI) / 180
  return corners.map(([x, y]) => [at[0] + x * Math.cos(rad) - y * Math.sin(rad), at[1] + x * Math.sin(rad) + y * Math.cos(rad)])
}

const length = ([x, y]: PaperPoint) => Math.hypot(x, y)
const unit = ([x, y]: PaperPoint): PaperPoint => {
  const size = Math.hypot(x, y) || 1
  return [x / size, y / size]
}

export interface Badge {
  at: PaperPoint
  /** From the vehicle's edge to the badge, when the number stands beside it. */
  leader: [PaperPoint, PaperPoint] | null
}

export interface PaperFrame {
  widthMm: number
  heightMm: number
}

const insideFrame = (polygon: Polygon, frame: PaperFrame) => polygon.every(([x, y]) => x >= 0.5 && y >= 0.5 && x <= frame.widthMm - 0.5 && y <= frame.heightMm - 0.5)

/**
 * A number per vehicle (`corners`: front-left, front-right, rear-right, rear-left): inside it when the badge fits with a
 * margin, else the nearest spot beside it, across then along, that covers no vehicle and no other number.
 */
export function placeBadges(vehicles: readonly { corners: PaperPoint[]; centre: PaperPoint }[], frame: PaperFrame): Badge[] {
  const bodies = vehicles.map((vehicle) => vehicle.corners)
  const placed: Polygon[] = []
  return vehicles.map(({ corners, centre }) => {
    const [fl, fr, rr] = corners as [PaperPoint, PaperPoint, PaperPoint]
    const across: PaperPoint = [fr[0] - fl[0], fr[1] - fl[1]]
    const along: PaperPoint = [fr[0] - rr[0], fr[1] - rr[1]]
    const halfWidth = length(across) / 2
    const halfLength = length(along) / 2
    const free = (polygon: Polygon) => !bodies.some((body) => polygonsOverlap(body, polygon)) && !placed.some((other) => polygonsOverlap(other, polygon))
    // Fits inside: the only thing under the number is its own vehicle.
    if (Math.min(halfWidth, halfLength) >= BADGE_RADIUS_MM + 0.3 && !placed.some((other) => polygonsOverlap(other, circle(centre, BADGE_RADIUS_MM)))) {
      placed.push(circle(centre, BADGE_RADIUS_MM))
      return { at: centre, leader: null }
    }
    const directions: { dir: PaperPoint; edge: number }[] = [
      { dir: unit(across), edge: halfWidth }, { dir: unit([-across[0], -across[1]]), edge: halfWidth },
      { dir: unit(along), edge: halfLength }, { dir: unit([-along[0], -along[1]]), edge: halfLength },
    ]
    const candidates = [0, 1, 2, 3, 4, 5].flatMap((step) => directions.map(({ dir, edge }) => ({ dir, edge, distance: edge + BADGE_RADIUS_MM + GAP_MM + step * 2.4 })))
      .sort((a, b) => a.distance - b.distance)
    const spot = candidates.find(({ dir, distance }) => {
      const badge = circle([centre[0] + dir[0] * distance, centre[1] + dir[1] * distance], BADGE_RADIUS_MM)
      return insideFrame(badge, frame) && free(badge)
    }) ?? candidates[0]!
    const at: PaperPoint = [centre[0] + spot.dir[0] * spot.distance, centre[1] + spot.dir[1] * spot.distance]
    placed.push(circle(at, BADGE_RADIUS_MM))
    const from: PaperPoint = [centre[0] + spot.dir[0] * spot.edge, centre[1] + spot.dir[1] * spot.edge]
    const to: PaperPoint = [at[0] - spot.dir[0] * BADGE_RADIUS_MM, at[1] - spot.dir[1] * BADGE_RADIUS_MM]
    return { at, leader: [from, to] }
  })
}

/** The first of `candidates` whose box covers none of `obstacles` and stays in the frame; else the first. */
export function firstClear<T>(candidates: readonly T[], box: (candidate: T) => Polygon, obstacles: readonly Polygon[], frame: PaperFrame): T {
  return candidates.find((candidate) => {
    const polygon = box(candidate)
    return insideFrame(polygon, frame) && !obstacles.some((obstacle) => polygonsOverlap(obstacle, polygon))
  }) ?? candidates[0]!
}
