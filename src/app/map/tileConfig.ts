/**
 * Which base map each kind of map shows on this device, remembered in localStorage like the language: the décor maps
 * open on the street map (the first `plan` source: Plan IGN), the vehicle plan on the aerial photographs (kerbs,
 * parking bays and trees are what a plan is drawn against). Overlays (the cadastral parcels) are switched on or off
 * for every map at once.
 */
import { computed, ref, type ComputedRef } from 'vue'
import type { TileSource } from '../../core/model/mapConfig'
import { mapConfig } from './mapConfig'

/** `maps`: décors, dossiers and every other map; `plan`: the vehicle plan. */
export type MapPurpose = 'maps' | 'plan'

const STORAGE_KEYS: Record<MapPurpose, string> = { maps: 'regie.mapTiles', plan: 'regie.planTiles' }
const OVERLAYS_KEY = 'regie.mapOverlays'
const DEFAULT_KIND: Record<MapPurpose, TileSource['kind']> = { maps: 'plan', plan: 'aerial' }

function remembered(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    // Storage blocked (private mode): the default for this visit.
    return null
  }
}

function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value)
  } catch {
    // Not remembered; still used until the app is closed.
  }
}

const chosen = { maps: ref(remembered(STORAGE_KEYS.maps)), plan: ref(remembered(STORAGE_KEYS.plan)) }
const overlaysOn = ref<string[]>((remembered(OVERLAYS_KEY) ?? '').split(',').filter(Boolean))

/** The base maps (plan and aerial sources) of this deployment, in its order. */
export const baseSources = computed(() => (mapConfig.value?.sources ?? []).filter((source) => source.kind !== 'overlay'))
export const overlaySources = computed(() => (mapConfig.value?.sources ?? []).filter((source) => source.kind === 'overlay'))

const bySource = (purpose: MapPurpose) => computed((): TileSource | null => {
  const sources = baseSources.value
  return sources.find((source) => source.id === chosen[purpose].value) ??
    sources.find((source) => source.kind === DEFAULT_KIND[purpose]) ?? sources[0] ?? null
})
const current: Record<MapPurpose, ComputedRef<TileSource | null>> = { maps: bySource('maps'), plan: bySource('plan') }

/** The base map maps of this purpose show: null until the configuration is known. */
export function baseSource(purpose: MapPurpose): ComputedRef<TileSource | null> {
  return current[purpose]
}

export function chooseBaseSource(purpose: MapPurpose, id: string): void {
  if (!baseSources.value.some((source) => source.id === id)) return
  chosen[purpose].value = id
  remember(STORAGE_KEYS[purpose], id)
}

/** The overlays switched on, drawn over every map's base. */
export const activeOverlays = computed(() => overlaySources.value.filter((source) => overlaysOn.value.includes(source.id)))

export function setOverlay(id: string, on: boolean): void {
  overlaysOn.value = on ? [...new Set([...overlaysOn.value, id])] : overlaysOn.value.filter((candidate) => candidate !== id)
  remember(OVERLAYS_KEY, overlaysOn.value.join(','))
}

/** The sources whose terms allow saving areas offline (and that answer with CORS, so the tiles can be kept). */
export const savableSources = computed(() => (mapConfig.value?.sources ?? []).filter((source) => source.bulkDownload && source.cors))
