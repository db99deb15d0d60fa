import { beforeEach, describe, expect, it } from 'vitest'
import { geoplateformeSources } from '../../core/model/mapConfig'
import { cancelPreparation, interruptedPreparation, preparation, prepareOffline, type PreparationJob } from './offlinePreparation'
import type { saveTiles, TileDownloadOptions, TileDownloadProgress } from './tileDownload'

const [plan, aerial] = geoplateformeSources('http://localhost:4518')
const tiles = (n: number) => Array.from({ length: n }, (_, i) => ({ z: 19, x: 265_000 + i, y: 180_000 }))
const jobs: PreparationJob[] = [{ source: plan!, tiles: tiles(4) }, { source: aerial!, tiles: tiles(6) }]

/** A download that saves each tile not saved yet, and lets the test act after the `nth` tile (drop the network...). */
function fakeSave(saved: Set<string>, after?: { nth: number; then: () => void }) {
  let count = 0
  return (async ({ source, tiles: list, signal, onProgress }: TileDownloadOptions) => {
    const progress: TileDownloadProgress = { total: list.length, done: 0, saved: 0, alreadySaved: 0, missing: 0, failed: 0, bytes: 0 }
    for (const tile of list) {
      if (signal?.aborted) break
      const key = `${source.id}/${tile.x}`
      if (saved.has(key)) progress.alreadySaved++
      else {
        saved.add(key)
        progress.saved++
        progress.bytes += 100
      }
      progress.done++
      onProgress?.({ ...progress })
      if (++count === after?.nth) after.then()
      await Promise.resolve()
    }
    return progress
  }) as typeof saveTiles
}

beforeEach(() => localStorage.clear())

describe('preparing a production\'s offline map', () => {
  it('downloads every source\'s tiles one source after the other, counting each tile once', async () => {
    const saved = new Set<string>()
    await prepareOffline('p1', jobs, fakeSave(saved))
    expect(preparation).toMatchObject({ phase: 'done', productionId: 'p1', total: 10, done: 10, saved: 10, bytes: 1000 })
    expect(interruptedPreparation('p1')).toBeNull()
  })

  it('pauses when the network drops and resumes by itself when it returns, skipping what was saved', async () => {
    const saved = new Set<string>()
    await prepareOffline('p2', jobs, fakeSave(saved, { nth: 6, then: () => window.dispatchEvent(new Event('offline')) }))
    expect(preparation.phase).toBe('paused')
    expect(saved.size).toBe(6)
    // A reload now would offer to resume it.
    expect(interruptedPreparation('p2')).toEqual(['plan-ign', 'ortho-ign'])
    window.dispatchEvent(new Event('online'))
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(preparation).toMatchObject({ phase: 'done', total: 10, done: 10, saved: 4, alreadySaved: 6 })
    expect(saved.size).toBe(10)
    expect(interruptedPreparation('p2')).toBeNull()
  })

  it('cancels: what was saved stays, nothing more, nothing left to resume', async () => {
    const saved = new Set<string>()
    await prepareOffline('p3', jobs, fakeSave(saved, { nth: 3, then: cancelPreparation }))
    expect(preparation).toMatchObject({ phase: 'cancelled', saved: 3 })
    expect(saved.size).toBe(3)
    expect(interruptedPreparation('p3')).toBeNull()
  })
})
