/**
 * What the plan screen writes when a vehicle is dropped, turned or added, and when a kerb changes: the placement
 * fields that follow from where it stands (parked along a kerb: street, side and house numbers; inside the base
 * camp: on the street or not as the base camp is). Pure: the screen sends the result as one patch.
 */
import type { Kerb, Placement, ShootDay, Vehicle, VehicleKind } from '../model'
import { footprintsOverlap, fromLocalMetres, KERB_SNAP_MAX_M, normaliseHeading, type FootprintInput, type LatLng } from './footprint'
import { insideArea, kerbNumbers, parkAlongKerb, placementFootprintInput } from './vehiclePlan'

export interface PlanPosition {
  lat: number
  lng: number
  heading: number
}

type PlanDay = Pick<ShootDay, 'kerbs' | 'baseCamp'>
type Size = Pick<Vehicle, 'lengthM' | 'widthM'>

/** The street fields a kerb fills in; cleared when a vehicle leaves the kerb it was parked along. */
const KERB_FIELDS = { kerbId: '', street: '', side: '', fromNumber: null, toNumber: null } as const

/**
 * The fields of a vehicle dropped at `position`: parked along the nearest kerb within 10 m (position, heading,
 * street, side, numbers), else left where dropped. A vehicle that leaves its kerb loses that kerb's street fields
 * (typed ones, with no kerb, stay). Inside the day's base camp it is on the street or not as the base camp is;
 * parked along a kerb outside it, it is on the street.
 */
export function droppedFields(
  placement: Pick<Placement, 'kerbId' | 'onStreet'>,
  vehicle: Size,
  position: PlanPosition,
  day: PlanDay,
): Record<string, unknown> {
  const parked = parkAlongKerb(position, vehicle, day.kerbs ?? [], KERB_SNAP_MAX_M)
  const fields: Record<string, unknown> = parked
    ? { ...parked, heading: normaliseHeading(parked.heading) }
    : { lat: position.lat, lng: position.lng, heading: normaliseHeading(position.heading), ...(placement.kerbId ? KERB_FIELDS : {}) }
  const centre: LatLng = [fields.lat as number, fields.lng as number]
  const camp = day.baseCamp
  if (camp && camp.points.length >= 3 && insideArea(centre, camp.points as LatLng[])) fields.onStreet = camp.onStreet
  else if (parked) fields.onStreet = true
  return fields
}

/**
 * Where to put a vehicle added near `centre`: parked along a kerb within 10 m if there is one, then slid along
 * its length (1 m steps, up to 60 m either way) to the nearest spot where it overlaps none of `others`, so vehicles
 * added one after the other line up instead of piling up. Falls back to the first spot when the street is full.
 */
export function freeSpotNear(centre: { lat: number; lng: number }, vehicle: Size, day: PlanDay, others: readonly FootprintInput[]): PlanPosition {
  const first: PlanPosition = parkAlongKerb({ ...centre, heading: 90 }, vehicle, day.kerbs ?? [], KERB_SNAP_MAX_M) ?? { ...centre, heading: 90 }
  const rad = (first.heading * Math.PI) / 180
  const fits = (spot: PlanPosition) => !others.some((other) => footprintsOverlap({ ...spot, ...sizeOf(vehicle) }, other))
  for (let step = 0; step <= 60; step++) {
    for (const sign of step === 0 ? [1] : [1, -1]) {
      const [lat, lng] = fromLocalMetres([first.lat, first.lng], { east: Math.sin(rad) * step * sign, north: Math.cos(rad) * step * sign })
      const slid = { lat, lng, heading: first.heading }
      const spot = parkAlongKerb(slid, vehicle, day.kerbs ?? [], KERB_SNAP_MAX_M) ?? slid
      if (fits(spot)) return { lat: spot.lat, lng: spot.lng, heading: normaliseHeading(spot.heading) }
    }
  }
  return { ...first, heading: normaliseHeading(first.heading) }
}

const sizeOf = ({ lengthM, widthM }: Size) => ({ lengthM, widthM })

/**
 * After a kerb's street, side or numbers were edited: the fields of a vehicle parked along it that change, or null
 * when none does. A removed kerb (`kerb` null) leaves the street fields as they were but unlinks the vehicle.
 */
export function kerbChangeFields(placement: Placement, vehicle: Size | undefined, kerb: Kerb | null): Record<string, unknown> | null {
  if (!kerb) return placement.kerbId ? { kerbId: '' } : null
  const position = placementFootprintInput(placement, vehicle)
  const numbers = position ? kerbNumbers(kerb, position) : null
  const wanted: Record<string, unknown> = {
    street: kerb.street, side: kerb.side ?? '', fromNumber: numbers?.fromNumber ?? null, toNumber: numbers?.toNumber ?? null,
  }
  const changed = Object.entries(wanted).filter(([key, value]) => (placement as Record<string, unknown>)[key] !== value)
  return changed.length ? Object.fromEntries(changed) : null
}

/** The shoot day a plan opens on: the next one from today (today included), else the first of the shoot. */
export function defaultPlanDay<T extends Pick<ShootDay, 'id' | 'date' | 'number'>>(days: readonly T[], today: string): T | undefined {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date) || a.number - b.number)
  return sorted.find((day) => day.date >= today) ?? sorted[0]
}

type Numbered = Pick<Vehicle, 'id' | 'createdAt' | 'name'>

/**
 * The number a vehicle carries on every plan of the production, on screen and on paper: its place in the
 * production's vehicle list, in the order vehicles were added to it (then by name). The electric truck is n° 3 on
 * every day, after a copy too, and a vehicle added to the list never renumbers the others.
 */
export function vehicleNumbers(vehicles: Iterable<Numbered>): Map<string, number> {
  const sorted = [...vehicles].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name, 'fr') || a.id.localeCompare(b.id))
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
