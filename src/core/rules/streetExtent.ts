/**
 * Street extent: how many linear metres of kerb the vehicles take, per street and side, for the permit request
 * and the parking to reserve (ventousage). A kerbside bay is about 5 m (DOMAIN.md).
 */
import type { STREET_SIDES } from '../model/placement'
import { footprintInLocalMetres, toLocalMetres, type FootprintInput, type LatLng, type LocalPoint } from './footprint'

export const PARKING_BAY_M = 5

/** Côté pair / impair; '' when not known yet. */
export type StreetSide = (typeof STREET_SIDES)[number]

const RAD = Math.PI / 180

/** Total length of the union of [start, end] intervals: overlapping or touching ones count once. */
function unionLength(intervals: [number, number][]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0])
  let total = 0
  let current: [number, number] | null = null
  for (const [start, end] of sorted) {
    if (current && start <= current[1]) {
      current[1] = Math.max(current[1], end)
    } else {
      if (current) total += current[1] - current[0]
      current = [start, end]
    }
  }
  return current ? total + current[1] - current[0] : total
}

/**
 * The street's direction when its line is unknown: the mean of the vehicles' headings taken as axes (a van facing
 * north and one facing south lie along the same street), by averaging doubled angles.
 */
function meanAxis(vehicles: FootprintInput[]): LocalPoint {
  let x = 0
  let y = 0
  for (const { heading } of vehicles) {
    x += Math.cos(2 * heading * RAD)
    y += Math.sin(2 * heading * RAD)
  }
  const angle = Math.hypot(x, y) < 1e-9 ? (vehicles[0]?.heading ?? 0) * RAD : Math.atan2(y, x) / 2
  return { east: Math.sin(angle), north: Math.cos(angle) }
}

/**
 * Distance along a polyline of the point's projection. The first and last segments extend beyond the line's ends,
 * so a vehicle parked past the end of a drawn street still measures its full length.
 */
function abscissaOnLine(point: LocalPoint, line: LocalPoint[]): number {
  let best = { distance: Infinity, abscissa: 0 }
  let travelled = 0
  const last = line.length - 1
  for (let i = 1; i <= last; i++) {
    const start = line[i - 1]!
    const end = line[i]!
    const length = Math.hypot(end.east - start.east, end.north - start.north)
    const direction = { east: (end.east - start.east) / length, north: (end.north - start.north) / length }
    let along = (point.east - start.east) * direction.east + (point.north - start.north) * direction.north
    if (i > 1) along = Math.max(0, along)
    if (i < last) along = Math.min(length, along)
    const distance = Math.hypot(point.east - start.east - direction.east * along, point.north - start.north - direction.north * along)
    if (distance < best.distance) best = { distance, abscissa: travelled + along }
    travelled += length
  }
  return best.abscissa
}

/**
 * Linear metres of street the vehicles occupy: each footprint projected onto the street axis, then the length of the
 * union of those intervals (vehicles bumper to bumper or overlapping are not counted twice, gaps are not counted).
 * `streetLine`: the street drawn as a polyline, in the direction of increasing numbers or not; left out, the axis is
 * the vehicles' mean heading, which assumes most of them are parked along the street.
 */
export function linearMetres(vehicles: FootprintInput[], streetLine?: LatLng[]): number {
  const first = vehicles[0]
  if (!first) return 0
  const origin: LatLng = [first.lat, first.lng]
  const line = withoutRepeatedPoints((streetLine ?? []).map((point) => toLocalMetres(origin, point)))
  const usableLine = line.length >= 2 ? line : null
  const axis = meanAxis(vehicles)
  const position = usableLine
    ? (p: LocalPoint) => abscissaOnLine(p, usableLine)
    : (p: LocalPoint) => p.east * axis.east + p.north * axis.north
  const intervals = vehicles.map((vehicle): [number, number] => {
    const values = footprintInLocalMetres(origin, vehicle).map(position)
    return [Math.min(...values), Math.max(...values)]
  })
  return unionLength(intervals)
}

/** Length in metres of a polyline of local points. */
function lineLength(line: LocalPoint[]): number {
  let total = 0
  for (let i = 1; i < line.length; i++) total += Math.hypot(line[i]!.east - line[i - 1]!.east, line[i]!.north - line[i - 1]!.north)
  return total
}

/**
 * Where a vehicle stands along a street line: the metres from the line's first point to the nearest and farthest
 * ends of its footprint, and the line's length. Null when the line has fewer than two distinct points.
 */
export function spanAlongLine(vehicle: FootprintInput, streetLine: LatLng[]): { from: number; to: number; length: number } | null {
  const origin: LatLng = [vehicle.lat, vehicle.lng]
  const line = withoutRepeatedPoints(streetLine.map((point) => toLocalMetres(origin, point)))
  if (line.length < 2) return null
  const values = footprintInLocalMetres(origin, vehicle).map((corner) => abscissaOnLine(corner, line))
  return { from: Math.min(...values), to: Math.max(...values), length: lineLength(line) }
}

/** A point tapped twice would make a zero-length segment with no direction. */
function withoutRepeatedPoints(line: LocalPoint[]): LocalPoint[] {
  return line.filter((point, i) => {
    const previous = line[i - 1]
    return !previous || Math.hypot(point.east - previous.east, point.north - previous.north) > 1e-6
  })
}

/**
 * Kerbside bays to reserve for `metres` of vehicles. A millimetre over a multiple of the bay is rounding, not one
 * more bay.
 */
export function parkingBaysNeeded(metres: number, bayM = PARKING_BAY_M): number {
  if (!(bayM > 0) || !Number.isFinite(bayM)) throw new RangeError(`parking bay length must be positive, got ${bayM}`)
  if (!(metres > 0.001)) return 0
  return Math.ceil((metres - 0.001) / bayM)
}

export interface StreetPlacement {
  /** Street name as typed; placements with an empty street (base camp, yard) are left out of the summary. */
  street: string
  side: StreetSide
  footprint: FootprintInput
}

export interface StreetSideSummary {
  /** The street as first spelt among its placements. */
  street: string
  side: StreetSide
  linearMetres: number
  vehicleCount: number
  baysNeeded: number
}

/** "Rue de la Roquette", "rue de la  roquette " and "Rue de la Roquette" with other accents are one street. */
export function streetKey(street: string): string {
  return street.normalize('NFD').replace(/\p{M}/gu, '').trim().replace(/\s+/g, ' ').toLowerCase()
}

/** Streets sides listed even, odd, then unknown. */
export const SIDE_ORDER: Record<StreetSide, number> = { even: 0, odd: 1, '': 2 }

/**
 * Per street and side: the linear metres taken, the number of vehicles and the bays to reserve, sorted by street
 * then even, odd, unknown side. `streetLineOf` may give a street's polyline for a more exact extent.
 */
export function streetSideSummary(
  placements: StreetPlacement[],
  streetLineOf?: (street: string, side: StreetSide) => LatLng[] | undefined,
): StreetSideSummary[] {
  const groups = new Map<string, { street: string; side: StreetSide; vehicles: FootprintInput[] }>()
  for (const { street, side, footprint } of placements) {
    const key = streetKey(street)
    if (!key) continue
    const groupKey = `${key}\u0000${side}`
    const group = groups.get(groupKey) ?? { street: street.trim().replace(/\s+/g, ' '), side, vehicles: [] }
    group.vehicles.push(footprint)
    groups.set(groupKey, group)
  }
  return [...groups.values()]
    .map(({ street, side, vehicles }) => {
      const metres = linearMetres(vehicles, streetLineOf?.(street, side))
      return { street, side, linearMetres: metres, vehicleCount: vehicles.length, baysNeeded: parkingBaysNeeded(metres) }
    })
    .sort((a, b) => a.street.localeCompare(b.street, 'fr') || SIDE_ORDER[a.side] - SIDE_ORDER[b.side])
}
