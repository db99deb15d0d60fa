/**
 * The live records the returns dashboard and checklist read: rental houses, items, décors and condition
 * reports of a production, and "today" in the Paris calendar. Lists reopen at once from the repositories'
 * recent reads, then follow the database.
 */
import { computed, type Ref } from 'vue'
import type { BaseRecord, ConditionReport, EntityName, InventoryItem, Location, RentalHouse } from '../../../core/model'
import { returnsToday } from '../../../core/rules/returns'
import { useLiveQuery } from '../../db/useLiveQuery'
import { repositoryFor } from '../records/repositories'

export function useLiveList<T extends BaseRecord>(entity: EntityName, productionId: Ref<string>) {
  const repository = repositoryFor<T>(entity)
  const cached = repository.cached(productionId.value)
  return useLiveQuery(() => repository.live(productionId.value), cached ?? [], { loaded: !!cached })
}

export function useReturnsData(productionId: Ref<string>) {
  const houses = useLiveList<RentalHouse>('rentalHouse', productionId)
  const items = useLiveList<InventoryItem>('inventoryItem', productionId)
  const reports = useLiveList<ConditionReport>('conditionReport', productionId)
  const locations = useLiveList<Location>('location', productionId)
  const sources = [houses, items, reports, locations]
  return {
    houses: houses.data,
    items: items.data,
    reports: reports.data,
    locations: locations.data,
    loading: computed(() => sources.some((source) => source.loading.value)),
    today: returnsToday(),
  }
}
