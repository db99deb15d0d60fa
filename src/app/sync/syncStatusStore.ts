/**
 * What the user must always be able to see about their data: changes waiting in the outbox, whether the
 * device is online, and whether the browser promised to keep the data (persistent storage) and how full it is.
 */
import { defineStore } from 'pinia'
import { computed, readonly, ref } from 'vue'
import { liveOutboxCount } from '../db/outbox'
import { useLiveQuery } from '../db/useLiveQuery'
import { useNetwork } from '../ui/useNetwork'

export type PersistState = 'unsupported' | 'persisted' | 'denied' | 'unknown'

export const useSyncStatusStore = defineStore('syncStatus', () => {
  const { online } = useNetwork()
  const { data: pendingCount } = useLiveQuery(() => liveOutboxCount(), 0)
  const persist = ref<PersistState>('unknown')
  const usage = ref<{ used: number; quota: number } | null>(null)

  /** Ask the browser not to evict our data under storage pressure (DESIGN.md section 3). */
  async function requestPersistence() {
    if (!navigator.storage?.persist) {
      persist.value = 'unsupported'
      return
    }
    const already = await navigator.storage.persisted()
    persist.value = already || (await navigator.storage.persist()) ? 'persisted' : 'denied'
  }

  async function refreshUsage() {
    const estimate = await navigator.storage?.estimate?.()
    if (estimate?.quota) usage.value = { used: estimate.usage ?? 0, quota: estimate.quota }
  }

  return {
    online,
    pendingCount,
    persist: readonly(persist),
    usage: readonly(usage),
    state: computed(() => (!online.value ? 'offline' : pendingCount.value > 0 ? 'pending' : 'synced')),
    requestPersistence,
    refreshUsage,
  }
})
