/**
 * "Save this area for offline": downloads a list of tiles into the saved-tiles cache (TILE_CACHES.saved), which
 * the service worker reads when a tile is not among those viewed. What it guarantees:
 * - only for a source whose terms allow bulk download (`bulkDownload`; refused otherwise) and that answers with CORS;
 * - a few requests at a time; a failed tile is retried with a growing pause, then counted as failed, never thrown;
 * - cancellable: tiles already saved stay saved, nothing else is written after the abort;
 * - saved tiles carry no Date header, so no freshness rule ever discards them: they stay until the user clears them.
 */
import { tileUrl, type TileCoord } from './tileMath'
import { TILE_CACHES, type TileSource } from './tileSources'

export interface TileDownloadProgress {
  total: number
  /** Tiles dealt with so far: saved, already there, missing on the server or failed. */
  done: number
  saved: number
  alreadySaved: number
  /** Answered 404: the source has no tile there (outside its coverage). */
  missing: number
  failed: number
  /** Bytes downloaded. */
  bytes: number
}

export interface TileDownloadOptions {
  source: TileSource
  tiles: readonly TileCoord[]
  signal?: AbortSignal
  onProgress?: (progress: TileDownloadProgress) => void
  /** Injected by tests; the browser's by default. */
  fetchTile?: (url: string, init: RequestInit) => Promise<Response>
  cache?: Pick<Cache, 'match' | 'put'>
  origin?: string
  concurrency?: number
  retries?: number
  retryDelayMs?: number
}

/** Past this many tiles an area is refused: the user zooms in or asks for fewer zoom levels. */
export const MAX_TILES_PER_AREA = 3000
/** For the estimate shown before downloading, when the source does not say (a street-map tile weighs 10 to 20 kB). */
export const ESTIMATED_TILE_BYTES = 15_000

const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => { clearTimeout(timer); resolve() }, { once: true })
  })

/** A 5xx, a 429 or no answer at all is worth another try; any other refusal is final. */
const transient = (status: number) => status === 408 || status === 429 || status >= 500

export async function saveTiles(options: TileDownloadOptions): Promise<TileDownloadProgress> {
  const { source, tiles, signal, onProgress } = options
  if (!source.bulkDownload) throw new Error(`Tile source ${source.id} does not allow bulk download`)
  const fetchTile = options.fetchTile ?? ((url, init) => fetch(url, init))
  const cache = options.cache ?? (await caches.open(TILE_CACHES.saved))
  const origin = options.origin ?? location.origin
  const retries = options.retries ?? 3
  const retryDelayMs = options.retryDelayMs ?? 500
  const progress: TileDownloadProgress = { total: tiles.length, done: 0, saved: 0, alreadySaved: 0, missing: 0, failed: 0, bytes: 0 }
  const report = () => onProgress?.({ ...progress })

  type Outcome = 'saved' | 'alreadySaved' | 'missing' | 'failed'
  async function saveOne(tile: TileCoord): Promise<Outcome> {
    const url = tileUrl(source, tile, origin)
    if (await cache.match(url)) return 'alreadySaved'
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (signal?.aborted) return 'failed'
      if (attempt > 0) await wait(retryDelayMs * 2 ** (attempt - 1), signal)
      try {
        // CORS, so the size can be read and the cache holds a real answer (an opaque one weighs megabytes of quota).
        const response = await fetchTile(url, { mode: 'cors', signal })
        if (response.status === 404) return 'missing'
        if (!response.ok) {
          if (transient(response.status)) continue
          return 'failed'
        }
        const body = await response.blob()
        if (signal?.aborted) return 'failed'
        const headers = { 'content-type': response.headers.get('content-type') ?? 'image/png', 'content-length': String(body.size) }
        await cache.put(url, new Response(body, { headers }))
        progress.bytes += body.size
        return 'saved'
      } catch {
        // Network error or abort: try again unless cancelled.
      }
    }
    return 'failed'
  }

  let next = 0
  const worker = async () => {
    while (next < tiles.length && !signal?.aborted) {
      const tile = tiles[next++]!
      const outcome = await saveOne(tile)
      if (signal?.aborted && outcome === 'failed') break
      progress[outcome]++
      progress.done++
      report()
    }
  }
  report()
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, tiles.length) }, worker))
  return { ...progress }
}

/** The tiles saved for offline on this device and their size (read from the headers written above). */
export async function savedTilesSummary(): Promise<{ count: number; bytes: number }> {
  if (typeof caches === 'undefined' || !(await caches.has(TILE_CACHES.saved))) return { count: 0, bytes: 0 }
  const responses = await (await caches.open(TILE_CACHES.saved)).matchAll()
  return { count: responses.length, bytes: responses.reduce((sum, response) => sum + (Number(response.headers.get('content-length')) || 0), 0) }
}

export async function clearSavedTiles(): Promise<void> {
  if (typeof caches !== 'undefined') await caches.delete(TILE_CACHES.saved)
}
