/**
 * Asks the configured geocoder (mapConfig.ts; the Géoplateforme's by default) for addresses matching a text, or near a
 * point. Every failure is an outcome with its reason, never a throw: no network, too slow, refused for too many requests
 * (the service allows 50 a second per address and answers 429 with `retry-after`), another refusal, or an answer that
 * cannot be read. Callers write nothing until the user picks a result.
 */
import type { Geocoder } from '../../core/model/mapConfig'
import { parseGeocodingAnswer, type AddressResult } from './geocodingAnswer'

export type GeocodingFailure = 'offline' | 'timeout' | 'busy' | 'failed' | 'garbage' | 'unconfigured'
export type GeocodingOutcome =
  | { ok: true; results: AddressResult[] }
  | { ok: false; reason: GeocodingFailure; retryAfterS?: number }

export const GEOCODING_TIMEOUT_MS = 8000
/** Results asked for: enough to find one's address, few enough for a phone's screen. */
export const GEOCODING_LIMIT = 6

export interface GeocoderOptions {
  fetcher?: typeof fetch
  timeoutMs?: number
  /** The browser's online flag by default: tells "no network" from "the service does not answer". */
  isOnline?: () => boolean
}

async function ask(url: string, signal: AbortSignal | undefined, options: GeocoderOptions): Promise<GeocodingOutcome> {
  const isOnline = options.isOnline ?? (() => navigator.onLine !== false)
  if (!isOnline()) return { ok: false, reason: 'offline' }
  const timeout = AbortSignal.timeout(options.timeoutMs ?? GEOCODING_TIMEOUT_MS)
  let response: Response
  try {
    response = await (options.fetcher ?? fetch)(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout, headers: { accept: 'application/json' } })
  } catch (error) {
    if (signal?.aborted) throw error
    return { ok: false, reason: timeout.aborted ? 'timeout' : isOnline() ? 'failed' : 'offline' }
  }
  if (response.status === 429) {
    const retryAfterS = Math.min(60, Math.max(1, Number(response.headers.get('retry-after')) || 5))
    return { ok: false, reason: 'busy', retryAfterS }
  }
  if (!response.ok) return { ok: false, reason: 'failed' }
  let body: string
  try {
    body = await response.text()
  } catch (error) {
    if (signal?.aborted) throw error
    return { ok: false, reason: timeout.aborted ? 'timeout' : 'failed' }
  }
  const answer = parseGeocodingAnswer(body)
  return answer.ok ? answer : { ok: false, reason: 'garbage' }
}

/** Addresses for a typed text, best first, as the user types (autocompletion). Near `around` first when given. */
export function searchAddresses(
  geocoder: Geocoder | null, query: string, { signal, around, ...options }: GeocoderOptions & { signal?: AbortSignal; around?: { lat: number; lng: number } } = {},
): Promise<GeocodingOutcome> {
  if (!geocoder) return Promise.resolve({ ok: false, reason: 'unconfigured' })
  const params = new URLSearchParams({ q: query, index: 'address', autocomplete: '1', limit: String(GEOCODING_LIMIT) })
  if (around) {
    params.set('lat', around.lat.toFixed(5))
    params.set('lon', around.lng.toFixed(5))
  }
  return ask(`${new URL(geocoder.searchUrl, location.origin).href}?${params}`, signal, options)
}

/** The addresses nearest a point (a GPS fix, a photo's position), nearest first. */
export function reverseGeocode(
  geocoder: Geocoder | null, point: { lat: number; lng: number }, { signal, ...options }: GeocoderOptions & { signal?: AbortSignal } = {},
): Promise<GeocodingOutcome> {
  if (!geocoder) return Promise.resolve({ ok: false, reason: 'unconfigured' })
  const params = new URLSearchParams({ lon: point.lng.toFixed(6), lat: point.lat.toFixed(6), index: 'address', limit: '3' })
  return ask(`${new URL(geocoder.reverseUrl, location.origin).href}?${params}`, signal, options)
}
