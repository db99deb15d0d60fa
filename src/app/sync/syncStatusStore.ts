/**
 * What the user must always be able to see about their data: changes waiting in the outbox, whether the
 * device is online, and whether the browser promised to keep the data (persistent storage) and how full it is.
 */
import { defineStore } from 'pinia'
import { computed, readonly, ref, watch } from 'vue'
import { livePendingBlobCount } from '../db/blobQueueStore'
import { liveOutboxCount } from '../db/outbox'
import { liveTeams } from '../db/syncStore'
import { useLiveQuery } from '../db/useLiveQuery'
import { useNetwork } from '../ui/useNetwork'
import type { SyncFailureKind } from './syncClient'
import { openSyncStatusChannel } from './syncStatusChannel'

export type PersistState = 'unsupported' | 'persisted' | 'denied' | 'unknown'

export const useSyncStatusStore = defineStore('syncStatus', () => {
  const { online } = useNetwork()
  const { data: pendingCount } = useLiveQuery(() => liveOutboxCount(), 0)
  // A photo waiting to go up keeps the badge at "pending": nothing is reported sent while the server lacks it.
  const { data: pendingBlobCount } = useLiveQuery(() => livePendingBlobCount(), 0)
  const persist = ref<PersistState>('unknown')
  const usage = ref<{ used: number; quota: number } | null>(null)
  const { data: teams } = useLiveQuery(() => liveTeams(), [])
  const syncing = ref(false)
  const failure = ref<SyncFailureKind | null>(null)
  const lastSyncAt = computed(() => teams.value.map((team) => team.lastSyncAt).filter(Boolean).sort().at(-1) ?? null)

  /**
   * Starts the sync loop (in the leading tab only). Its syncing state and failure reach the other tabs by
   * BroadcastChannel (syncStatusChannel.ts); last sync times and errors per production through the teams table.
   */
  // The loop and its HTTP code load after the first screen, like the service worker, and only once the phone has a
  // team production (shared or joined, in any tab): a phone working alone never downloads them.
  function startSync() {
    const channel = openSyncStatusChannel((state) => {
      syncing.value = state.syncing
      failure.value = state.failure
    })
    const share = () => channel.publish({ syncing: syncing.value, failure: failure.value })
    let started = false
    watch(teams, (list) => {
      if (started || list.length === 0) return
      started = true
      import('./syncLoop')
        .then(({ startSyncLoopInLeaderTab }) =>
          startSyncLoopInLeaderTab({
            onSyncing: (value) => {
              syncing.value = value
              share()
            },
            onFailure: (error) => {
              failure.value = error?.kind ?? null
              share()
            },
          }),
        )
        .catch(() => undefined)
    }, { immediate: true })
  }

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
    pendingBlobCount,
    persist: readonly(persist),
    usage: readonly(usage),
    teams,
    syncing: readonly(syncing),
    failure: readonly(failure),
    lastSyncAt,
    state: computed(() => {
      if (!online.value) return 'offline'
      if (syncing.value) return 'syncing'
      if (failure.value || teams.value.some((team) => team.lastError)) return 'error'
      return pendingCount.value > 0 || pendingBlobCount.value > 0 ? 'pending' : 'synced'
    }),
    startSync,
    requestPersistence,
    refreshUsage,
  }
})
