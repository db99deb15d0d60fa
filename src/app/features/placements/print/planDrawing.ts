/**
 * The printed vehicle plan as geometry on paper: the day's kerbs, base camp and vehicles projected into local metres
 * around their centroid (the same projection as the footprints), then drawn north up at the largest standard scale
 * that fits the frame, so the plan states a true scale ("1:500") a régisseur can measure on with a ruler. The frame's
 * ground (`frame`) is what the base map under it shows; numbers and names are placed where they hide no vehicle
 * (planLabels.ts). Pure: no DOM, no Vue; the SVG component only draws what this returns (millimetres on paper).
 */
import type { BaseCamp, Kerb, VehicleKind } from '../../../../core/model'
import { footprintInLocalMetres, fromLocalMetres, toLocalMetres, type FootprintInput, type LatLng, type LocalPoint } from '../../../../core/rules/footprint'
import { BADGE_RADIUS_MM, circle, firstClear, placeBadges, textBox, type Badge, type Polygon } from './planLabels'

/**
 * Scales tried, most detailed first: 1:500 and 1:1000, the street-plan scales at which a base map still shows its
 * streets and names; 1:2000 for a base camp spread along a boulevard; 1:5000 when even that is too small (what falls
 * outside the frame is then named in the list).
 */
export const PLAN_SCALES = [500, 1000, 2000, 5000] as const

/** Scale bar lengths in metres: round numbers a reader can add up. */
const SCALE_BAR_METRES = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]

export interface PaperSize {
  widthMm: number
  heightMm: number
}

/**
 * The most detailed scale at which an extent of the ground fits the paper: `fits` is false when even the last scale
 * is too small (the plan is then drawn at that scale and what falls outside the frame is named in the list).
 */
export function choosePlanScale(
  extent: { widthM: number; heightM: number },
  paper: PaperSize,
  scales: readonly number[] = PLAN_SCALES,
): { denominator: number; fits: boolean } {
  for (const denominator of scales) {
    if ((extent.widthM * 1000) / denominator <= paper.widthMm && (extent.heightM * 1000) / denominator <= paper.heightMm) {
      return { denominator, fits: true }
    }
  }
  return { denominator: scales[scales.length - 1]!, fits: false }
}

/** The longest round length of ground that draws at most `maxMm` long at this scale. */
export function scaleBarMetres(denominator: number, maxMm: number): number {
  const fitting = SCALE_BAR_METRES.filter((metres) => (metres * 1000) / denominator <= maxMm)
  return fitting[fitting.length - 1] ?? SCALE_BAR_METRES[0]!
}

/** A vehicle to draw, already numbered as in the printed list. */
export interface PlanVehicleInput {
  number: number
  placementId: string
  kind: VehicleKind
  onStreet: boolean
  /** Null when the placement has no position on the map: listed, not drawn. */
  footprint: FootprintInput | null
}

export type PaperPoint = [x: number, y: number]

export interface DrawnVehicle {
  number: number
  placementId: string
  kind: VehicleKind
  onStreet: boolean
  /** Front-left, front-right, rear-right, rear-left on paper (mm). */
  corners: PaperPoint[]
  centre: PaperPoint
  /** Wholly inside the frame. */
  inFrame: boolean
  /** Its number: on it, or beside it on a leader line when the vehicle is too small on paper to carry it. */
  badge: Badge
}

export interface DrawnKerb {
  id: string
  street: string
  side: Kerb['side']
  points: PaperPoint[]
  /**
   * Where its name is written: along its longest segment, upright, `angle` in degrees (SVG rotation), `dy` the
   * baseline's offset across the line, on the pavement side (away from the vehicles parked along it).
   */
  label: { x: number; y: number; angle: number; dy: number }
}

export interface DrawnBaseCamp {
  label: string
  onStreet: boolean
  points: PaperPoint[]
  labelAt: PaperPoint
}

/** A place to mark on the plan: the décor the vehicles serve. */
export interface PlanLandmark {
  label: string
  lat: number
  lng: number
}

export interface DrawnLandmark {
  label: string
  at: PaperPoint
  /** Where its name is written (baseline) and how it is anchored there: beside the mark, off every vehicle. */
  labelAt: PaperPoint
  anchor: 'start' | 'middle' | 'end'
  inFrame: boolean
}

export interface PlanDrawing {
  paper: PaperSize
  denominator: number
  fits: boolean
  vehicles: DrawnVehicle[]
  kerbs: DrawnKerb[]
  baseCamp: DrawnBaseCamp | null
  landmarks: DrawnLandmark[]
  /** Length of the scale bar on the ground and on paper. */
  scaleBar: { metres: number; lengthMm: number }
  /** The ground the frame shows: its centre and size, for the base map under the drawing. */
  frame: { lat: number; lng: number; widthM: number; heightM: number }
  /** Nothing has a position: no plan to draw (the list still prints). */
  empty: boolean
}

export interface PlanDrawingInput {
  vehicles: PlanVehicleInput[]
  kerbs?: readonly Kerb[]
  baseCamp?: BaseCamp | null
  landmarks?: readonly PlanLandmark[]
  paper: PaperSize
  /** Blank margin kept inside the frame around what is drawn (north arrow, scale bar, labels), in mm. */
  paddingMm?: number
}

function centroid(points: LatLng[]): LatLng {
  const sum = points.reduce((total, [lat, lng]) => [total[0] + lat, total[1] + lng], [0, 0])
  return [sum[0] / points.length, sum[1] / points.length]
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

function bounds(points: LocalPoint[]) {
  const easts = points.map((point) => point.east)
  const norths = points.map((point) => point.north)
  return { minE: Math.min(...easts), maxE: Math.max(...easts), minN: Math.min(...norths), maxN: Math.max(...norths) }
}

/** Baseline offsets (mm) putting 2.6 mm text just above or just below a line. */
const LABEL_ABOVE = -1.3
const LABEL_BELOW = 3.2

/**
 * Text along a kerb's longest segment, turned so it never reads upside down, written on the side of the line where
 * fewer vehicles stand (`centres`: the drawn vehicles, on paper), so the name never hides a vehicle's number.
 */
function labelAlong(points: PaperPoint[], centres: PaperPoint[]): DrawnKerb['label'] {
  let best = { length: -1, at: 0 }
  for (let i = 1; i < points.length; i++) {
    const length = Math.hypot(points[i]![0] - points[i - 1]![0], points[i]![1] - points[i - 1]![1])
    if (length > best.length) best = { length, at: i }
  }
  const start = points[best.at - 1] ?? points[0]!
  const end = points[best.at] ?? points[0]!
  let angle = (Math.atan2(end[1] - start[1], end[0] - start[0]) * 180) / Math.PI
  if (angle > 90) angle -= 180
  if (angle <= -90) angle += 180
  const x = (start[0] + end[0]) / 2
  const y = (start[1] + end[1]) / 2
  // The text's "up" on paper, and the vehicles within 15 mm of the line on either side of it.
  const up = { x: Math.sin((angle * Math.PI) / 180), y: -Math.cos((angle * Math.PI) / 180) }
  const half = best.length / 2
  let balance = 0
  for (const [cx, cy] of centres) {
    const across = (cx - x) * up.x + (cy - y) * up.y
    const along = Math.abs((cx - x) * up.y - (cy - y) * up.x)
    if (Math.abs(across) < 15 && along <= half + 5) balance += Math.sign(across)
  }
  return { x, y, angle, dy: balance > 0 ? LABEL_BELOW : LABEL_ABOVE }
}

const round = (value: number) => Math.round(value * 100) / 100

/** Type sizes the SVG writes names in (mm). */
const KERB_FONT_MM = 2.6
const LANDMARK_FONT_MM = 2.8
/**
 * Where a décor's name may go around its star, tried in turn: right, left, above, below, then each a line further out
 * (a row of vehicles and their numbers may sit just beside the star).
 */
const LANDMARK_SPOTS: { dx: number; dy: number; anchor: 'start' | 'middle' | 'end' }[] = [0, 1, 2, 3].flatMap((step) => [
  { dx: 3.2, dy: 1 - step * 4.2, anchor: 'start' as const }, { dx: -3.2, dy: 1 - step * 4.2, anchor: 'end' as const },
  { dx: 0, dy: -3.4 - step * 4.2, anchor: 'middle' as const }, { dx: 0, dy: 5.6 + step * 4.2, anchor: 'middle' as const },
  { dx: 3.2, dy: 1 + step * 4.2, anchor: 'start' as const }, { dx: -3.2, dy: 1 + step * 4.2, anchor: 'end' as const },
])

/**
 * The kerb's name where it covers no vehicle or number: the side labelAlong chose, else the other side, further out,
 * or a quarter of the way along instead of the middle.
 */
function clearKerbLabel(points: PaperPoint[], label: DrawnKerb['label'], chars: number, taken: Polygon[], paper: PaperSize): DrawnKerb['label'] {
  const other = label.dy === LABEL_ABOVE ? LABEL_BELOW : LABEL_ABOVE
  const further = (dy: number) => (dy === LABEL_ABOVE ? dy - 3.5 : dy + 3.5)
  const rad = (label.angle * Math.PI) / 180
  const span = Math.max(...points.map(([x, y]) => Math.abs((x - label.x) * Math.cos(rad) + (y - label.y) * Math.sin(rad))))
  const shifted = (fraction: number) => ({ x: round(label.x + Math.cos(rad) * span * fraction), y: round(label.y + Math.sin(rad) * span * fraction) })
  const candidates = [0, -0.5, 0.5].flatMap((fraction) => [label.dy, other, further(label.dy), further(other)].map((dy) => ({ ...label, ...shifted(fraction), dy })))
  return firstClear(candidates, (candidate) => textBox([candidate.x, candidate.y], 'x'.repeat(chars), KERB_FONT_MM, 'middle', candidate.angle, candidate.dy), taken, paper)
}

/** Projects the day's plan onto the paper at the chosen scale, north up, centred in the frame. */
export function buildPlanDrawing({ vehicles, kerbs = [], baseCamp = null, landmarks = [], paper, paddingMm = 12 }: PlanDrawingInput): PlanDrawing {
  const drawable = vehicles.filter((vehicle): vehicle is PlanVehicleInput & { footprint: FootprintInput } => vehicle.footprint !== null)
  const usableKerbs = kerbs.filter((kerb) => kerb.points.length >= 2)
  const camp = baseCamp && baseCamp.points.length >= 3 ? baseCamp : null
  const anchors: LatLng[] = [
    ...drawable.map(({ footprint }): LatLng => [footprint.lat, footprint.lng]),
    ...usableKerbs.flatMap((kerb) => kerb.points as LatLng[]),
    ...((camp?.points ?? []) as LatLng[]),
    ...landmarks.map(({ lat, lng }): LatLng => [lat, lng]),
  ]
  const inner = { widthMm: paper.widthMm - 2 * paddingMm, heightMm: paper.heightMm - 2 * paddingMm }
  if (anchors.length === 0) {
    const denominator = PLAN_SCALES[0]
    return {
      paper, denominator, fits: true, vehicles: [], kerbs: [], baseCamp: null, landmarks: [], empty: true,
      scaleBar: { metres: scaleBarMetres(denominator, paper.widthMm / 3), lengthMm: 0 }, frame: { lat: 0, lng: 0, widthM: 0, heightM: 0 },
    }
  }

  const origin = centroid(anchors)
  const local = (point: LatLng) => toLocalMetres(origin, point)
  const vehicleCorners = drawable.map(({ footprint }) => footprintInLocalMetres(origin, footprint))
  const kerbLines = usableKerbs.map((kerb) => (kerb.points as LatLng[]).map(local))
  const campLine = camp ? (camp.points as LatLng[]).map(local) : []
  const landmarkPoints = landmarks.map(({ lat, lng }) => local([lat, lng]))
  const box = bounds([...vehicleCorners.flat(), ...kerbLines.flat(), ...campLine, ...landmarkPoints])
  const { denominator, fits } = choosePlanScale({ widthM: box.maxE - box.minE, heightM: box.maxN - box.minN }, inner)

  const mmPerMetre = 1000 / denominator
  // Too wide for the page: centre on the median of what is drawn, so the cluster at the set stays on the page and
  // the odd far-away truck is the one cut off (it is named in the list).
  const centre = fits
    ? { east: (box.minE + box.maxE) / 2, north: (box.minN + box.maxN) / 2 }
    : { east: median(anchors.map((point) => local(point).east)), north: median(anchors.map((point) => local(point).north)) }
  const midE = centre.east
  const midN = centre.north
  const toPaper = ({ east, north }: LocalPoint): PaperPoint => [
    round(paper.widthMm / 2 + (east - midE) * mmPerMetre),
    round(paper.heightMm / 2 - (north - midN) * mmPerMetre),
  ]
  const inside = ([x, y]: PaperPoint) => x >= 0 && x <= paper.widthMm && y >= 0 && y <= paper.heightMm

  const bodies = drawable.map((vehicle, index) => {
    const corners = vehicleCorners[index]!.map(toPaper)
    const centre: PaperPoint = [
      round(corners.reduce((sum, [x]) => sum + x, 0) / 4),
      round(corners.reduce((sum, [, y]) => sum + y, 0) / 4),
    ]
    return { vehicle, corners, centre }
  })
  const badges = placeBadges(bodies, paper)
  const drawnVehicles = bodies.map(({ vehicle, corners, centre }, index): DrawnVehicle => ({
    number: vehicle.number, placementId: vehicle.placementId, kind: vehicle.kind, onStreet: vehicle.onStreet, corners, centre,
    inFrame: corners.every(inside), badge: badges[index]!,
  }))
  // What no name may cover: the vehicles and their numbers; each name placed joins them.
  const taken: Polygon[] = [...bodies.map((body) => body.corners), ...badges.map((badge) => circle(badge.at, BADGE_RADIUS_MM))]
  const centres = drawnVehicles.map((vehicle) => vehicle.centre)
  const drawnKerbs = usableKerbs.map((kerb, index): DrawnKerb => {
    const points = kerbLines[index]!.map(toPaper)
    const label = clearKerbLabel(points, labelAlong(points, centres), kerb.street.length + (kerb.side ? 14 : 0), taken, paper)
    taken.push(textBox([label.x, label.y], 'x'.repeat(kerb.street.length + (kerb.side ? 14 : 0)), KERB_FONT_MM, 'middle', label.angle, label.dy))
    return { id: kerb.id, street: kerb.street, side: kerb.side ?? '', points, label }
  })
  const drawnLandmarks = landmarks.map((landmark, index): DrawnLandmark => {
    const at = toPaper(landmarkPoints[index]!)
    const text = 'x'.repeat(landmark.label.length)
    const spot = firstClear(LANDMARK_SPOTS, (spot) => textBox([at[0] + spot.dx, at[1] + spot.dy], text, LANDMARK_FONT_MM, spot.anchor), taken, paper)
    const labelAt: PaperPoint = [round(at[0] + spot.dx), round(at[1] + spot.dy)]
    taken.push(textBox(labelAt, text, LANDMARK_FONT_MM, spot.anchor))
    return { label: landmark.label, at, labelAt, anchor: spot.anchor, inFrame: inside(at) }
  })
  let drawnCamp: DrawnBaseCamp | null = null
  if (camp) {
    const points = campLine.map(toPaper)
    const x = round(points.reduce((sum, [px]) => sum + px, 0) / points.length)
    const top = Math.min(...points.map(([, y]) => y))
    const bottom = Math.max(...points.map(([, y]) => y))
    const text = 'x'.repeat((camp.label ?? '').length + 16)
    const y = firstClear([Math.max(4, top - 1.5), bottom + 3.5, top + 3.5], (candidate) => textBox([x, candidate], text, LANDMARK_FONT_MM, 'middle'), taken, paper)
    drawnCamp = { label: camp.label ?? '', onStreet: camp.onStreet ?? false, points, labelAt: [x, round(y)] }
  }
  const metres = scaleBarMetres(denominator, Math.min(50, paper.widthMm / 3))
  const [frameLat, frameLng] = fromLocalMetres(origin, { east: midE, north: midN })
  return {
    paper, denominator, fits, vehicles: drawnVehicles, kerbs: drawnKerbs, baseCamp: drawnCamp, landmarks: drawnLandmarks, empty: false,
    scaleBar: { metres, lengthMm: round(metres * mmPerMetre) },
    frame: { lat: frameLat, lng: frameLng, widthM: (paper.widthMm * denominator) / 1000, heightM: (paper.heightMm * denominator) / 1000 },
  }
}
