/**
 * "Préparer la carte hors ligne de la production": downloads the tiles of a production's map (offlineAreas.ts), one
 * source after the other, into the saved-tiles cache (tileDownload.ts). One preparation at a time for the whole app, kept
 * in this module so it goes on while the user moves between screens.
 *
 * What it guarantees: progress counts every tile once; cancelling keeps what was saved; when the network drops the
 * preparation pauses and resumes by itself when it returns (tiles already saved are skipped, not fetched again); a
 * preparation a reload interrupted is remembered (localStorage) so the screen offers to resume it.
 */
import { reactive, readonly } from 'vue'
import { saveTiles, type TileDownloadProgress } from './tileDownload'
import type { TileCoord } from './tileMath'
import type { TileSource } from './tileSources'

export interface PreparationJob {
  source: TileSource
  tiles: readonly TileCoord[]
}

export type PreparationPhase = 'idle' | 'running' | 'paused' | 'done' | 'cancelled'

type Counts = Omit<TileDownloadProgress, 'total'>
const ZERO: Counts = { done: 0, saved: 0, alreadySaved: 0, missing: 0, failed: 0, bytes: 0 }
const PENDING_KEY = 'regie.offlinePreparation'

const state = reactive({ phase: 'idle' as PreparationPhase, productionId: null as string | null, total: 0, ...ZERO })
export const preparation = readonly(state)

let controller: AbortController | null = null
let resumeWhenOnline: (() => void) | null = null

function rememberPending(pending: { productionId: string; sourceIds: string[] } | null): void {
  try {
    if (pending) localStorage.setItem(PENDING_KEY, JSON.stringify(pending))
    else localStorage.removeItem(PENDING_KEY)
  } catch {
    // Not remembered: a reload forgets the interrupted preparation, the tiles saved so far stay.
  }
}

/** The sources of this production's preparation a reload (or a closed app) interrupted, if any. */
export function interruptedPreparation(productionId: string): string[] | null {
  try {
    const pending = JSON.parse(localStorage.getItem(PENDING_KEY) ?? 'null') as { productionId?: string; sourceIds?: string[] } | null
    return pending?.productionId === productionId && Array.isArray(pending.sourceIds) ? pending.sourceIds : null
  } catch {
    return null
  }
}

const add = (a: Counts, b: Counts): Counts => ({
  done: a.done + b.done, saved: a.saved + b.saved, alreadySaved: a.alreadySaved + b.alreadySaved, missing: a.missing + b.missing,
  failed: a.failed + b.failed, bytes: a.bytes + b.bytes,
})

export async function prepareOffline(productionId: string, jobs: readonly PreparationJob[], save: typeof saveTiles = saveTiles): Promise<void> {
  if (state.phase === 'running') return
  if (resumeWhenOnline) window.removeEventListener('online', resumeWhenOnline)
  resumeWhenOnline = null
  rememberPending({ productionId, sourceIds: jobs.map((job) => job.source.id) })
  Object.assign(state, { phase: 'running', productionId, total: jobs.reduce((sum, job) => sum + job.tiles.length, 0), ...ZERO })
  const current = (controller = new AbortController())
  const dropped = () => current.abort('offline')
  window.addEventListener('offline', dropped)
  let before = ZERO
  try {
    for (const job of jobs) {
      const result = await save({ source: job.source, tiles: job.tiles, signal: current.signal, onProgress: (progress) => Object.assign(state, add(before, progress)) })
      before = add(before, result)
      Object.assign(state, before)
      if (current.signal.aborted) break
    }
  } finally {
    window.removeEventListener('offline', dropped)
    controller = null
  }
  if (current.signal.reason === 'offline') {
    state.phase = 'paused'
    resumeWhenOnline = () => void prepareOffline(productionId, jobs, save)
    window.addEventListener('online', resumeWhenOnline, { once: true })
    return
  }
  state.phase = current.signal.aborted ? 'cancelled' : 'done'
  // Tiles that failed leave the preparation to finish: "Reprendre" stays offered after a reload too.
  if (state.phase === 'cancelled' || state.failed === 0) rememberPending(null)
}

export function cancelPreparation(): void {
  controller?.abort('cancel')
  if (state.phase === 'paused') {
    if (resumeWhenOnline) window.removeEventListener('online', resumeWhenOnline)
    resumeWhenOnline = null
    state.phase = 'cancelled'
    rememberPending(null)
  }
}
