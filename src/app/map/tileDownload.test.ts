import { describe, expect, it } from 'vitest'
import { saveTiles, type TileDownloadProgress } from './tileDownload'
import type { TileCoord } from './tileMath'
import { geoplateformeSources, OSM_SOURCE } from '../../core/model/mapConfig'
import type { TileSource } from './tileSources'

const ORIGIN = 'http://localhost:4317'
/** A source on the app's own server, so saved URLs read simply. */
const LOCAL: TileSource = { ...geoplateformeSources()[0]!, url: '/tiles/{z}/{x}/{y}.png' }
const tiles: TileCoord[] = Array.from({ length: 10 }, (_, i) => ({ z: 15, x: 16590 + i, y: 11270 }))

function memoryCache() {
  const entries = new Map<string, Response>()
  return {
    entries,
    match: async (url: RequestInfo | URL) => entries.get(String(url)),
    put: async (url: RequestInfo | URL, response: Response) => void entries.set(String(url), response),
  }
}

const png = (bytes = 100) => new Response(new Uint8Array(bytes), { status: 200, headers: { 'content-type': 'image/png', date: 'Mon, 01 Jan 2024 00:00:00 GMT' } })

describe('saving an area\'s tiles for offline', () => {
  it('refuses a source whose terms forbid bulk download', async () => {
    await expect(saveTiles({ source: OSM_SOURCE, tiles, cache: memoryCache(), origin: ORIGIN })).rejects.toThrow(/bulk/)
  })

  it('saves every tile with its size, without a Date header, and reports progress up to the total', async () => {
    const cache = memoryCache()
    const seen: TileDownloadProgress[] = []
    const result = await saveTiles({ source: LOCAL, tiles, cache, origin: ORIGIN, fetchTile: async () => png(), onProgress: (p) => seen.push(p) })
    expect(result).toMatchObject({ total: 10, done: 10, saved: 10, failed: 0, bytes: 1000 })
    expect(seen.at(-1)!.done).toBe(10)
    const saved = cache.entries.get(`${ORIGIN}/tiles/15/16590/11270.png`)!
    expect(saved.headers.get('content-length')).toBe('100')
    expect(saved.headers.get('date')).toBeNull()
  })

  it('skips tiles already saved and counts tiles the server does not have apart from failures', async () => {
    const cache = memoryCache()
    await cache.put(`${ORIGIN}/tiles/15/16590/11270.png`, png())
    const result = await saveTiles({
      source: LOCAL, tiles, cache, origin: ORIGIN, retryDelayMs: 1,
      fetchTile: async (url) => (url.includes('/16599/') ? new Response('', { status: 404 }) : png()),
    })
    expect(result).toMatchObject({ saved: 8, alreadySaved: 1, missing: 1, failed: 0 })
  })

  it('retries a tile that fails (network error, 503) and gives up after the retries without throwing', async () => {
    const attempts = new Map<string, number>()
    const result = await saveTiles({
      source: LOCAL, tiles: tiles.slice(0, 3), cache: memoryCache(), origin: ORIGIN, retries: 2, retryDelayMs: 1,
      fetchTile: async (url) => {
        const attempt = (attempts.get(url) ?? 0) + 1
        attempts.set(url, attempt)
        if (url.includes('/16590/')) throw new TypeError('Failed to fetch')
        if (url.includes('/16591/') && attempt < 3) return new Response('', { status: 503 })
        return png()
      },
    })
    expect(result).toMatchObject({ saved: 2, failed: 1, done: 3 })
    expect(attempts.get(`${ORIGIN}/tiles/15/16590/11270.png`)).toBe(3)
    expect(attempts.get(`${ORIGIN}/tiles/15/16591/11270.png`)).toBe(3)
  })

  it('stops on cancel: what was saved stays, nothing more is fetched', async () => {
    const controller = new AbortController()
    const cache = memoryCache()
    let fetched = 0
    const result = await saveTiles({
      source: LOCAL, tiles, cache, origin: ORIGIN, concurrency: 1, signal: controller.signal,
      fetchTile: async () => {
        if (++fetched === 3) controller.abort()
        return png()
      },
    })
    expect(fetched).toBe(3)
    expect(result.saved).toBe(2)
    expect(cache.entries.size).toBe(2)
  })
})
