/**
 * Vehicles drawn at real scale on the placement plan: the rotated rectangle a vehicle covers on the ground,
 * distances, overlap warnings and snapping a vehicle along a kerb.
 *
 * Geometry is done in a local east-north plane (metres) around a point: an equirectangular projection on a sphere of
 * radius 6,371,000 m, the same sphere Leaflet measures on, so a 12 m truck measures 12 m on the map. The projection's
 * error grows with the square of the distance: under 0.1 mm across a truck, about 1 mm 200 m away, so centimetre-exact
 * at street scale. The sphere differs from the WGS84 ellipsoid by at most 0.5 % (a few centimetres on a truck), far below
 * GPS and hand-placement error.
 */

export type LatLng = [lat: number, lng: number]

/** Where a vehicle stands and its size. `heading`: degrees clockwise from north, the direction its front points. */
export interface FootprintInput {
  lat: number
  lng: number
  heading: number
  lengthM: number
  widthM: number
}

/** Metres east and north of a local origin. */
export interface LocalPoint {
  east: number
  north: number
}

export const EARTH_RADIUS_M = 6_371_000

/** How far (metres) a vehicle's centre may be from a kerb and still snap onto it. */
export const KERB_SNAP_MAX_M = 10

const RAD = Math.PI / 180

/** Any angle in degrees to [0, 360). */
export function normaliseHeading(degrees: number): number {
  const turned = degrees % 360
  const positive = turned < 0 ? turned + 360 : turned
  return positive === 360 ? 0 : positive
}

/** Longitude difference in degrees, taking the short way round the antimeridian. */
function longitudeDelta(from: number, to: number): number {
  const delta = (to - from) % 360
  if (delta > 180) return delta - 360
  if (delta <= -180) return delta + 360
  return delta
}

export function toLocalMetres(origin: LatLng, point: LatLng): LocalPoint {
  return {
    east: longitudeDelta(origin[1], point[1]) * RAD * EARTH_RADIUS_M * Math.cos(origin[0] * RAD),
    north: (point[0] - origin[0]) * RAD * EARTH_RADIUS_M,
  }
}

export function fromLocalMetres(origin: LatLng, { east, north }: LocalPoint): LatLng {
  const lat = origin[0] + north / EARTH_RADIUS_M / RAD
  const lng = origin[1] + east / (EARTH_RADIUS_M * Math.cos(origin[0] * RAD)) / RAD
  return [lat, lng > 180 ? lng - 360 : lng < -180 ? lng + 360 : lng]
}

/** Great-circle distance in metres (haversine, same sphere as the plan). */
export function metresBetween(a: LatLng, b: LatLng): number {
  const dLat = (b[0] - a[0]) * RAD
  const dLng = longitudeDelta(a[1], b[1]) * RAD
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * RAD) * Math.cos(b[0] * RAD) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Unit vectors (east, north) of the vehicle's front and of its right-hand side. */
function axes(heading: number): { front: LocalPoint; right: LocalPoint } {
  const h = heading * RAD
  return {
    front: { east: Math.sin(h), north: Math.cos(h) },
    right: { east: Math.cos(h), north: -Math.sin(h) },
  }
}

/** The four corners in local metres around `centre`, in the order of `placementFootprint`. */
function localCorners(centre: LocalPoint, { heading, lengthM, widthM }: FootprintInput): [LocalPoint, LocalPoint, LocalPoint, LocalPoint] {
  const { front, right } = axes(heading)
  const corner = (alongFront: number, alongRight: number): LocalPoint => ({
    east: centre.east + front.east * alongFront + right.east * alongRight,
    north: centre.north + front.north * alongFront + right.north * alongRight,
  })
  const halfL = lengthM / 2
  const halfW = widthM / 2
  return [corner(halfL, -halfW), corner(halfL, halfW), corner(-halfL, halfW), corner(-halfL, -halfW)]
}

/**
 * The ground a vehicle covers: four [lat, lng] corners of the rectangle centred on its position and rotated by its
 * heading, in the order front-left, front-right, rear-right, rear-left (clockwise seen from above), so the first two
 * corners are the front edge.
 */
export function placementFootprint(vehicle: FootprintInput): [LatLng, LatLng, LatLng, LatLng] {
  const origin: LatLng = [vehicle.lat, vehicle.lng]
  const [a, b, c, d] = localCorners({ east: 0, north: 0 }, vehicle)
  return [fromLocalMetres(origin, a), fromLocalMetres(origin, b), fromLocalMetres(origin, c), fromLocalMetres(origin, d)]
}

/** Corners of a footprint in the local plane of `origin`. */
export function footprintInLocalMetres(origin: LatLng, vehicle: FootprintInput): LocalPoint[] {
  return localCorners(toLocalMetres(origin, [vehicle.lat, vehicle.lng]), vehicle)
}

const dot = (p: LocalPoint, axis: LocalPoint) => p.east * axis.east + p.north * axis.north

function extentAlong(corners: LocalPoint[], axis: LocalPoint): [number, number] {
  const values = corners.map((corner) => dot(corner, axis))
  return [Math.min(...values), Math.max(...values)]
}

/**
 * Whether two vehicles are drawn on top of each other (separating axis test on the two rectangles). Vehicles that
 * only touch, or overlap by less than `toleranceM` (rounding, a bumper-to-bumper snap), do not count.
 */
export function footprintsOverlap(a: FootprintInput, b: FootprintInput, toleranceM = 0.01): boolean {
  const reach = (v: FootprintInput) => Math.hypot(v.lengthM, v.widthM) / 2
  // Far apart: skip the projection, which is only meant for street-scale distances.
  if (metresBetween([a.lat, a.lng], [b.lat, b.lng]) >= reach(a) + reach(b)) return false
  const origin: LatLng = [a.lat, a.lng]
  const cornersA = footprintInLocalMetres(origin, a)
  const cornersB = footprintInLocalMetres(origin, b)
  const separatingCandidates = [axes(a.heading), axes(b.heading)].flatMap(({ front, right }) => [front, right])
  return separatingCandidates.every((axis) => {
    const [minA, maxA] = extentAlong(cornersA, axis)
    const [minB, maxB] = extentAlong(cornersB, axis)
    return Math.min(maxA, maxB) - Math.max(minA, minB) > toleranceM
  })
}

/** Bearing in degrees clockwise from north of a local vector. */
function bearingOf(vector: LocalPoint): number {
  return normaliseHeading(Math.atan2(vector.east, vector.north) / RAD)
}

/** Smallest angle in degrees between two headings. */
function headingGap(a: number, b: number): number {
  const gap = Math.abs(normaliseHeading(a) - normaliseHeading(b))
  return Math.min(gap, 360 - gap)
}

export interface KerbSnapOptions {
  /**
   * Which side of the kerb line the road is, looking along the line from its first point to its last.
   * Left out: the side the vehicle's centre is on now (right when it sits exactly on the line).
   */
  roadSide?: 'left' | 'right'
  /** Beyond this distance from the kerb (metres) the vehicle does not snap. */
  maxDistanceM?: number
}

interface KerbHit {
  point: LocalPoint
  direction: LocalPoint
  distance: number
  /** Cross product sign of the centre against the segment: > 0 when it lies to the left. */
  side: number
}

function nearestOnSegment(p: LocalPoint, start: LocalPoint, end: LocalPoint): KerbHit | null {
  const d = { east: end.east - start.east, north: end.north - start.north }
  const length = Math.hypot(d.east, d.north)
  if (length < 1e-6) return null
  const direction = { east: d.east / length, north: d.north / length }
  const offset = { east: p.east - start.east, north: p.north - start.north }
  const along = Math.min(length, Math.max(0, dot(offset, direction)))
  const point = { east: start.east + direction.east * along, north: start.north + direction.north * along }
  return {
    point,
    direction,
    distance: Math.hypot(p.east - point.east, p.north - point.north),
    side: direction.east * offset.north - direction.north * offset.east,
  }
}

/**
 * Parks a vehicle along a kerb: its centre moves to the nearest point of the kerb line, then half its width into the
 * road, and its heading turns parallel to that kerb segment (keeping the way it faced: of the two directions along the
 * kerb, the one closest to its current heading). Null when the kerb is farther than `maxDistanceM` from the centre.
 */
export function snapToKerb(
  position: { lat: number; lng: number; heading: number },
  kerb: LatLng[],
  widthM: number,
  { roadSide, maxDistanceM = KERB_SNAP_MAX_M }: KerbSnapOptions = {},
): { lat: number; lng: number; heading: number } | null {
  const origin: LatLng = [position.lat, position.lng]
  const centre = { east: 0, north: 0 }
  const line = kerb.map((point) => toLocalMetres(origin, point))
  let best: KerbHit | null = null
  for (let i = 1; i < line.length; i++) {
    const hit = nearestOnSegment(centre, line[i - 1]!, line[i]!)
    if (hit && (!best || hit.distance < best.distance)) best = hit
  }
  if (!best || best.distance > maxDistanceM) return null

  const toLeft = roadSide ? roadSide === 'left' : best.side > 0
  const { direction } = best
  const leftNormal = { east: -direction.north, north: direction.east }
  const sign = toLeft ? 1 : -1
  const snapped = {
    east: best.point.east + leftNormal.east * sign * (widthM / 2),
    north: best.point.north + leftNormal.north * sign * (widthM / 2),
  }
  const along = bearingOf(direction)
  const reverse = normaliseHeading(along + 180)
  const heading = headingGap(position.heading, along) <= headingGap(position.heading, reverse) ? along : reverse
  const [lat, lng] = fromLocalMetres(origin, snapped)
  return { lat, lng, heading }
}
