/**
 * Copying a day's vehicle plan to another shoot day. "Compléter" adds the vehicles the target day does not have
 * yet, next to those already there: a copy whose place is taken slides along its kerb to the nearest free spot, else
 * it is copied "à placer" (without a place), never on top of another vehicle. "Remplacer" makes the target day's plan
 * this one: its vehicles are removed, its kerbs and base camp replaced. Either way a vehicle keeps its number (it is
 * the vehicle's, vehicleNumbers) and a copy never points at a décor the target day does not shoot.
 */
import type { Kerb, Placement, ShootDay, Vehicle } from '../model'
import { footprintsOverlap, type FootprintInput } from './footprint'
import { placementFootprintInput } from './vehiclePlan'
import { droppedFields, freeSpotNear } from './vehiclePlanEditing'

export const COPY_MODES = ['complete', 'replace'] as const
export type CopyMode = (typeof COPY_MODES)[number]

/** The fields of a placement a copy keeps (the plan: vehicle, place, times, street extent). */
const COPIED_FIELDS = [
  'vehicleId', 'locationId', 'lat', 'lng', 'heading', 'onStreet', 'kerbId', 'arrival', 'departure', 'street', 'fromNumber', 'toNumber',
  'side', 'notes',
] as const

/** A copy with no place: not drawn, on no kerb, no street reading. */
const NO_PLACE = { lat: null, lng: null, kerbId: '', street: '', side: '', fromNumber: null, toNumber: null } as const

export interface PlanCopy {
  /** New placements for the target day (without ids: the write path gives them). */
  placements: Record<string, unknown>[]
  /** The target day's placements removed ("remplacer"). */
  removed: string[]
  /** Vehicles already placed on the target day: left as they are ("compléter"). */
  alreadyPlaced: string[]
  /** Vehicles whose décor the target day does not shoot: copied without their décor. */
  decorCleared: string[]
  /** Vehicles copied "à placer": their place is taken that day and their kerb has no room left for them. */
  toPlace: string[]
  /** The target day's kerbs: with the source day's added ("compléter", same ids), or the source day's ("remplacer"). */
  kerbs: Kerb[]
  baseCamp: ShootDay['baseCamp']
}

type Sizes = ReadonlyMap<string, Pick<Vehicle, 'lengthM' | 'widthM'>>

/**
 * Copies `from` (the source day's placements) to the day `to`, which has `toPlacements`, as `mode` says. `vehicles`
 * gives the sizes that tell whether a copy fits next to the vehicles already there.
 */
export function copyDayPlan(
  fromDay: Pick<ShootDay, 'kerbs' | 'baseCamp'>,
  from: readonly Placement[],
  to: Pick<ShootDay, 'id' | 'locationIds' | 'kerbs' | 'baseCamp'>,
  toPlacements: readonly Placement[],
  mode: CopyMode,
  vehicles: Sizes,
): PlanCopy {
  const replace = mode === 'replace'
  const staying = replace ? [] : toPlacements
  const targetKerbs = replace ? [] : (to.kerbs ?? [])
  const kerbs = [...targetKerbs, ...(fromDay.kerbs ?? []).filter((kerb) => !targetKerbs.some((own) => own.id === kerb.id))]
  const copy: PlanCopy = {
    placements: [], removed: replace ? toPlacements.map((placement) => placement.id) : [], alreadyPlaced: [], decorCleared: [], toPlace: [],
    kerbs, baseCamp: replace ? (fromDay.baseCamp ?? null) : (to.baseCamp ?? fromDay.baseCamp ?? null),
  }
  const placed = new Set(staying.map((placement) => placement.vehicleId))
  const occupied = staying.flatMap((placement) => placementFootprintInput(placement, vehicles.get(placement.vehicleId)) ?? [])
  const neighbours: Pick<Placement, 'kerbId' | 'fromNumber' | 'toNumber'>[] = [...staying]
  for (const placement of from) {
    if (placed.has(placement.vehicleId)) {
      copy.alreadyPlaced.push(placement.vehicleId)
      continue
    }
    placed.add(placement.vehicleId)
    let fields: Record<string, unknown> = Object.fromEntries(COPIED_FIELDS.filter((key) => key in placement).map((key) => [key, placement[key]]))
    if (placement.locationId && !to.locationIds.includes(placement.locationId)) {
      fields.locationId = ''
      copy.decorCleared.push(placement.vehicleId)
    }
    const vehicle = vehicles.get(placement.vehicleId)
    const footprint = placementFootprintInput(placement, vehicle)
    if (vehicle && footprint && occupied.some((other) => footprintsOverlap(footprint, other))) {
      const moved = elsewhereAlongItsKerb(placement, vehicle, footprint, kerbs, occupied, neighbours)
      if (!moved) copy.toPlace.push(placement.vehicleId)
      fields = { ...fields, ...(moved ?? NO_PLACE) }
    }
    const landed = placementFootprintInput(fields as Placement, vehicle)
    if (landed) occupied.push(landed)
    neighbours.push(fields as Pick<Placement, 'kerbId' | 'fromNumber' | 'toNumber'>)
    copy.placements.push({ ...fields, shootDayId: to.id })
  }
  return copy
}

/** A copied vehicle whose place is taken: the nearest free spot along its own kerb, with that spot's numbers; else null. */
function elsewhereAlongItsKerb(
  placement: Placement,
  vehicle: Pick<Vehicle, 'lengthM' | 'widthM'>,
  footprint: FootprintInput,
  kerbs: readonly Kerb[],
  occupied: readonly FootprintInput[],
  neighbours: readonly Pick<Placement, 'kerbId' | 'fromNumber' | 'toNumber'>[],
): Record<string, unknown> | null {
  const kerb = kerbs.find((candidate) => candidate.id === placement.kerbId)
  if (!kerb) return null
  const day = { kerbs: [kerb], baseCamp: null }
  const spot = freeSpotNear(footprint, vehicle, day, occupied)
  return spot && droppedFields({ kerbId: '', onStreet: placement.onStreet }, vehicle, spot, day, neighbours)
}
