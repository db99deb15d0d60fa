/**
 * A day's plan split into views when its parts lie far apart. In Paris the loges, HMC and cantine often wait at a
 * base camp a few streets from the set: one drawing of both would need 1:5000, where a truck is a dot. Parts closer
 * than `linkM` stay in one view; each view is drawn at its own stated scale (the set first, in the biggest frame),
 * at most three views on the page. Pure.
 */
import type { BaseCamp, Kerb } from '../../../../core/model'
import { footprintInLocalMetres, toLocalMetres, type LatLng, type LocalPoint } from '../../../../core/rules/footprint'
import { buildPlanDrawing, type PaperSize, type PlanDrawing, type PlanLandmark, type PlanVehicleInput } from './planDrawing'

/** How close two parts of the plan must be (metres, edge to edge) to share a view. */
export const VIEW_LINK_M = 100

/** Frames by number of views, filling the A4 page between the header and the legend. */
const LAYOUTS: Record<number, PaperSize[]> = {
  1: [{ widthMm: 184, heightMm: 150 }],
  2: [{ widthMm: 184, heightMm: 105 }, { widthMm: 184, heightMm: 75 }],
  3: [{ widthMm: 184, heightMm: 100 }, { widthMm: 90, heightMm: 72 }, { widthMm: 90, heightMm: 72 }],
}
const MAX_VIEWS = 3

export type Part =
  | { type: 'vehicle'; vehicle: PlanVehicleInput; outline: LocalPoint[] }
  | { type: 'kerb'; kerb: Kerb; outline: LocalPoint[] }
  | { type: 'camp'; camp: BaseCamp; outline: LocalPoint[] }
  | { type: 'landmark'; landmark: PlanLandmark; outline: LocalPoint[] }

function pointToSegment(p: LocalPoint, a: LocalPoint, b: LocalPoint): number {
  const dx = b.east - a.east
  const dy = b.north - a.north
  const lengthSquared = dx * dx + dy * dy
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p.east - a.east) * dx + (p.north - a.north) * dy) / lengthSquared))
  return Math.hypot(p.east - a.east - t * dx, p.north - a.north - t * dy)
}

/** Edges of an outline: a polyline for a kerb, a closed polygon for a vehicle or a base camp. */
function edges(part: Part): [LocalPoint, LocalPoint][] {
  const { outline } = part
  const open = outline.slice(1).map((point, index): [LocalPoint, LocalPoint] => [outline[index]!, point])
  return part.type === 'kerb' || outline.length < 3 ? open : [...open, [outline[outline.length - 1]!, outline[0]!]]
}

/** Edge-to-edge distance between two parts (a van along the middle of a long kerb is 0 m from it). */
export function partDistance(a: Part, b: Part): number {
  let best = Infinity
  for (const [from, to] of [[a, b], [b, a]] as const) {
    const lines = edges(to)
    for (const point of from.outline) {
      for (const [start, end] of lines) best = Math.min(best, pointToSegment(point, start, end))
      if (lines.length === 0) for (const other of to.outline) best = Math.min(best, Math.hypot(point.east - other.east, point.north - other.north))
    }
  }
  return best
}

/** Single-linkage groups of parts closer than `linkM`, then the two closest groups merged until `maxGroups` remain. */
export function groupParts(parts: Part[], linkM: number, maxGroups = MAX_VIEWS): Part[][] {
  let groups = parts.map((part) => [part])
  const gap = (a: Part[], b: Part[]) => Math.min(...a.flatMap((x) => b.map((y) => partDistance(x, y))))
  for (;;) {
    let closest: { i: number; j: number; distance: number } | null = null
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const distance = gap(groups[i]!, groups[j]!)
        if (!closest || distance < closest.distance) closest = { i, j, distance }
      }
    }
    if (!closest || (closest.distance >= linkM && groups.length <= maxGroups)) return groups
    const merged = [...groups[closest.i]!, ...groups[closest.j]!]
    groups = [...groups.filter((_, index) => index !== closest.i && index !== closest.j), merged]
  }
}

export interface PlanViewsInput {
  vehicles: PlanVehicleInput[]
  kerbs?: readonly Kerb[]
  baseCamp?: BaseCamp | null
  /** The day's décors: marked, and the view that holds one comes first (the set before the base camp). */
  landmarks?: readonly PlanLandmark[]
  linkM?: number
}

/**
 * The day's plan as one to three drawings: the view with a décor first, then the one with the most vehicles. Empty
 * when nothing is drawn (a décor alone is no plan).
 */
export function buildPlanViews({ vehicles, kerbs = [], baseCamp = null, landmarks = [], linkM = VIEW_LINK_M }: PlanViewsInput): PlanDrawing[] {
  const latLngs: LatLng[] = [
    ...vehicles.flatMap((vehicle): LatLng[] => (vehicle.footprint ? [[vehicle.footprint.lat, vehicle.footprint.lng]] : [])),
    ...kerbs.flatMap((kerb) => kerb.points as LatLng[]),
    ...((baseCamp?.points ?? []) as LatLng[]),
  ]
  if (latLngs.length === 0) return []
  latLngs.push(...landmarks.map(({ lat, lng }): LatLng => [lat, lng]))
  const origin: LatLng = [latLngs.reduce((sum, [lat]) => sum + lat, 0) / latLngs.length, latLngs.reduce((sum, [, lng]) => sum + lng, 0) / latLngs.length]
  const local = (points: readonly (readonly number[])[]) => points.map((point) => toLocalMetres(origin, point as LatLng))
  const parts: Part[] = [
    ...vehicles.flatMap((vehicle): Part[] => (vehicle.footprint ? [{ type: 'vehicle', vehicle, outline: footprintInLocalMetres(origin, vehicle.footprint) }] : [])),
    ...kerbs.filter((kerb) => kerb.points.length >= 2).map((kerb): Part => ({ type: 'kerb', kerb, outline: local(kerb.points) })),
    ...(baseCamp && baseCamp.points.length >= 3 ? [{ type: 'camp', camp: baseCamp, outline: local(baseCamp.points) } as Part] : []),
    ...landmarks.map((landmark): Part => ({ type: 'landmark', landmark, outline: local([[landmark.lat, landmark.lng]]) })),
  ]
  const vehicleCount = (group: Part[]) => group.filter((part) => part.type === 'vehicle').length
  const hasDecor = (group: Part[]) => (group.some((part) => part.type === 'landmark') ? 1 : 0)
  const groups = groupParts(parts, linkM)
    .filter((group) => group.some((part) => part.type !== 'landmark'))
    .sort((a, b) => hasDecor(b) - hasDecor(a) || vehicleCount(b) - vehicleCount(a) || b.length - a.length)
  const frames = LAYOUTS[groups.length] ?? LAYOUTS[1]!
  return groups.map((group, index) => {
    const paper = frames[index]!
    return buildPlanDrawing({
      vehicles: group.flatMap((part) => (part.type === 'vehicle' ? [part.vehicle] : [])),
      kerbs: group.flatMap((part) => (part.type === 'kerb' ? [part.kerb] : [])),
      baseCamp: group.find((part): part is Extract<Part, { type: 'camp' }> => part.type === 'camp')?.camp ?? null,
      landmarks: group.flatMap((part) => (part.type === 'landmark' ? [part.landmark] : [])),
      paper,
      paddingMm: paper.widthMm < 100 ? 7 : 12,
    })
  })
}
