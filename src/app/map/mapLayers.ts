/**
 * Leaflet layers the app's maps are made of: the tile layer of a source (its coverage, retries), coloured pins drawn in
 * CSS (no marker images to fetch), and the group that holds them, clustered where they crowd.
 */
import L from 'leaflet'
import 'leaflet.markercluster'
import 'leaflet.markercluster/dist/MarkerCluster.css'
import { tileX, tileY } from './tileMath'
import type { TileSource } from './tileSources'

const TILE_RETRIES = 2
const TILE_RETRY_MS = 1000
/** Shown where a tile could not be had (offline and never viewed, or still failing after its retries). */
const MISSING_TILE = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="#e9ecef"/>' +
    '<path d="M0 256L256 0M-128 128L128-128M128 384L384 128" stroke="#dde1e5" stroke-width="10"/></svg>',
)}`

type TileErrorHandler = (done: L.DoneCallback, tile: HTMLImageElement, error: Error) => void
const leafletTile = L.TileLayer.prototype as unknown as { _tileOnError: TileErrorHandler; _isValidTile: (coords: L.Coords) => boolean }

/**
 * The tile layer of a source: it asks only for tiles the source has (its coverage per zoom, so no 404 for every
 * tile of the demo set's edges), and a tile that fails to load is asked for again (twice, a second then two apart)
 * while the browser is online; then the grey "missing" tile shows. A tile gone from the view meanwhile is left
 * alone. Nothing else of the map waits for a tile.
 */
const SourceTileLayer = L.TileLayer.extend({
  _isValidTile(this: L.TileLayer & { options: { coverage?: TileSource['coverage'] } }, coords: L.Coords) {
    if (!leafletTile._isValidTile.call(this, coords)) return false
    const coverage = this.options.coverage
    if (!coverage) return true
    return coverage.some(({ bounds: [south, west, north, east], minZoom, maxZoom }) =>
      coords.z >= minZoom && coords.z <= maxZoom &&
      coords.x >= tileX(west, coords.z) && coords.x <= tileX(east, coords.z) &&
      coords.y >= tileY(north, coords.z) && coords.y <= tileY(south, coords.z))
  },

  _tileOnError(this: L.TileLayer, done: L.DoneCallback, tile: HTMLImageElement, error: Error) {
    const attempt = Number(tile.dataset.attempt ?? 0)
    const url = tile.dataset.url ?? tile.src
    if (attempt < TILE_RETRIES && navigator.onLine !== false && url !== MISSING_TILE) {
      tile.dataset.attempt = String(attempt + 1)
      tile.dataset.url = url
      setTimeout(() => {
        if (tile.isConnected) tile.src = url
      }, TILE_RETRY_MS * 2 ** attempt)
      return
    }
    leafletTile._tileOnError.call(this, done, tile, error)
  },
}) as unknown as new (url: string, options: L.TileLayerOptions & { coverage?: TileSource['coverage'] }) => L.TileLayer

/** A source's tile layer; an overlay (cadastral parcels) draws above the base map. */
export function createTileLayer(source: TileSource, maxZoom = source.maxZoom): L.TileLayer {
  return new SourceTileLayer(source.url, {
    attribution: source.attribution,
    zIndex: source.kind === 'overlay' ? 2 : 1,
    minZoom: source.minZoom,
    maxNativeZoom: source.maxNativeZoom,
    maxZoom: Math.max(maxZoom, source.maxZoom),
    subdomains: source.subdomains ?? 'abc',
    coverage: source.coverage,
    crossOrigin: source.cors ? 'anonymous' : false,
    errorTileUrl: MISSING_TILE,
  })
}

export function pinIcon(color: string, highlighted = false): L.DivIcon {
  return L.divIcon({
    className: `map-pin${highlighted ? ' map-pin-highlighted' : ''}`,
    html: `<span class="map-pin-shape" style="background:${color}"></span>`,
    iconSize: [28, 36],
    iconAnchor: [14, 34],
    popupAnchor: [0, -30],
  })
}

/**
 * Pins that crowd are grouped into numbered clusters that open as the map zooms in (so a few décors far apart stay
 * pins of their own). Added in chunks, so 2,000 décors never freeze the page; `onProgress` tells when all are placed.
 */
export function createPointGroup(onProgress: (processed: number, total: number) => void): L.MarkerClusterGroup {
  return L.markerClusterGroup({
    chunkedLoading: true,
    chunkProgress: onProgress,
    // Pins jump into and out of clusters without the animation: steadier on phones, and a big zoom jump never
    // leaves the group waiting for an animation that another move interrupted.
    animate: false,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    disableClusteringAtZoom: 16,
    maxClusterRadius: 40,
    iconCreateFunction: (cluster) => {
      const count = cluster.getChildCount()
      const size = count < 10 ? 34 : count < 100 ? 40 : 48
      return L.divIcon({ className: 'map-cluster', html: `<span>${count}</span>`, iconSize: [size, size] })
    },
  })
}
