/**
 * The base maps and geocoder of this deployment, as the server hands them (GET /api/v1/map-config), kept in
 * localStorage so a phone that starts with no network has its maps and knows which tiles it saved. No Leaflet here:
 * the décor form reads the geocoder from it too.
 *
 * What it guarantees: nothing asks a tile server or geocoder before the configuration is known (a first start waits
 * for the server's answer, a few seconds at most, then falls back on the built-in one); a later answer that differs
 * replaces the kept one, and every map follows.
 */
import { computed, shallowRef } from 'vue'
import * as v from 'valibot'
import { defaultMapConfig, MapConfigSchema, type MapConfig } from '../../core/model/mapConfig'

export const MAP_CONFIG_URL = '/api/v1/map-config'
const STORAGE_KEY = 'regie.mapConfig'
const FETCH_TIMEOUT_MS = 5000

function parse(value: unknown): MapConfig | null {
  const result = v.safeParse(MapConfigSchema, value)
  return result.success ? (result.output as MapConfig) : null
}

function kept(): MapConfig | null {
  try {
    const text = localStorage.getItem(STORAGE_KEY)
    return text ? parse(JSON.parse(text)) : null
  } catch {
    return null
  }
}

const current = shallowRef<MapConfig | null>(kept())
/** Null until known: from the last visit, else from the server, else the built-in one. */
export const mapConfig = computed(() => current.value)

let asked: Promise<MapConfig> | null = null

/**
 * Asks the server once per visit (again after a visit's failed attempt); resolves at once with the kept configuration
 * when there is one.
 */
export function loadMapConfig(fetcher: typeof fetch = (input, init) => fetch(input, init)): Promise<MapConfig> {
  asked ??= fetcher(MAP_CONFIG_URL, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), cache: 'no-store' })
    .then((response) => (response.ok ? response.json() : null))
    .then(parse)
    .catch(() => null)
    .then((answered) => {
      if (answered) {
        try {
          localStorage.setItem(STORAGE_KEY, JSON.stringify(answered))
        } catch {
          // Not kept (storage blocked): asked again next visit.
        }
        if (JSON.stringify(answered) !== JSON.stringify(current.value)) current.value = answered
      } else {
        current.value ??= defaultMapConfig()
        // No answer this time (offline): ask again next time a map or the address search needs it.
        asked = null
      }
      return current.value!
    })
  return current.value ? Promise.resolve(current.value) : asked
}

/** For tests: forget what was asked and kept. */
export function resetMapConfig(config: MapConfig | null = null): void {
  asked = null
  current.value = config
}
