/**
 * One permit request with what its page and its printout name: the authority, its shoot days (in date order),
 * its décors, the days whose vehicle plan it joins, and the send deadline with its urgency today. Follows the
 * database live.
 */
import { computed, type Ref } from 'vue'
import type { Authority, Location, Permit, Placement, ShootDay } from '../../../core/model'
import { permitDeadline } from '../../../core/rules/permitOverview'
import { daysWithPlans } from '../../../core/rules/permitPlans'
import { calendarDateIn } from '../../../core/rules/workingDays'
import { useLiveQuery } from '../../db/useLiveQuery'
import { repositoryFor } from '../records/repositories'

export function usePermit(productionId: Ref<string>, id: Ref<string>) {
  const { data: permit, loading } = useLiveQuery(() => repositoryFor<Permit>('permit').liveOne(productionId.value, id.value), undefined as Permit | undefined)
  const { data: authority } = useLiveQuery(
    () => (permit.value ? repositoryFor<Authority>('authority').liveOne(productionId.value, permit.value.authorityId) : null),
    undefined as Authority | undefined,
  )
  const { data: allDays } = useLiveQuery(() => repositoryFor<ShootDay>('shootDay').live(productionId.value), [] as ShootDay[])
  const { data: allLocations } = useLiveQuery(() => repositoryFor<Location>('location').live(productionId.value), [] as Location[])

  const days = computed(() => {
    const ids = new Set(permit.value?.shootDayIds ?? [])
    return allDays.value.filter((day) => ids.has(day.id)).sort((a, b) => a.date.localeCompare(b.date) || a.number - b.number)
  })
  // In the order the request lists them: the main décor first.
  const locations = computed(() => {
    const byId = new Map(allLocations.value.map((location) => [location.id, location]))
    return (permit.value?.locationIds ?? []).map((locationId) => byId.get(locationId)).filter((location): location is Location => !!location)
  })
  const { data: placements } = useLiveQuery(() => repositoryFor<Placement>('placement').live(productionId.value), [] as Placement[])
  /** The request's days with vehicles placed at its décors: their plans print with it. */
  const planDays = computed(() => (permit.value ? daysWithPlans(days.value, placements.value, permit.value.locationIds) : []))
  const today = calendarDateIn(Date.now())
  const deadline = computed(() =>
    permit.value ? permitDeadline(permit.value, authority.value, new Map(days.value.map((day) => [day.id, day.date])), today) : null,
  )

  return { permit, loading, authority, days, locations, planDays, deadline, today }
}
