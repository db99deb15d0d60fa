/**
 * The vehicle plans of several shoot days, as the plan printout, the residents' notice and the permit request read
 * them: one live read of the production's days, décors, vehicles and placements, and per day the numbered vehicles
 * and the same analysis the plan screen shows (city rules, street extents), so what is printed is what was checked.
 */
import { computed, type Ref } from 'vue'
import type { Location, Placement, Production, ShootDay, Vehicle } from '../../../../core/model'
import type { CityRuleSet } from '../../../../core/rules/cityRules'
import { permitDayPlacements } from '../../../../core/rules/permitPlans'
import { analyseDayPlan, resolveRuleSet, type DayPlanAnalysis } from '../../../../core/rules/vehiclePlan'
import { useLiveQuery } from '../../../db/useLiveQuery'
import { repositoryFor } from '../../records/repositories'
import { numberPlacements, type PlanRow } from './planRows'

export interface PrintedDayPlan {
  day: ShootDay
  placements: Placement[]
  rows: PlanRow[]
  analysis: DayPlanAnalysis
  /** The day's décors (those of the request, for a permit). */
  decors: Location[]
  ruleSet: CityRuleSet
}

export function usePrintedPlans(productionId: Ref<string>) {
  const live = <T extends ShootDay | Location | Vehicle | Placement>(entity: 'shootDay' | 'location' | 'vehicle' | 'placement') =>
    useLiveQuery(() => repositoryFor<T>(entity).live(productionId.value), [] as T[])
  const { data: production } = useLiveQuery(() => repositoryFor<Production>('production').liveOne(productionId.value, productionId.value), undefined as Production | undefined)
  const { data: dayList, loading } = live<ShootDay>('shootDay')
  const { data: locationList } = live<Location>('location')
  const { data: vehicleList } = live<Vehicle>('vehicle')
  const { data: placementList } = live<Placement>('placement')

  const days = computed(() => [...dayList.value].sort((a, b) => a.date.localeCompare(b.date) || a.number - b.number))
  const locations = computed(() => new Map(locationList.value.map((location) => [location.id, location])))
  const vehicles = computed(() => new Map(vehicleList.value.map((vehicle) => [vehicle.id, vehicle])))
  const ruleSet = computed(() => resolveRuleSet(production.value ?? { city: '' }))

  /**
   * One day's plan. `onlyDecorIds` (a permit's décors) keeps the placements at those décors, and those with no décor
   * on a day that shoots one of them; empty or left out, every placement of the day.
   */
  function planOf(day: ShootDay, onlyDecorIds: readonly string[] = []): PrintedDayPlan {
    const placements = permitDayPlacements(day, placementList.value, onlyDecorIds)
    const decorIds = onlyDecorIds.length === 0 ? day.locationIds : day.locationIds.filter((id) => onlyDecorIds.includes(id))
    return {
      day,
      placements,
      rows: numberPlacements(placements, vehicles.value),
      analysis: analyseDayPlan({ day, placements, vehicles: vehicles.value, locations: locations.value, ruleSet: ruleSet.value }),
      decors: decorIds.flatMap((id) => locations.value.get(id) ?? []),
      ruleSet: ruleSet.value,
    }
  }

  return { production, loading, days, locations, vehicles, placements: placementList, ruleSet, planOf }
}
