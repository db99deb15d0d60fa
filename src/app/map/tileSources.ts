/**
 * Where map tiles come from: a URL template, the attribution the source's terms require, its zooms, and whether
 * those terms allow saving an area for offline use (bulk download). Plain data with no browser API, read by the
 * app, by vite.config.ts (the service worker caches the tiles of these sources) and by scripts/make-demo-tiles.ts.
 */

/** South, west, north, east in degrees. */
export type TileBounds = [south: number, west: number, north: number, east: number]

export interface TileSource {
  /** `demo`, `osm` or `custom`; the name shown is `map.sources.<id>` in the locale files. */
  id: string
  /** Leaflet template with {z} {x} {y} (and {s} with `subdomains`). A path starting with / is the app's own server. */
  url: string
  /** HTML shown in the map's corner, as the source's terms ask. */
  attribution: string
  minZoom: number
  /** Deepest zoom that has tiles of its own: the map zooms further by enlarging them. */
  maxNativeZoom: number
  maxZoom: number
  /** Terms allow "save this area for offline" (downloading many tiles at once). OpenStreetMap's servers forbid it. */
  bulkDownload: boolean
  /** Typical size of a tile in bytes, for the estimate shown before saving an area (street maps: 10 to 20 kB). */
  tileBytes?: number
  /** The server answers tiles with CORS headers: requested in cors mode, so the cache holds readable responses. */
  cors: boolean
  subdomains?: string
  /** Where the source has tiles, per zoom range: outside, nothing is requested or downloaded. */
  coverage?: { bounds: TileBounds; minZoom: number; maxZoom: number }[]
}

/** Île-de-France at small scales, Paris within the boulevard périphérique at street scales. */
const ILE_DE_FRANCE: TileBounds = [48.3, 1.9, 49.15, 2.75]
const PARIS: TileBounds = [48.815, 2.25, 48.905, 2.42]

/** The app's own demo tiles (a coordinate grid drawn by scripts/make-demo-tiles.ts): the default, and what tests use. */
export const DEMO_TILES: TileSource = {
  id: 'demo',
  url: '/tiles/{z}/{x}/{y}.png',
  attribution: 'Régie (démo)',
  minZoom: 8,
  maxNativeZoom: 15,
  maxZoom: 18,
  bulkDownload: true,
  cors: false,
  tileBytes: 1000,
  coverage: [
    { bounds: ILE_DE_FRANCE, minZoom: 8, maxZoom: 11 },
    { bounds: PARIS, minZoom: 12, maxZoom: 15 },
  ],
}

/** OpenStreetMap's standard tiles: view only, cached as viewed; its tile usage policy forbids bulk download. */
export const OSM_TILES: TileSource = {
  id: 'osm',
  url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
  minZoom: 0,
  maxNativeZoom: 19,
  maxZoom: 19,
  bulkDownload: false,
  cors: true,
}

/** A source of the deployment's own (a provider whose licence allows offline use), from VITE_TILE_* at build time. */
export function customTileSource(env: Record<string, unknown>): TileSource | undefined {
  const url = typeof env.VITE_TILE_URL === 'string' ? env.VITE_TILE_URL.trim() : ''
  if (!url) return undefined
  const maxZoom = Number(env.VITE_TILE_MAX_ZOOM) || 19
  return {
    id: 'custom',
    url,
    attribution: typeof env.VITE_TILE_ATTRIBUTION === 'string' ? env.VITE_TILE_ATTRIBUTION : '',
    minZoom: 0,
    maxNativeZoom: maxZoom,
    maxZoom,
    bulkDownload: env.VITE_TILE_BULK_DOWNLOAD === 'true',
    cors: env.VITE_TILE_CORS !== 'false',
    subdomains: typeof env.VITE_TILE_SUBDOMAINS === 'string' ? env.VITE_TILE_SUBDOMAINS : undefined,
  }
}

/** Cache names shared by the service worker (tiles viewed) and the app (areas saved for offline). */
export const TILE_CACHES = { viewed: 'regie-tiles', saved: 'regie-tiles-saved' } as const

/** Tiles viewed stay at most this long and this many (about 30 MB of OpenStreetMap tiles), oldest out first. */
export const VIEWED_TILES_LIMIT = { maxEntries: 2000, maxAgeSeconds: 60 * 60 * 24 * 30 } as const

/** The URLs of every source's tiles, as one pattern the service worker routes to the tile cache. */
export function tileUrlPattern(sources: readonly TileSource[]): RegExp {
  const alternatives = sources.map((source) => {
    const template = source.url.startsWith('/') ? `ORIGIN${source.url}` : source.url
    const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    return escaped
      .replace('ORIGIN', 'https?://[^/]+')
      .replace(/\{[zxy]\}/g, '\\d+')
      .replace('{s}', '[a-z0-9-]+')
      .replace('{r}', '(@2x)?')
  })
  return new RegExp(`^(${alternatives.join('|')})$`)
}
