/**
 * The vehicle plans a permit request joins: for each of its shoot days, the vehicles placed at its décors. Its
 * printout prints them as annexes, so the checklist's "vehicle plan" line is ready as soon as one day has a plan.
 */
import type { Placement, ShootDay } from '../model'

/**
 * The placements of one day a request joins: those at its décors, and those with no décor on a day that shoots one
 * of them; every placement of the day when the request names no décor.
 */
export function permitDayPlacements<P extends Pick<Placement, 'shootDayId' | 'locationId'>>(
  day: Pick<ShootDay, 'id' | 'locationIds'>,
  placements: readonly P[],
  decorIds: readonly string[] = [],
): P[] {
  const wanted = new Set(decorIds)
  const dayShootsWanted = day.locationIds.some((id) => wanted.has(id))
  return placements.filter(
    (placement) => placement.shootDayId === day.id && (wanted.size === 0 || (placement.locationId ? wanted.has(placement.locationId) : dayShootsWanted)),
  )
}

/** The request's days whose plan its printout joins (at least one vehicle placed), in the order given. */
export function daysWithPlans<D extends Pick<ShootDay, 'id' | 'locationIds'>>(
  days: readonly D[],
  placements: readonly Pick<Placement, 'shootDayId' | 'locationId'>[],
  decorIds: readonly string[] = [],
): D[] {
  return days.filter((day) => permitDayPlacements(day, placements, decorIds).length > 0)
}

/** A checklist line is ready when ticked; the vehicle plan line also when the printout joins at least one plan. */
export function documentReady(doc: { kind?: string; done?: boolean }, plansJoined: boolean): boolean {
  return !!doc.done || (doc.kind === 'vehiclePlan' && plansJoined)
}
