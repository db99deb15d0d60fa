/**
 * Where map tiles are kept on the phone. The sources themselves are run-time configuration (src/core/model/mapConfig.ts,
 * handed by the server): this module holds what the app and the service worker (vite.config.ts) share about caching.
 */
export type { TileSource } from '../../core/model/mapConfig'

/** South, west, north, east in degrees. */
export type TileBounds = [south: number, west: number, north: number, east: number]

/** Cache names shared by the service worker (tiles viewed) and the app (areas saved for offline). */
export const TILE_CACHES = { viewed: 'regie-tiles', saved: 'regie-tiles-saved' } as const

/** Tiles viewed stay at most this long and this many (about 40 MB of street-map tiles), oldest out first. */
export const VIEWED_TILES_LIMIT = { maxEntries: 2000, maxAgeSeconds: 60 * 60 * 24 * 30 } as const
