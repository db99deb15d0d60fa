/**
 * Parking along a kerb of the day's plan: the side rule of its house numbers (côté impair: odd numbers), the numbers
 * a vehicle stands in front of ("du n° X au n° Y", inside the kerb's own range, never the same house as a neighbour's),
 * and where a vehicle fits between the kerb's two ends. A kerb is one side of a street traced from its first point to
 * its last, with the house numbers typed at both ends.
 */
import type { FieldErrors, Kerb, Placement, Vehicle } from '../model'
import { fromLocalMetres, snapToKerb, toLocalMetres, type FootprintInput, type LatLng } from './footprint'
import { spanAlongLine } from './streetExtent'
import { placementRange, type NumberRange } from './streetPlaces'

type Side = Kerb['side']
type Size = Pick<Vehicle, 'lengthM' | 'widthM'>

const PARITY: Partial<Record<Side, number>> = { even: 0, odd: 1 }

/**
 * House numbers that are not on the side they claim: côté impair takes odd numbers, côté pair even ones (a French
 * street numbers one side odd and the other even). `numbers`: field name to number; an unknown side checks nothing.
 */
export function wrongSideNumbers(side: Side | undefined, numbers: Record<string, number | null | undefined>): FieldErrors | null {
  const parity = PARITY[side ?? '']
  if (parity === undefined) return null
  const wrong = Object.entries(numbers).filter(([, value]) => typeof value === 'number' && Math.abs(value % 2) !== parity)
  return wrong.length ? Object.fromEntries(wrong.map(([field]) => [field, `validation.numberSide.${side}`])) : null
}

/** A kerb's numbers checked against its side: "côté impair" from n° 2 to n° 42 is refused. */
export function kerbSideErrors(kerb: Pick<Kerb, 'side' | 'startNumber' | 'endNumber'>): FieldErrors | null {
  return wrongSideNumbers(kerb.side, { startNumber: kerb.startNumber, endNumber: kerb.endNumber })
}

/** Metres a vehicle may overhang a kerb's end, or two numbers' points may miss each other, by rounding. */
const TOLERANCE_M = 0.01

interface Doors {
  /** The number at the first point, and the step from one house to the next along the line (±1 or ±2). */
  first: number
  step: number
  count: number
  /** Metres between two houses along the line; 0 when the kerb has one number. */
  spacing: number
  length: number
}

/**
 * The houses along a kerb, as points spread evenly from its first point (the first number) to its last (the last
 * number): every other number when both ends are of one parity (one side of a street), else every number.
 */
function doorsAlong(kerb: Kerb, length: number): Doors | null {
  const { startNumber, endNumber } = kerb
  if (typeof startNumber !== 'number' || typeof endNumber !== 'number') return null
  const stride = (startNumber - endNumber) % 2 === 0 ? 2 : 1
  const count = Math.floor(Math.abs(endNumber - startNumber) / stride) + 1
  const step = endNumber >= startNumber ? stride : -stride
  return { first: startNumber, step, count, spacing: count > 1 ? length / (count - 1) : 0, length }
}

const numberAt = (doors: Doors, index: number) => doors.first + doors.step * index
const inRanges = (value: number, ranges: readonly NumberRange[]) => ranges.some((range) => value >= range.from && value <= range.to)

/**
 * The house numbers a vehicle along `kerb` stands in front of: those whose point lies within its length (a house
 * at the very spot where two vehicles touch goes to the second), so vehicles that do not overlap never share a
 * number and no number lies outside the kerb's own range. A vehicle shorter than the gap between two houses stands
 * "au droit du n°" of the nearer one, or of the other when a neighbour holds it (`taken`: the other vehicles' numbers
 * on this kerb); null when the kerb has no numbers or both are held.
 */
export function kerbExtent(kerb: Kerb, footprint: FootprintInput, taken: readonly NumberRange[] = []): { fromNumber: number; toNumber: number } | null {
  const span = spanAlongLine(footprint, kerb.points as LatLng[])
  if (!span || span.length <= 0) return null
  const doors = doorsAlong(kerb, span.length)
  if (!doors) return null
  const range = (indexes: number[]) => {
    const numbers = indexes.map((index) => numberAt(doors, index))
    return { fromNumber: Math.min(...numbers), toNumber: Math.max(...numbers) }
  }
  if (doors.count === 1) return range([0])
  const atOrAfter = (metres: number) => Math.max(0, Math.ceil((metres - TOLERANCE_M) / doors.spacing - 1e-9))
  const first = atOrAfter(span.from)
  // Houses strictly before the vehicle's far end; the last house when the vehicle reaches the kerb's end.
  const last = span.to + TOLERANCE_M >= doors.length ? doors.count - 1 : Math.min(doors.count - 1, atOrAfter(span.to) - 1)
  if (first <= last) return range(Array.from({ length: last - first + 1 }, (_, i) => first + i))
  const centre = Math.min(doors.length, Math.max(0, (span.from + span.to) / 2)) / doors.spacing
  const nearer = Math.round(centre)
  const other = nearer > centre ? Math.floor(centre) : Math.min(doors.count - 1, Math.ceil(centre))
  const free = [nearer, other].find((index) => !inRanges(numberAt(doors, index), taken))
  return free === undefined ? null : range([free])
}

/** The numbers held along one kerb by its other vehicles, as ranges. */
export function numbersTakenOnKerb(kerbId: string, others: readonly Pick<Placement, 'kerbId' | 'fromNumber' | 'toNumber'>[]): NumberRange[] {
  return others.flatMap((other) => {
    const range = other.kerbId === kerbId ? placementRange(other) : null
    return range ? [range] : []
  })
}

/** The fields a placement takes when parked along a kerb: position, heading, street, side and house numbers. */
export interface KerbParking {
  lat: number
  lng: number
  heading: number
  kerbId: string
  street: string
  side: Side
  fromNumber: number | null
  toNumber: number | null
}

/** Parking along the nearest kerb: where, or that the vehicle is longer than the kerb (it cannot stand along it). */
export type KerbParkingResult = { parked: KerbParking } | { tooShort: Kerb; kerbLengthM: number }

type Spot = { lat: number; lng: number; heading: number }

/**
 * A spot along the kerb slid, if need be, so that the vehicle lies between the kerb's two ends (a vehicle snapped
 * near an end would otherwise stand half past it); null when the kerb is shorter than the vehicle.
 */
function withinEnds(spot: Spot, vehicle: Size, kerb: Kerb): { spot: Spot } | { kerbLengthM: number } {
  const line = kerb.points as LatLng[]
  let current = spot
  for (let attempt = 0; attempt < 4; attempt++) {
    const span = spanAlongLine({ ...current, ...vehicle }, line)
    if (!span) return { spot: current }
    if (span.to - span.from > span.length + TOLERANCE_M) return { kerbLengthM: span.length }
    const shift = span.from < -TOLERANCE_M ? -span.from : span.to > span.length + TOLERANCE_M ? span.length - span.to : 0
    if (shift === 0) return { spot: current }
    // Along the end segment the vehicle hangs past, then parked again along the line (it may bend there), on the
    // side of the line it stands on.
    const [a, b] = shift > 0 ? [line[0]!, line[1]!] : [line[line.length - 2]!, line[line.length - 1]!]
    const origin: LatLng = [current.lat, current.lng]
    const [from, to] = [toLocalMetres(origin, a), toLocalMetres(origin, b)]
    const length = Math.hypot(to.east - from.east, to.north - from.north) || 1
    const unit = { east: (to.east - from.east) / length, north: (to.north - from.north) / length }
    const [lat, lng] = fromLocalMetres(origin, { east: unit.east * shift, north: unit.north * shift })
    current = snapToKerb({ lat, lng, heading: current.heading }, line, vehicle.widthM, { maxDistanceM: Infinity }) ?? current
  }
  return { spot: current }
}

/**
 * Parks a vehicle dropped at `position` along the nearest of the day's kerbs within snapping distance, between its
 * two ends, with the house numbers it stands in front of (`others`: the day's other placements, whose numbers it
 * leaves to them). Null when no kerb is that near (the vehicle stays where it was dropped).
 */
export function parkAlongKerb(
  position: Spot,
  vehicle: Size,
  kerbs: readonly Kerb[],
  maxDistanceM?: number,
  others: readonly Pick<Placement, 'kerbId' | 'fromNumber' | 'toNumber'>[] = [],
): KerbParkingResult | null {
  let best: { kerb: Kerb; spot: Spot; distance: number } | null = null
  for (const kerb of kerbs) {
    const spot = snapToKerb(position, kerb.points as LatLng[], vehicle.widthM, maxDistanceM === undefined ? {} : { maxDistanceM })
    if (!spot) continue
    const distance = Math.hypot(spot.lat - position.lat, (spot.lng - position.lng) * Math.cos((position.lat * Math.PI) / 180))
    if (!best || distance < best.distance) best = { kerb, spot, distance }
  }
  if (!best) return null
  const { kerb } = best
  const fitted = withinEnds(best.spot, vehicle, kerb)
  if ('kerbLengthM' in fitted) return { tooShort: kerb, kerbLengthM: fitted.kerbLengthM }
  const numbers = kerbExtent(kerb, { ...fitted.spot, ...vehicle }, numbersTakenOnKerb(kerb.id, others))
  return {
    parked: {
      ...fitted.spot, kerbId: kerb.id, street: kerb.street, side: kerb.side ?? '',
      fromNumber: numbers?.fromNumber ?? null, toNumber: numbers?.toNumber ?? null,
    },
  }
}

type Extent = Pick<Placement, 'id' | 'kerbId' | 'fromNumber' | 'toNumber' | 'vehicleId'>

/**
 * House numbers along the day's kerbs that do not hold up: pairs of vehicles of one kerb claiming the same house
 * ("12-20" and "18-24"), and vehicles whose numbers run past their kerb's own range.
 */
export function extentConflicts<T extends Extent>(kerbs: readonly Kerb[], placements: readonly T[]): { overlaps: [T, T][]; outside: { placement: T; kerb: Kerb }[] } {
  const overlaps: [T, T][] = []
  const outside: { placement: T; kerb: Kerb }[] = []
  for (const kerb of kerbs) {
    const numbered = placements.flatMap((placement) => {
      const range = placement.kerbId === kerb.id ? placementRange(placement) : null
      return range ? [{ placement, range }] : []
    })
    const own = placementRange({ fromNumber: kerb.startNumber, toNumber: kerb.endNumber })
    for (const { placement, range } of numbered) if (own && (range.from < own.from || range.to > own.to)) outside.push({ placement, kerb })
    for (let i = 0; i < numbered.length; i++) {
      for (let j = i + 1; j < numbered.length; j++) {
        const [a, b] = [numbered[i]!, numbered[j]!]
        if (a.placement.vehicleId !== b.placement.vehicleId && a.range.from <= b.range.to && b.range.from <= a.range.to) overlaps.push([a.placement, b.placement])
      }
    }
  }
  return { overlaps, outside }
}

/**
 * House numbers typed for a vehicle checked against where it stands: on the side it names, and, along a kerb, inside
 * the kerb's range and clear of the numbers the kerb's other vehicles hold. Null when they hold up.
 */
export function typedExtentErrors(
  extent: Pick<Placement, 'kerbId' | 'side' | 'fromNumber' | 'toNumber'>,
  kerbs: readonly Kerb[],
  others: readonly Pick<Placement, 'kerbId' | 'fromNumber' | 'toNumber'>[],
): FieldErrors | null {
  const side = wrongSideNumbers(extent.side, { fromNumber: extent.fromNumber, toNumber: extent.toNumber })
  if (side) return side
  const kerb = extent.kerbId ? kerbs.find((candidate) => candidate.id === extent.kerbId) : undefined
  const range = placementRange(extent)
  if (!kerb || !range) return null
  const own = placementRange({ fromNumber: kerb.startNumber, toNumber: kerb.endNumber })
  if (own && (range.from < own.from || range.to > own.to)) return { fromNumber: 'validation.extentOutsideKerb' }
  const held = numbersTakenOnKerb(kerb.id, others)
  return held.some((other) => other.from <= range.to && range.from <= other.to) ? { fromNumber: 'validation.extentTaken' } : null
}
