/**
 * The tile sources this build offers and the one chosen on this device (remembered in localStorage, like the
 * language). The demo tiles served by the app are the default; OpenStreetMap is offered for real streets; a
 * deployment adds its own source with VITE_TILE_URL (see tileSources.ts), which then becomes the default.
 */
import { computed, ref } from 'vue'
import { customTileSource, DEMO_TILES, OSM_TILES, type TileSource } from './tileSources'

const STORAGE_KEY = 'regie.mapTiles'
const custom = customTileSource(import.meta.env)

export const TILE_SOURCES: readonly TileSource[] = custom ? [custom, DEMO_TILES, OSM_TILES] : [DEMO_TILES, OSM_TILES]

function savedSource(): TileSource {
  let saved: string | null = null
  try {
    saved = localStorage.getItem(STORAGE_KEY)
  } catch {
    // Storage blocked (private mode): the default source for this visit.
  }
  return TILE_SOURCES.find((source) => source.id === saved) ?? TILE_SOURCES[0]!
}

const current = ref<TileSource>(savedSource())

/** The source every map of the app shows. */
export const tileSource = computed(() => current.value)

export function chooseTileSource(id: string): void {
  const source = TILE_SOURCES.find((candidate) => candidate.id === id)
  if (!source) return
  current.value = source
  try {
    localStorage.setItem(STORAGE_KEY, id)
  } catch {
    // Not remembered; still used until the app is closed.
  }
}
