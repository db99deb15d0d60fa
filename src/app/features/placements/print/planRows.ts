/**
 * The numbers the printed plan gives its vehicles: the same number on the drawing, in the list and in the street
 * extents, in an order people expect (the set's vans and trucks first, then loges, cantine, generator, cars), stable
 * from one print to the next.
 */
import { VEHICLE_KINDS, type Placement, type Vehicle } from '../../../../core/model'
import { placementFootprintInput } from '../../../../core/rules/vehiclePlan'

export interface PlanRow {
  number: number
  placement: Placement
  /** Undefined when the vehicle was removed from the fleet since it was placed. */
  vehicle: Vehicle | undefined
  /** Has a position: drawn on the plan. */
  drawn: boolean
}

const kindOrder = (vehicle: Vehicle | undefined) => (vehicle ? VEHICLE_KINDS.indexOf(vehicle.kind) : VEHICLE_KINDS.length)

export function numberPlacements(placements: readonly Placement[], vehicles: ReadonlyMap<string, Vehicle>): PlanRow[] {
  return placements
    .map((placement) => ({ placement, vehicle: vehicles.get(placement.vehicleId) }))
    .sort((a, b) =>
      kindOrder(a.vehicle) - kindOrder(b.vehicle) ||
      (a.vehicle?.name ?? '').localeCompare(b.vehicle?.name ?? '', 'fr') ||
      (a.placement.arrival ?? '').localeCompare(b.placement.arrival ?? '') ||
      a.placement.id.localeCompare(b.placement.id),
    )
    .map(({ placement, vehicle }, index) => ({
      number: index + 1,
      placement,
      vehicle,
      drawn: placementFootprintInput(placement, vehicle) !== null,
    }))
}
