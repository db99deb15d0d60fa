/**
 * The base maps and the address service a deployment offers, read by the server at start (src/server/mapConfig.ts)
 * and handed to the app (GET /api/v1/map-config), so another tile server or geocoder needs no rebuild.
 *
 * Built in: the IGN Géoplateforme's open layers (Plan IGN v2, aerial photographs, cadastral parcels; Licence Ouverte
 * Etalab 2.0, no key) and OpenStreetMap's standard tiles for viewing. Zooms and layer names are those the IGN
 * publishes (GetCapabilities of data.geopf.fr/wmts: Plan IGN v2 in PM_0_19, parcels to 19). The orthophotos go to zoom
 * 20, but their 20 cm pixels already match zoom 19 at French latitudes (about 0.2 m a pixel there): Régie stops at 19 and
 * enlarges beyond, which halves what an offline area weighs for no loss of detail.
 * Tests point the same built-ins at a local fixture laid out like the Géoplateforme (its `base` URL).
 */
import * as v from 'valibot'

/** `plan`: a street map; `aerial`: photographs; `overlay`: drawn over either (cadastral parcels). */
export const TILE_LAYER_KINDS = ['plan', 'aerial', 'overlay'] as const
export type TileLayerKind = (typeof TILE_LAYER_KINDS)[number]

const zoom = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(22))
/** South, west, north, east in degrees. */
const BoundsSchema = v.tuple([
  v.pipe(v.number(), v.minValue(-90), v.maxValue(90)),
  v.pipe(v.number(), v.minValue(-180), v.maxValue(180)),
  v.pipe(v.number(), v.minValue(-90), v.maxValue(90)),
  v.pipe(v.number(), v.minValue(-180), v.maxValue(180)),
])
/** An http(s) URL, or a path on the app's own server (starting with /). */
const urlTemplate = v.pipe(v.string(), v.trim(), v.regex(/^(https?:\/\/[^\s/]+|\/)[^\s]*$/, 'an http(s) URL or a path starting with /'))

export const TileSourceSchema = v.object({
  /** Remembered per device; the name shown is `map.sources.<id>` in the locale files when there is one, else `name`. */
  id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes')),
  kind: v.picklist(TILE_LAYER_KINDS),
  name: v.optional(v.pipe(v.string(), v.maxLength(80)), ''),
  /** Leaflet template: {z} {x} {y} anywhere (a WMTS KVP query too), {s} with `subdomains`. */
  url: v.pipe(urlTemplate, v.check((url) => ['{z}', '{x}', '{y}'].every((part) => url.includes(part)), 'a template with {z}, {x} and {y}')),
  /** HTML shown in the map's corner and under printed maps, as the source's terms ask. */
  attribution: v.pipe(v.string(), v.maxLength(500)),
  minZoom: v.optional(zoom, 0),
  /** Deepest zoom with tiles of its own: closer, the map enlarges them. */
  maxNativeZoom: zoom,
  maxZoom: v.optional(zoom),
  /** The source's terms allow saving areas for offline use (downloading many tiles at once). */
  bulkDownload: v.optional(v.boolean(), false),
  /** Typical bytes per tile, for the estimate shown before saving an area. */
  tileBytes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(2_000_000))),
  /** The server answers with CORS headers: tiles can be saved, measured and drawn into printed pages. */
  cors: v.optional(v.boolean(), true),
  subdomains: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9]{1,10}$/))),
  /** Where the source has tiles, per zoom range: outside, nothing is requested or saved. */
  coverage: v.optional(v.array(v.object({ bounds: BoundsSchema, minZoom: zoom, maxZoom: zoom }))),
})
export type TileSourceInput = v.InferInput<typeof TileSourceSchema>
export type TileSource = v.InferOutput<typeof TileSourceSchema> & { maxZoom: number }

export const GeocoderSchema = v.object({
  /** Géoplateforme geocoding service (or one answering the same way): GET ?q=&autocomplete=1&index=address&limit= */
  searchUrl: urlTemplate,
  /** GET ?lon=&lat=&index=address&limit= */
  reverseUrl: urlTemplate,
  attribution: v.optional(v.pipe(v.string(), v.maxLength(300)), ''),
})
export type Geocoder = v.InferOutput<typeof GeocoderSchema>

export const MapConfigSchema = v.object({
  sources: v.pipe(
    v.array(TileSourceSchema),
    v.check((sources) => sources.some((source) => source.kind !== 'overlay'), 'at least one plan or aerial source'),
    v.check((sources) => new Set(sources.map((source) => source.id)).size === sources.length, 'each source id once'),
  ),
  geocoder: v.nullable(GeocoderSchema),
})
export interface MapConfig {
  sources: TileSource[]
  geocoder: Geocoder | null
}

/** The Géoplateforme's open (no key) access point. */
export const GEOPLATEFORME_URL = 'https://data.geopf.fr'

const IGN_ATTRIBUTION = '&copy; <a href="https://www.ign.fr/">IGN</a> Géoplateforme, <a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">Etalab 2.0</a>'

/** A WMTS GetTile request in key-value form, in the Web Mercator tile matrix set (PM) whose matrices are the zooms. */
export function wmtsTemplate(base: string, layer: string, format: 'image/png' | 'image/jpeg', style = 'normal'): string {
  return `${base.replace(/\/+$/, '')}/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=${style}` +
    `&TILEMATRIXSET=PM&FORMAT=${format}&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}`
}

/**
 * The Géoplateforme's open layers at `base`. Their WMTS service has no rate limit (unlike the geocoder's 50 requests a
 * second), and Etalab 2.0 allows copying and storing the data with its attribution: areas may be saved offline.
 */
export function geoplateformeSources(base = GEOPLATEFORME_URL): TileSource[] {
  return [
    {
      id: 'plan-ign', kind: 'plan', name: 'Plan IGN', url: wmtsTemplate(base, 'GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2', 'image/png'),
      attribution: IGN_ATTRIBUTION, minZoom: 0, maxNativeZoom: 19, maxZoom: 21, bulkDownload: true, tileBytes: 20_000, cors: true,
    },
    {
      id: 'ortho-ign', kind: 'aerial', name: 'Photographies aériennes IGN', url: wmtsTemplate(base, 'ORTHOIMAGERY.ORTHOPHOTOS', 'image/jpeg'),
      attribution: IGN_ATTRIBUTION, minZoom: 0, maxNativeZoom: 19, maxZoom: 21, bulkDownload: true, tileBytes: 30_000, cors: true,
    },
    {
      id: 'cadastre-ign', kind: 'overlay', name: 'Parcelles cadastrales',
      url: wmtsTemplate(base, 'CADASTRALPARCELS.PARCELLAIRE_EXPRESS', 'image/png'),
      attribution: `${IGN_ATTRIBUTION}, parcelles DGFiP`, minZoom: 0, maxNativeZoom: 19, maxZoom: 21, bulkDownload: true,
      tileBytes: 8_000, cors: true,
    },
  ]
}

/** OpenStreetMap's standard tiles: viewing only; its tile usage policy forbids bulk downloads. */
export const OSM_SOURCE: TileSource = {
  id: 'osm', kind: 'plan', name: 'OpenStreetMap', url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
  minZoom: 0, maxNativeZoom: 19, maxZoom: 21, bulkDownload: false, cors: true,
}

export function geoplateformeGeocoder(base = GEOPLATEFORME_URL): Geocoder {
  const root = base.replace(/\/+$/, '')
  return { searchUrl: `${root}/geocodage/search`, reverseUrl: `${root}/geocodage/reverse`, attribution: 'Base Adresse Nationale – Géoplateforme' }
}

/** What a fresh install offers: Plan IGN first (the default street map), the aerial photographs, parcels, OSM. */
export function defaultMapConfig(base = GEOPLATEFORME_URL): MapConfig {
  const [plan, aerial, parcels] = geoplateformeSources(base)
  return { sources: [plan!, aerial!, OSM_SOURCE, parcels!], geocoder: geoplateformeGeocoder(base) }
}

/** A validated source with its maximum zoom filled in (the native one when not given). */
export function completeSource(source: v.InferOutput<typeof TileSourceSchema>): TileSource {
  return { ...source, maxZoom: Math.max(source.maxZoom ?? source.maxNativeZoom, source.maxNativeZoom) }
}

/** `https://{s}.tile.example.org/{z}/{x}/{y}.png` → `https://*.tile.example.org`; a path on the app's server → null. */
export function urlOrigin(template: string): string | null {
  const match = /^(https?):\/\/(\{s\}\.)?([a-z0-9.-]+(:\d+)?)(\/|\?|$)/i.exec(template)
  if (!match) return null
  const [, scheme, subdomains, host] = match
  return `${scheme!.toLowerCase()}://${subdomains ? '*.' : ''}${host!.toLowerCase()}`
}

/** The origins the app fetches from: tiles (shown as images, saved by area) and the geocoder (fetched). */
export function mapConfigOrigins(config: MapConfig): { tiles: string[]; geocoder: string[] } {
  const unique = (urls: string[]) => [...new Set(urls.map(urlOrigin).filter((origin): origin is string => origin !== null))]
  return {
    tiles: unique(config.sources.map((source) => source.url)),
    geocoder: unique(config.geocoder ? [config.geocoder.searchUrl, config.geocoder.reverseUrl] : []),
  }
}
