/**
 * Which tiles make a production's map usable offline: close around each place that matters (a décor, a kerb's points,
 * a base camp, a placed vehicle) at the zooms a vehicle plan is drawn at, its neighbourhood at street-finding zooms,
 * and an overview of the whole at town zooms. Pure: counts, lists (without the tiles two places share) and sizes.
 */
import { ESTIMATED_TILE_BYTES } from './tileDownload'
import { countTiles, tilesInArea, type TileCoord } from './tileMath'
import type { TileBounds, TileSource } from './tileSources'

export interface LatLng {
  lat: number
  lng: number
}

export interface TileArea {
  bounds: TileBounds
  fromZoom: number
  toZoom: number
}

/** The zoom the vehicle plan opens at: the deepest zoom saved. */
export const PLACEMENT_ZOOM = 19
/** Past this many tiles a production's map is refused before anything is downloaded (about 250 MB of aerial tiles). */
export const MAX_TILES_PER_PREPARATION = 8000

/** Around each place, per zoom: how far (metres) the saved tiles reach. Closer zooms, a smaller circle. */
const AROUND: { zoom: number; radiusM: number }[] = [
  { zoom: 14, radiusM: 1000 }, { zoom: 15, radiusM: 1000 }, { zoom: 16, radiusM: 300 }, { zoom: 17, radiusM: 250 },
  { zoom: 18, radiusM: 150 }, { zoom: 19, radiusM: 100 },
]
/** The overview of the whole production: these zooms, the deepest dropped while it would exceed OVERVIEW_MAX_TILES. */
const OVERVIEW = { fromZoom: 9, toZoom: 13, marginM: 1500 }
const OVERVIEW_MAX_TILES = 400

const METRES_PER_DEGREE = 111_320

/** A square around a point, `metres` from its centre to each side. */
export function boundsAround({ lat, lng }: LatLng, metres: number): TileBounds {
  const dLat = metres / METRES_PER_DEGREE
  const dLng = metres / (METRES_PER_DEGREE * Math.max(0.01, Math.cos((lat * Math.PI) / 180)))
  return [lat - dLat, lng - dLng, lat + dLat, lng + dLng]
}

/** The box around all the points, widened by `metres`. */
export function boundsOf(points: readonly LatLng[], metres: number): TileBounds {
  const south = Math.min(...points.map((point) => point.lat))
  const north = Math.max(...points.map((point) => point.lat))
  const west = Math.min(...points.map((point) => point.lng))
  const east = Math.max(...points.map((point) => point.lng))
  const [s, w] = boundsAround({ lat: south, lng: west }, metres)
  const [, , n, e] = boundsAround({ lat: north, lng: east }, metres)
  return [s, w, n, e]
}

/** The areas to save for a production whose places are `places`, in a source (within its native zooms). */
export function productionAreas(places: readonly LatLng[], source: TileSource): TileArea[] {
  if (places.length === 0) return []
  const deepest = Math.min(PLACEMENT_ZOOM, source.maxNativeZoom)
  const close = places.flatMap((place) =>
    AROUND.filter(({ zoom }) => zoom <= deepest).map(({ zoom, radiusM }) => ({ bounds: boundsAround(place, radiusM), fromZoom: zoom, toZoom: zoom })))
  const whole = boundsOf(places, OVERVIEW.marginM)
  let toZoom = Math.min(OVERVIEW.toZoom, deepest)
  while (toZoom > OVERVIEW.fromZoom && countTiles(source, whole, OVERVIEW.fromZoom, toZoom) > OVERVIEW_MAX_TILES) toZoom--
  return [{ bounds: whole, fromZoom: OVERVIEW.fromZoom, toZoom }, ...close]
}

/** Every tile of the areas once (two décors in one street share most of theirs), the overview first. */
export function tilesOfAreas(source: TileSource, areas: readonly TileArea[]): TileCoord[] {
  const seen = new Set<string>()
  const tiles: TileCoord[] = []
  for (const area of areas) {
    for (const tile of tilesInArea(source, area.bounds, area.fromZoom, area.toZoom)) {
      const key = `${tile.z}/${tile.x}/${tile.y}`
      if (seen.has(key)) continue
      seen.add(key)
      tiles.push(tile)
    }
  }
  return tiles
}

/** Bytes a number of tiles of a source will take, for the figure shown before downloading. */
export function estimateBytes(source: TileSource, tiles: number): number {
  return tiles * (source.tileBytes ?? ESTIMATED_TILE_BYTES)
}
