/**
 * The places of a production its offline map must cover: every décor with a position, the points of every shoot
 * day's kerbs and base camp, and every placed vehicle. Live, so a décor placed a minute ago is in the next preparation.
 */
import { computed, type Ref } from 'vue'
import type { Location, Placement, ShootDay } from '../../../core/model'
import { useLiveQuery } from '../../db/useLiveQuery'
import type { LatLng } from '../../map/offlineAreas'
import { repositoryFor } from '../records/repositories'

const placed = <T extends { lat?: number | null; lng?: number | null }>(point: T): point is T & LatLng =>
  typeof point.lat === 'number' && typeof point.lng === 'number'

export function useProductionPlaces(productionId: Ref<string>, locations: Ref<readonly Location[]>) {
  const { data: days } = useLiveQuery(() => repositoryFor<ShootDay>('shootDay').live(productionId.value), [] as ShootDay[])
  const { data: placements } = useLiveQuery(() => repositoryFor<Placement>('placement').live(productionId.value), [] as Placement[])
  return computed((): LatLng[] => [
    ...locations.value.filter(placed).map(({ lat, lng }) => ({ lat, lng })),
    ...days.value.flatMap((day) => [...(day.kerbs ?? []).flatMap((kerb) => kerb.points), ...(day.baseCamp?.points ?? [])]).map(([lat, lng]) => ({ lat, lng })),
    ...placements.value.filter(placed).map(({ lat, lng }) => ({ lat, lng })),
  ])
}
