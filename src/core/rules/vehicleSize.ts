/**
 * A vehicle's footprint and its kind: the typical size of each kind (DOMAIN.md, DEFAULT_FOOTPRINTS) fills a new
 * vehicle's size and follows a change of kind until the user types a size of their own; a vehicle still at the size
 * every kind used to get (6.5 x 2.2 m, a van's) is pointed out, never resized without the user.
 */
import { DEFAULT_FOOTPRINTS, VEHICLE_KINDS, type Vehicle, type VehicleKind } from '../model/vehicle'

export type VehicleSize = { lengthM: number; widthM: number }

const isKind = (kind: unknown): kind is VehicleKind => (VEHICLE_KINDS as readonly unknown[]).includes(kind)

/** The typical size of a kind of vehicle; an unknown kind is sized as "other". */
export function defaultSize(kind: unknown): VehicleSize {
  return { ...DEFAULT_FOOTPRINTS[isKind(kind) ? kind : 'other'] }
}

/** Centimetres apart or less: the same size (a form may give 2.2 as 2.2000000001). */
const sameSize = (a: Partial<VehicleSize>, b: VehicleSize) =>
  typeof a.lengthM === 'number' && typeof a.widthM === 'number' && Math.abs(a.lengthM - b.lengthM) < 0.005 && Math.abs(a.widthM - b.widthM) < 0.005

/**
 * The size a vehicle form shows once the kind changes from `from` to `to`: the new kind's typical size while the
 * size is still the old kind's typical one (nobody typed it), else null (a size typed by the user stays).
 */
export function sizeAfterKindChange(size: Partial<VehicleSize>, from: unknown, to: unknown): VehicleSize | null {
  if (from === to || !isKind(to) || !sameSize(size, defaultSize(from))) return null
  const next = defaultSize(to)
  return sameSize(size, next) ? null : next
}

/** The size the vehicle form gave every kind before kinds had their own: a 22 m3 van's. */
export const FORMER_FORM_SIZE: Readonly<VehicleSize> = { lengthM: 6.5, widthM: 2.2 }

/**
 * The typical size to propose for a vehicle still at the size the form used to give every kind, when its kind's
 * differs (a porteur drawn at 6.5 x 2.2 m instead of 10 x 2.55 m); null otherwise, and for "other", which has no
 * typical size worth proposing. Only a proposal: the app cannot tell a size left as it was from one typed on
 * purpose, so it never changes a stored size by itself.
 */
export function proposedSize(vehicle: Pick<Vehicle, 'kind' | 'lengthM' | 'widthM'>): VehicleSize | null {
  const typical = defaultSize(vehicle.kind)
  return vehicle.kind !== 'other' && sameSize(vehicle, FORMER_FORM_SIZE) && !sameSize(typical, FORMER_FORM_SIZE) ? typical : null
}
