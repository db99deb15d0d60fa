/**
 * Web Mercator tile arithmetic (the "slippy map" scheme every tile server uses): which tiles cover an area at
 * which zooms, and their URLs. Used to save an area for offline and by the demo tile generator.
 */
import type { TileBounds, TileSource } from './tileSources'

export interface TileCoord {
  z: number
  x: number
  y: number
}

const MAX_LAT = 85.0511287798

export function tileX(lng: number, z: number): number {
  const n = 2 ** z
  return Math.min(n - 1, Math.max(0, Math.floor(((lng + 180) / 360) * n)))
}

export function tileY(lat: number, z: number): number {
  const n = 2 ** z
  const rad = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)
  return Math.min(n - 1, Math.max(0, y))
}

/** The north-west corner of a tile, in degrees. */
export function tileCorner(x: number, y: number, z: number): { lat: number; lng: number } {
  const n = 2 ** z
  const lng = (x / n) * 360 - 180
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI
  return { lat, lng }
}

function intersect(a: TileBounds, b: TileBounds): TileBounds | null {
  const bounds: TileBounds = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])]
  return bounds[0] < bounds[2] && bounds[1] < bounds[3] ? bounds : null
}

/** Rectangles of tiles (one per zoom and coverage area) over `bounds` for zooms `fromZoom`..`toZoom`. */
function tileRanges(source: TileSource, bounds: TileBounds, fromZoom: number, toZoom: number) {
  const ranges: { z: number; x0: number; x1: number; y0: number; y1: number }[] = []
  const last = Math.min(toZoom, source.maxNativeZoom)
  for (let z = Math.max(fromZoom, source.minZoom); z <= last; z++) {
    const areas = source.coverage
      ? source.coverage.filter((area) => z >= area.minZoom && z <= area.maxZoom).map((area) => intersect(area.bounds, bounds))
      : [bounds]
    for (const area of areas) {
      if (!area) continue
      const [south, west, north, east] = area
      ranges.push({ z, x0: tileX(west, z), x1: tileX(east, z), y0: tileY(north, z), y1: tileY(south, z) })
    }
  }
  return ranges
}

/** How many tiles `tilesInArea` would list, without listing them. */
export function countTiles(source: TileSource, bounds: TileBounds, fromZoom: number, toZoom: number): number {
  return tileRanges(source, bounds, fromZoom, toZoom).reduce((sum, r) => sum + (r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1), 0)
}

/** The source's tiles over `bounds`, zoom by zoom, within its coverage and native zooms. */
export function tilesInArea(source: TileSource, bounds: TileBounds, fromZoom: number, toZoom: number): TileCoord[] {
  const tiles: TileCoord[] = []
  for (const { z, x0, x1, y0, y1 } of tileRanges(source, bounds, fromZoom, toZoom)) {
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) tiles.push({ z, x, y })
  }
  return tiles
}

/** The URL Leaflet requests for a tile (same subdomain choice), absolute against `origin` for the app's own tiles. */
export function tileUrl(source: TileSource, tile: TileCoord, origin: string): string {
  const subdomains = source.subdomains ?? 'abc'
  const url = source.url
    .replace('{z}', String(tile.z))
    .replace('{x}', String(tile.x))
    .replace('{y}', String(tile.y))
    .replace('{s}', subdomains[Math.abs(tile.x + tile.y) % subdomains.length] ?? '')
    .replace('{r}', '')
  return new URL(url, origin).href
}
