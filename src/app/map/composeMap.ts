/**
 * A map drawn into one image for paper: the tiles of a source covering a frame of the ground, loaded like the maps load
 * them (so the service worker answers from the tiles viewed or saved offline) and composed onto a canvas once every one
 * has loaded or failed. Chromium's print to PDF keeps an image; it drops tiles still loading and cannot print a live map.
 *
 * Pure parts (the frame's tiles and where each goes on the canvas) are separate from the browser parts (loading, drawing).
 */
import { tileUrl, type TileCoord } from './tileMath'
import type { TileSource } from './tileSources'

export interface GroundFrame {
  /** The centre of the frame. */
  lat: number
  lng: number
  /** How much ground the frame shows, in metres. */
  widthM: number
  heightM: number
}

export interface PlacedTile extends TileCoord {
  /** Where the tile goes on the canvas, in canvas pixels. */
  left: number
  top: number
  size: number
}

export interface TileLayout {
  zoom: number
  widthPx: number
  heightPx: number
  tiles: PlacedTile[]
}

const TILE = 256
/** Metres a pixel covers at zoom 0 on the equator (Web Mercator, 256-pixel tiles). */
const EQUATOR_M_PER_PX = 156_543.034
/** Pixels per millimetre of paper the composition aims at: about 75 dpi, the detail tiles carry. */
export const PRINT_PX_PER_MM = 3
/** More tiles than this for one frame, and the zoom steps out: a printed page never waits on hundreds of tiles. */
const MAX_TILES = 64

const worldPx = (zoom: number) => TILE * 2 ** zoom
const projectX = (lng: number, zoom: number) => ((lng + 180) / 360) * worldPx(zoom)
const projectY = (lat: number, zoom: number) => {
  const rad = (lat * Math.PI) / 180
  return ((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * worldPx(zoom)
}

/** The zoom whose tiles carry about PRINT_PX_PER_MM at this scale, within the source's own zooms. */
export function printZoom(source: Pick<TileSource, 'minZoom' | 'maxNativeZoom'>, lat: number, denominator: number): number {
  const metresPerPx = denominator / 1000 / PRINT_PX_PER_MM
  const zoom = Math.round(Math.log2((EQUATOR_M_PER_PX * Math.cos((lat * Math.PI) / 180)) / metresPerPx))
  return Math.max(source.minZoom, Math.min(source.maxNativeZoom, zoom))
}

/** The tiles covering the frame at `zoom` (stepping out while there are too many), placed on a canvas of their own pixels. */
export function frameTiles(frame: GroundFrame, zoom: number): TileLayout {
  const metresPerPx = (EQUATOR_M_PER_PX * Math.cos((frame.lat * Math.PI) / 180)) / 2 ** zoom
  const widthPx = frame.widthM / metresPerPx
  const heightPx = frame.heightM / metresPerPx
  const left = projectX(frame.lng, zoom) - widthPx / 2
  const top = projectY(frame.lat, zoom) - heightPx / 2
  const [x0, x1] = [Math.floor(left / TILE), Math.floor((left + widthPx - 1e-9) / TILE)]
  const [y0, y1] = [Math.max(0, Math.floor(top / TILE)), Math.min(2 ** zoom - 1, Math.floor((top + heightPx - 1e-9) / TILE))]
  if ((x1 - x0 + 1) * (y1 - y0 + 1) > MAX_TILES && zoom > 0) return frameTiles(frame, zoom - 1)
  const tiles: PlacedTile[] = []
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) tiles.push({ z: zoom, x: ((x % 2 ** zoom) + 2 ** zoom) % 2 ** zoom, y, left: x * TILE - left, top: y * TILE - top, size: TILE })
  }
  return { zoom, widthPx: Math.round(widthPx), heightPx: Math.round(heightPx), tiles }
}

export interface ComposedMap {
  /** An object URL of the composed image (revoke it when done); null when nothing could be drawn. */
  url: string | null
  total: number
  /** Tiles that could not be had (offline and not saved, or the server failing). */
  missing: number
  zoom: number
}

function loadTile(url: string, cors: boolean): Promise<HTMLImageElement | null> {
  return new Promise((resolve) => {
    const image = new Image()
    if (cors) image.crossOrigin = 'anonymous'
    image.onload = () => resolve(image)
    image.onerror = () => resolve(null)
    image.src = url
  })
}

/**
 * Composes the frame's tiles of `source` into a JPEG. Resolves once every tile has loaded or failed. A source without
 * CORS cannot be drawn into a canvas that is read back: no image, and nothing loaded.
 */
export async function composeMap(source: TileSource, frame: GroundFrame, denominator: number): Promise<ComposedMap> {
  const layout = frameTiles(frame, printZoom(source, frame.lat, denominator))
  if (!source.cors) return { url: null, total: layout.tiles.length, missing: 0, zoom: layout.zoom }
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, layout.widthPx)
  canvas.height = Math.max(1, layout.heightPx)
  const context = canvas.getContext('2d')
  const images = await Promise.all(layout.tiles.map((tile) => loadTile(tileUrl(source, tile, location.origin), source.cors)))
  const missing = images.filter((image) => image === null).length
  const none: ComposedMap = { url: null, total: layout.tiles.length, missing, zoom: layout.zoom }
  if (!context || missing === images.length) return none
  context.fillStyle = '#eef0f2'
  context.fillRect(0, 0, canvas.width, canvas.height)
  layout.tiles.forEach((tile, index) => {
    const image = images[index]
    if (image) context.drawImage(image, tile.left, tile.top, tile.size, tile.size)
  })
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.88))
  return blob ? { ...none, url: URL.createObjectURL(blob) } : none
}
