/** Whether this phone only views a production (its team role is viewer): screens then hide what would write. */
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { useSyncStatusStore } from '../../sync/syncStatusStore'

export function useReadOnly(productionId: MaybeRefOrGetter<string>) {
  const status = useSyncStatusStore()
  return computed(() => status.teams.find((team) => team.productionId === toValue(productionId))?.role === 'viewer')
}
