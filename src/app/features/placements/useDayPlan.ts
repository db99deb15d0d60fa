/**
 * One shoot day's vehicle plan as the plan screen, its print view and the residents' notice read it: the day, its
 * placements with their vehicles, the décors, the production's city rules and the live analysis (rules broken,
 * overlaps, street extents). Follows the database live, so a teammate's move shows up and is checked at once.
 */
import { computed, type Ref } from 'vue'
import type { Location, Placement, Production, ShootDay, Vehicle } from '../../../core/model'
import { analyseDayPlan, resolveRuleSet } from '../../../core/rules/vehiclePlan'
import type { PlanFinding } from '../../../core/rules/vehiclePlan'
import { useLiveQuery } from '../../db/useLiveQuery'
import { repositoryFor } from '../records/repositories'

export function useDayPlan(productionId: Ref<string>, dayId: Ref<string>) {
  const live = <T extends Production | ShootDay | Location | Vehicle | Placement>(entity: Parameters<typeof repositoryFor>[0]) => {
    const repository = repositoryFor<T>(entity)
    const cached = repository.cached(productionId.value)
    return useLiveQuery(() => repository.live(productionId.value), cached ?? ([] as T[]), { loaded: !!cached })
  }
  const { data: production } = useLiveQuery(
    () => repositoryFor<Production>('production').liveOne(productionId.value, productionId.value),
    undefined as Production | undefined,
  )
  const { data: days, loading } = live<ShootDay>('shootDay')
  const { data: locationList } = live<Location>('location')
  const { data: vehicleList } = live<Vehicle>('vehicle')
  const { data: placementList } = live<Placement>('placement')

  const sortedDays = computed(() => [...days.value].sort((a, b) => a.date.localeCompare(b.date) || a.number - b.number))
  const day = computed(() => days.value.find((candidate) => candidate.id === dayId.value))
  const vehicles = computed(() => new Map(vehicleList.value.map((vehicle) => [vehicle.id, vehicle])))
  const locations = computed(() => new Map(locationList.value.map((location) => [location.id, location])))
  const placements = computed(() => placementList.value.filter((placement) => placement.shootDayId === dayId.value))
  const dayLocations = computed(() => (day.value?.locationIds ?? []).flatMap((id) => locations.value.get(id) ?? []))
  const ruleSet = computed(() => resolveRuleSet(production.value ?? { city: '' }))
  const analysis = computed(() =>
    day.value
      ? analyseDayPlan({ day: day.value, placements: placements.value, vehicles: vehicles.value, locations: locations.value, ruleSet: ruleSet.value })
      : null,
  )

  return {
    production, loading, days: sortedDays, day, vehicles, vehicleList, locations, dayLocations, placements, placementList, ruleSet, analysis,
  }
}

/** '9' -> '9e', '1' -> '1er' in French ('9th', '1st' in English); other zones (postcodes, 'Paris Centre') as they are. */
export function zoneLabel(zone: string, locale: string): string {
  if (!/^\d{1,2}$/.test(zone)) return zone
  const n = Number(zone)
  if (locale.startsWith('fr')) return n === 1 ? '1er' : `${n}e`
  const suffix = n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'
  return `${n}${suffix}`
}

/** A finding's params ready for its message: arrondissement codes spelt as people say them. */
export function findingParams(finding: PlanFinding, locale: string): Record<string, string | number> {
  const params = { ...finding.params }
  if (typeof params.zone === 'string') params.zone = zoneLabel(params.zone, locale)
  if (typeof params.zones === 'string') params.zones = params.zones.split(', ').map((zone) => zoneLabel(zone, locale)).join(', ')
  return params
}
