/**
 * Reads an answer of the Géoplateforme geocoding service (data.geopf.fr/geocodage/search and /reverse; BAN data): a
 * GeoJSON FeatureCollection whose features are points with `label`, `housenumber`, `street`, `name`, `postcode`, `city`,
 * `citycode`, `score`, `type` (housenumber, street, locality, municipality) and, for /reverse, `distance`. Pure.
 *
 * What it guarantees: anything that is not such a collection is "garbage", never a crash; a feature without a usable
 * point or label is left out; the rest keeps what it has (a partial answer fills what it can). A result outside France
 * (another geocoder behind the same configuration) is kept, flagged and listed last, and never carries its postcode:
 * the décor's postcode is a French one (it tells the Paris arrondissement).
 */

export interface AddressResult {
  /** The whole address as the service writes it: "25 Rue de Mogador 75009 Paris". */
  label: string
  /** What goes in the address field: "25 Rue de Mogador" (number and street), else the place's name. */
  line: string
  postcode: string
  city: string
  /** INSEE code of the commune (75109 for the 9e arrondissement), '' when not given. */
  citycode: string
  lat: number
  lng: number
  /** housenumber, street, locality, municipality... as given. */
  type: string
  score: number | null
  /** Metres from the point asked about (reverse geocoding). */
  distance: number | null
  inFrance: boolean
}

export type GeocodingAnswer = { ok: true; results: AddressResult[] } | { ok: false; reason: 'garbage' }

/** Metropolitan France with Corsica, then the overseas departments (Guadeloupe, Martinique, Guyane, La Réunion, Mayotte). */
const FRANCE: [south: number, west: number, north: number, east: number][] = [
  [41.3, -5.3, 51.2, 9.7], [15.8, -61.9, 16.6, -60.9], [14.3, -61.3, 14.9, -60.7], [2.1, -54.7, 5.8, -51.5], [-21.4, 55.2, -20.8, 55.9],
  [-13.1, 44.9, -12.6, 45.4],
]

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '')
const finite = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null)

function toResult(feature: unknown): AddressResult | null {
  if (!feature || typeof feature !== 'object') return null
  const { geometry, properties } = feature as { geometry?: unknown; properties?: unknown }
  const coordinates = (geometry as { type?: unknown; coordinates?: unknown } | null)?.coordinates
  if ((geometry as { type?: unknown } | null)?.type !== 'Point' || !Array.isArray(coordinates)) return null
  const [lng, lat] = coordinates.map(finite)
  if (lng === null || lat === null || lng === undefined || lat === undefined || Math.abs(lat) > 90 || Math.abs(lng) > 180) return null
  const p = (properties && typeof properties === 'object' ? properties : {}) as Record<string, unknown>
  const label = text(p.label)
  if (!label) return null
  const housenumber = text(p.housenumber)
  const street = text(p.street)
  const postcode = text(p.postcode)
  const inFrance = /^\d{5}$/.test(postcode) && FRANCE.some(([south, west, north, east]) => lat >= south && lat <= north && lng >= west && lng <= east)
  return {
    label,
    line: housenumber && street ? `${housenumber} ${street}` : text(p.name) || street || label,
    postcode: inFrance ? postcode : '',
    city: text(p.city),
    citycode: text(p.citycode),
    lat,
    lng,
    type: text(p.type),
    score: finite(p.score),
    distance: finite(p.distance),
    inFrance,
  }
}

export function parseGeocodingAnswer(body: string): GeocodingAnswer {
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return { ok: false, reason: 'garbage' }
  }
  const collection = json as { type?: unknown; features?: unknown } | null
  if (!collection || typeof collection !== 'object' || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    return { ok: false, reason: 'garbage' }
  }
  const results = collection.features.map(toResult).filter((result): result is AddressResult => result !== null)
  // French addresses first, in the service's order (best score first); a stable sort keeps it.
  return { ok: true, results: results.sort((a, b) => Number(b.inFrance) - Number(a.inFrance)) }
}
