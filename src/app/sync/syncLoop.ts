/**
 * Keeps team productions in sync while the app is open. One tab leads (Web Locks), the others only watch:
 * it syncs at start, when the network returns, when the tab becomes visible, about a second after a local
 * change, every 45 s, and after a failure with exponential backoff and jitter. `navigator.onLine` is only a
 * hint: a sync attempt with a timeout is the real test. After each production's records, its pending blobs
 * go up (blobQueue.ts); blob failures back off on their own clock, so they never delay record sync.
 * While online and visible it also listens to the server's live pokes (livePokes.ts): a poke whose head is ahead
 * of the production's cursor syncs that production within a second, pokes arriving together making one sync.
 */
import { liveOutboxCount } from '../db/outbox'
import { allTeams, getTeam } from '../db/syncStore'
import { uploadPendingBlobs } from './blobQueue'
import { startLivePokes } from './livePokes'
import { createSyncClient, SyncFailure, type SyncClient } from './syncClient'
import { syncProduction } from './syncEngine'

const PERIOD_MS = 45_000
const AFTER_WRITE_MS = 1_000
const MAX_BACKOFF_MS = 5 * 60_000
/** Pokes arriving within this delay are answered by one sync. */
export const POKE_DELAY_MS = 300

export interface SyncLoopEvents {
  onSyncing(syncing: boolean): void
  onFailure(failure: SyncFailure | null): void
}

/** Starts listening to pokes for the device's team productions; returns the function that stops it. */
export type PokeListener = (onPoke: (productionId: string, head: number) => void) => () => void

export function startSyncLoop(
  events: SyncLoopEvents,
  client: SyncClient = createSyncClient(),
  listenToPokes: PokeListener = (onPoke) => startLivePokes({ onPoke }),
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let running = false
  let again = false
  let failures = 0
  let blobFailures = 0
  let blobsRetryAt = 0
  let stopped = false

  const schedule = (ms: number) => {
    clearTimeout(timer)
    if (!stopped) timer = setTimeout(() => void run(), ms)
  }
  const backoff = (count = failures) => Math.min(MAX_BACKOFF_MS, 2_000 * 2 ** count) * (0.5 + Math.random())

  /** Syncs every team production, or only those given (a poke's). */
  async function run(only?: readonly string[]) {
    if (running) {
      again = true
      return
    }
    running = true
    events.onSyncing(true)
    let failure: SyncFailure | null = null
    // A poke brings others' changes: this device's photos wait for the next full sync.
    const blobsDue = !only && Date.now() >= blobsRetryAt
    let blobsFailed = false
    for (const team of await allTeams()) {
      if (only && !only.includes(team.productionId)) continue
      let recordFailure: SyncFailure | null = null
      try {
        await syncProduction(team.productionId, client)
      } catch (error) {
        recordFailure = error instanceof SyncFailure ? error : new SyncFailure('server', String(error))
        failure = recordFailure
      }
      // Unreachable server: the uploads would only time out one by one.
      if (blobsDue && recordFailure?.kind !== 'offline') {
        const outcome = await uploadPendingBlobs(team.productionId, client).catch(() => null)
        blobsFailed ||= !outcome || outcome.error !== null
      }
    }
    failures = failure ? failures + 1 : 0
    if (blobsDue) {
      blobFailures = blobsFailed ? blobFailures + 1 : 0
      blobsRetryAt = blobsFailed ? Date.now() + backoff(blobFailures) : 0
    }
    events.onFailure(failure)
    events.onSyncing(false)
    running = false
    // A poke's sync leaves the periodic timer alone, unless it failed.
    if (again || failure || !only) schedule(again ? 0 : failure ? backoff() : PERIOD_MS)
    again = false
    if (poked.size > 0) armPokeTimer()
  }

  /** The newest head each production was poked with since the last poke sync. */
  const poked = new Map<string, number>()
  let pokeTimer: ReturnType<typeof setTimeout> | undefined
  function armPokeTimer() {
    if (pokeTimer === undefined && !stopped) pokeTimer = setTimeout(() => void runPoked(), POKE_DELAY_MS)
  }
  function onPoke(productionId: string, head: number) {
    poked.set(productionId, Math.max(head, poked.get(productionId) ?? 0))
    // During a sync the poke waits for its end: that sync may already bring the change.
    if (!running) armPokeTimer()
  }
  async function runPoked() {
    pokeTimer = undefined
    if (running) return
    const due: string[] = []
    for (const [productionId, head] of [...poked]) {
      poked.delete(productionId)
      // Our own push, or a change already pulled: nothing new there.
      const team = await getTeam(productionId)
      if (team && head > team.cursor) due.push(productionId)
    }
    if (due.length > 0 && !stopped) await run(due)
  }

  const now = () => schedule(0)
  const onVisible = () => document.visibilityState === 'visible' && schedule(0)
  window.addEventListener('online', now)
  document.addEventListener('visibilitychange', onVisible)
  let lastCount = 0
  const outbox = liveOutboxCount().subscribe({
    next: (count) => {
      if (count > lastCount) schedule(AFTER_WRITE_MS)
      lastCount = count
    },
  })
  schedule(0)
  const stopPokes = listenToPokes(onPoke)

  return () => {
    stopped = true
    clearTimeout(timer)
    clearTimeout(pokeTimer)
    stopPokes()
    outbox.unsubscribe()
    window.removeEventListener('online', now)
    document.removeEventListener('visibilitychange', onVisible)
  }
}

/** Runs the loop in the one tab holding the sync lock; other tabs take over when it closes. */
export function startSyncLoopInLeaderTab(events: SyncLoopEvents): void {
  if (!('locks' in navigator)) {
    startSyncLoop(events)
    return
  }
  navigator.locks.request('regie-sync-leader', () => new Promise<void>(() => startSyncLoop(events))).catch(() => undefined)
}
