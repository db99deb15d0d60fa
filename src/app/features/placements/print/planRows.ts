/**
 * The numbers the printed plan gives its vehicles: the same number on the drawing, in the list and in the street
 * extents, and the same as on the plan screen (planNumbers): each vehicle's own, so "n° 3" on paper is n° 3 on every
 * phone and every day of the shoot.
 */
import type { Placement, Vehicle } from '../../../../core/model'
import type { FootprintInput } from '../../../../core/rules/footprint'
import { placementFootprintInput } from '../../../../core/rules/vehiclePlan'
import { planNumbers } from '../../../../core/rules/vehiclePlanEditing'

export interface PlanRow {
  number: number
  placement: Placement
  /** Undefined when the vehicle was removed from the fleet since it was placed. */
  vehicle: Vehicle | undefined
  /** Has a position: drawn on the plan. */
  drawn: boolean
  /** Where it stands at its size; null when not drawn. */
  footprint: FootprintInput | null
}

export function numberPlacements(placements: readonly Placement[], vehicles: ReadonlyMap<string, Vehicle>): PlanRow[] {
  const numbers = planNumbers(placements, vehicles)
  return placements
    .map((placement) => {
      const vehicle = vehicles.get(placement.vehicleId)
      const footprint = placementFootprintInput(placement, vehicle)
      return { number: numbers.get(placement.id)!, placement, vehicle, drawn: footprint !== null, footprint }
    })
    .sort((a, b) => a.number - b.number)
}
