/**
 * What the plan screen writes when a vehicle is dropped, turned or added, and when a kerb changes: the placement
 * fields that follow from where it stands (parked along a kerb, between its ends: street, side and house numbers;
 * inside the base camp: on the street or not as the base camp is). Pure: the screen sends the result as one patch.
 */
import type { Kerb, Placement, ShootDay, Vehicle, VehicleKind } from '../model'
import { footprintsOverlap, fromLocalMetres, KERB_SNAP_MAX_M, metresBetween, normaliseHeading, type FootprintInput, type LatLng } from './footprint'
import { kerbExtent, numbersTakenOnKerb, parkAlongKerb } from './kerbParking'
import { spanAlongLine } from './streetExtent'
import { insideArea, placementFootprintInput } from './vehiclePlan'

export interface PlanPosition {
  lat: number
  lng: number
  heading: number
}

type PlanDay = Pick<ShootDay, 'kerbs' | 'baseCamp'>
type Size = Pick<Vehicle, 'lengthM' | 'widthM'>
/** The day's other placements, as far as their kerb and house numbers go. */
type Neighbours = readonly (Pick<Placement, 'kerbId' | 'fromNumber' | 'toNumber'> & { id?: string })[]

/** The street fields a kerb fills in; cleared when a vehicle leaves the kerb it was parked along. */
const KERB_FIELDS = { kerbId: '', street: '', side: '', fromNumber: null, toNumber: null } as const

/**
 * How far (metres) a vehicle with a street typed by hand (no kerb) may be nudged and keep it: dragged farther, it
 * no longer stands in front of those numbers.
 */
export const TYPED_STREET_KEEP_M = 10

type Moved = Pick<Placement, 'kerbId' | 'onStreet'> & Partial<Pick<Placement, 'id' | 'lat' | 'lng' | 'street' | 'fromNumber' | 'toNumber'>>

/** Whether a vehicle moved to `position` leaves the street reading it had: its kerb's, or one typed for where it stood. */
function leavesItsStreet(placement: Moved, position: PlanPosition): boolean {
  if (placement.kerbId) return true
  const typed = !!placement.street || placement.fromNumber != null || placement.toNumber != null
  if (!typed || typeof placement.lat !== 'number' || typeof placement.lng !== 'number') return false
  return metresBetween([placement.lat, placement.lng], [position.lat, position.lng]) > TYPED_STREET_KEEP_M
}

/**
 * The fields of a vehicle dropped at `position`: parked along the nearest kerb within 10 m, between its ends
 * (position, heading, street, side, the house numbers its neighbours do not hold), else left where dropped. A vehicle
 * that leaves its kerb, or is dragged away from where a typed street put it, loses that street reading; one nudged
 * in place keeps what was typed. Inside the day's base camp it is on the street or not as the base camp is; parked
 * along a kerb outside it, it is on the street.
 */
export function droppedFields(placement: Moved, vehicle: Size, position: PlanPosition, day: PlanDay, others: Neighbours = []): Record<string, unknown> {
  const neighbours = others.filter((other) => other.id !== placement.id)
  const parking = parkAlongKerb(position, vehicle, day.kerbs ?? [], KERB_SNAP_MAX_M, neighbours)
  const parked = parking && 'parked' in parking ? parking.parked : null
  const fields: Record<string, unknown> = parked
    ? { ...parked, heading: normaliseHeading(parked.heading) }
    : { lat: position.lat, lng: position.lng, heading: normaliseHeading(position.heading), ...(leavesItsStreet(placement, position) ? KERB_FIELDS : {}) }
  const centre: LatLng = [fields.lat as number, fields.lng as number]
  const camp = day.baseCamp
  if (camp && camp.points.length >= 3 && insideArea(centre, camp.points as LatLng[])) fields.onStreet = camp.onStreet
  else if (parked) fields.onStreet = true
  return fields
}

/** The kerb a vehicle dropped at `position` would park along but is too long for, with the kerb's length; else null. */
export function kerbTooShort(position: PlanPosition, vehicle: Size, day: PlanDay): { kerb: Kerb; kerbLengthM: number } | null {
  const parking = parkAlongKerb(position, vehicle, day.kerbs ?? [], KERB_SNAP_MAX_M)
  return parking && 'tooShort' in parking ? { kerb: parking.tooShort, kerbLengthM: parking.kerbLengthM } : null
}

/**
 * Where to put a vehicle added near `centre` (facing east unless it says a heading): parked along a kerb within 10 m if there is one, then slid along
 * its length (1 m steps, up to 60 m either way) to the nearest spot between the kerb's ends where it overlaps none of
 * `others`, so vehicles added one after the other line up instead of piling up. Null when there is no such spot (the
 * kerb is full or shorter than the vehicle): the vehicle is then "à placer", never put past the kerb's end or on
 * top of another.
 */
export function freeSpotNear(centre: { lat: number; lng: number; heading?: number }, vehicle: Size, day: PlanDay, others: readonly FootprintInput[]): PlanPosition | null {
  const kerbs = day.kerbs ?? []
  const start: PlanPosition = { lat: centre.lat, lng: centre.lng, heading: centre.heading ?? 90 }
  const near = parkAlongKerb(start, vehicle, kerbs, KERB_SNAP_MAX_M)
  if (near && 'tooShort' in near) return null
  const first = near ? near.parked : start
  const rad = (first.heading * Math.PI) / 180
  const fits = (spot: PlanPosition) => !others.some((other) => footprintsOverlap({ ...spot, ...sizeOf(vehicle) }, other))
  for (let step = 0; step <= 60; step++) {
    for (const sign of step === 0 ? [1] : [1, -1]) {
      const [lat, lng] = fromLocalMetres([first.lat, first.lng], { east: Math.sin(rad) * step * sign, north: Math.cos(rad) * step * sign })
      const slid = { lat, lng, heading: first.heading }
      const parking = near ? parkAlongKerb(slid, vehicle, kerbs, KERB_SNAP_MAX_M) : null
      const spot = !near ? slid : parking && 'parked' in parking ? parking.parked : null
      if (spot && fits(spot)) return { lat: spot.lat, lng: spot.lng, heading: normaliseHeading(spot.heading) }
    }
  }
  return null
}

const sizeOf = ({ lengthM, widthM }: Size) => ({ lengthM, widthM })

/** The fields of `placement` that differ from `wanted`; null when none does. */
function differing(placement: Placement, wanted: Record<string, unknown>): Record<string, unknown> | null {
  const changed = Object.entries(wanted).filter(([key, value]) => (placement as Record<string, unknown>)[key] !== value)
  return changed.length ? Object.fromEntries(changed) : null
}

/**
 * After a kerb's street, side or numbers were edited: the fields that change for each vehicle parked along it,
 * renumbered one after the other from the kerb's first point so that no two hold the same house. A removed kerb
 * (`kerb` null) unlinks its vehicles and leaves their street as it was (they still stand there).
 */
export function kerbFollowers(
  kerbId: string,
  kerb: Kerb | null,
  placements: readonly Placement[],
  vehicles: ReadonlyMap<string, Size>,
): { id: string; fields: Record<string, unknown> }[] {
  const along = placements.filter((placement) => placement.kerbId === kerbId)
  if (!kerb) return along.map((placement) => ({ id: placement.id, fields: { kerbId: '' } }))
  const line = kerb.points as LatLng[]
  const measured = along.map((placement) => {
    const footprint = placementFootprintInput(placement, vehicles.get(placement.vehicleId))
    return { placement, footprint, from: footprint ? (spanAlongLine(footprint, line)?.from ?? 0) : Infinity }
  }).sort((a, b) => a.from - b.from)
  const taken: { from: number; to: number }[] = []
  return measured.flatMap(({ placement, footprint }) => {
    const numbers = footprint ? kerbExtent(kerb, footprint, taken) : null
    if (numbers) taken.push({ from: numbers.fromNumber, to: numbers.toNumber })
    const fields = differing(placement, {
      street: kerb.street, side: kerb.side ?? '', fromNumber: numbers?.fromNumber ?? null, toNumber: numbers?.toNumber ?? null,
    })
    return fields ? [{ id: placement.id, fields }] : []
  })
}

/**
 * The fields of a vehicle turned to `heading` where it stands: the heading, and along a kerb the house numbers its
 * new footprint covers (a truck turned across the kerb takes fewer houses).
 */
export function turnedFields(placement: Placement, vehicle: Size | undefined, heading: number, day: PlanDay, others: Neighbours = []): Record<string, unknown> {
  const fields: Record<string, unknown> = { heading: Math.round(normaliseHeading(heading)) }
  const kerb = placement.kerbId ? day.kerbs?.find((candidate) => candidate.id === placement.kerbId) : undefined
  const footprint = kerb ? placementFootprintInput({ ...placement, heading: fields.heading as number }, vehicle) : null
  if (!kerb || !footprint) return fields
  const neighbours = others.filter((other) => other.id !== placement.id)
  const numbers = kerbExtent(kerb, footprint, numbersTakenOnKerb(kerb.id, neighbours))
  return { ...fields, fromNumber: numbers?.fromNumber ?? null, toNumber: numbers?.toNumber ?? null }
}

/**
 * After a vehicle's size changed: the house numbers of each of its placements parked along a kerb, on every day,
 * as its new length covers them.
 */
export function extentsAfterResize(
  vehicleId: string,
  size: Size,
  days: readonly Pick<ShootDay, 'id' | 'kerbs'>[],
  placements: readonly Placement[],
): { id: string; fields: Record<string, unknown> }[] {
  return placements.flatMap((placement) => {
    const kerb = placement.vehicleId === vehicleId && placement.kerbId
      ? days.find((day) => day.id === placement.shootDayId)?.kerbs?.find((candidate) => candidate.id === placement.kerbId)
      : undefined
    const footprint = kerb ? placementFootprintInput(placement, size) : null
    if (!kerb || !footprint) return []
    const sameDay = placements.filter((other) => other.shootDayId === placement.shootDayId && other.id !== placement.id)
    const numbers = kerbExtent(kerb, footprint, numbersTakenOnKerb(kerb.id, sameDay))
    const fields = differing(placement, { fromNumber: numbers?.fromNumber ?? null, toNumber: numbers?.toNumber ?? null })
    return fields ? [{ id: placement.id, fields }] : []
  })
}

/** The shoot day a plan opens on: the next one from today (today included), else the first of the shoot. */
export function defaultPlanDay<T extends Pick<ShootDay, 'id' | 'date' | 'number'>>(days: readonly T[], today: string): T | undefined {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date) || a.number - b.number)
  return sorted.find((day) => day.date >= today) ?? sorted[0]
}

type Numbered = Pick<Vehicle, 'id' | 'createdAt'>

/**
 * The number a vehicle carries on every plan of the production, on screen and on paper: its place in the
 * production's vehicle list, in the order vehicles were added to it (then by id, for those added in the same
 * millisecond: never by name, which can be edited). The electric truck is n° 3 on every day, after a copy too, and
 * a vehicle added to the list never renumbers the others.
 */
export function vehicleNumbers(vehicles: Iterable<Numbered>): Map<string, number> {
  const sorted = [...vehicles].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
  return new Map(sorted.map((vehicle, index) => [vehicle.id, index + 1]))
}

/**
 * The number each placement shows on the plan and in its legend: its vehicle's (vehicleNumbers). A placement whose
 * vehicle was removed from the list is numbered after the list, in the order it was placed.
 */
export function planNumbers(placements: readonly Pick<Placement, 'id' | 'createdAt' | 'vehicleId'>[], vehicles: ReadonlyMap<string, Numbered>): Map<string, number> {
  const byVehicle = vehicleNumbers(vehicles.values())
  const numbers = new Map<string, number>()
  const orphans = placements.filter((placement) => !byVehicle.has(placement.vehicleId))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
  for (const placement of placements) {
    const number = byVehicle.get(placement.vehicleId)
    if (number !== undefined) numbers.set(placement.id, number)
  }
  orphans.forEach((placement, index) => numbers.set(placement.id, byVehicle.size + index + 1))
  return numbers
}

/**
 * The usual vehicles of a film shoot (DOMAIN.md), offered when a production's catalogue is empty; the names are
 * locale keys (`vehiclePlan.typical.<key>`), the sizes the defaults of their kind, editable afterwards.
 */
export const TYPICAL_VEHICLES: readonly { key: string; kind: VehicleKind }[] = [
  { key: 'cameraTruck', kind: 'van' },
  { key: 'electricTruck', kind: 'electricTruck' },
  { key: 'gripTruck', kind: 'gripTruck' },
  { key: 'dressingRoom', kind: 'dressingRoom' },
  { key: 'catering', kind: 'catering' },
  { key: 'cateringTent', kind: 'cateringTent' },
  { key: 'generator', kind: 'generator' },
  { key: 'productionOffice', kind: 'productionOffice' },
  { key: 'hmc', kind: 'hmc' },
  { key: 'pictureCar', kind: 'pictureCar' },
]
