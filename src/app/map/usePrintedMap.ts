/**
 * The base map under a printed drawing: which one (the street map or the aerial photographs, chosen per device for
 * paper, or none), composed into an image for the frame given (composeMap.ts), again when the frame or the choice
 * changes. The printed page waits for it before printing (printReadiness.ts).
 */
import { computed, onScopeDispose, ref, shallowRef, watch } from 'vue'
import type { TileSource } from '../../core/model/mapConfig'
import { usePrintReadiness } from '../print/printReadiness'
import { composeMap, type ComposedMap, type GroundFrame } from './composeMap'
import { loadMapConfig, mapConfig } from './mapConfig'

export type PrintBase = 'plan' | 'aerial' | 'none'
export const PRINT_BASES: readonly PrintBase[] = ['plan', 'aerial', 'none']
const STORAGE_KEY = 'regie.printBase'

function remembered(): PrintBase {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    return PRINT_BASES.includes(saved as PrintBase) ? (saved as PrintBase) : 'plan'
  } catch {
    return 'plan'
  }
}

/** What printed maps are drawn on, on this device: the street map unless chosen otherwise (it names the streets). */
export const printBase = ref<PrintBase>(remembered())

export function choosePrintBase(base: PrintBase): void {
  printBase.value = base
  try {
    localStorage.setItem(STORAGE_KEY, base)
  } catch {
    // Not remembered: this visit only.
  }
}

/** The deployment's first source of the kind chosen for paper. */
export const printSource = computed((): TileSource | null =>
  printBase.value === 'none' ? null : (mapConfig.value?.sources.find((source) => source.kind === printBase.value) ?? null))

export interface PrintedMapState {
  /** The composed image, or null (no base chosen, still composing, or nothing could be had). */
  map: ComposedMap | null
  composing: boolean
}

/** `frame`: the ground the drawing shows and its scale; null while there is nothing to draw. */
export function usePrintedMap(frame: () => { ground: GroundFrame; denominator: number } | null) {
  const readiness = usePrintReadiness()
  const state = shallowRef<PrintedMapState>({ map: null, composing: false })
  let asked = 0
  const release = () => {
    if (state.value.map?.url) URL.revokeObjectURL(state.value.map.url)
  }

  async function compose(input: { ground: GroundFrame; denominator: number } | null, source: TileSource | null) {
    const mine = ++asked
    release()
    if (!input || printBase.value === 'none') {
      state.value = { map: null, composing: false }
      return
    }
    state.value = { map: null, composing: true }
    const work = (async () => {
      const chosen = source ?? (await loadMapConfig()).sources.find((candidate) => candidate.kind === printBase.value) ?? null
      return chosen ? composeMap(chosen, input.ground, input.denominator) : null
    })()
    readiness?.track(work)
    const map = await work
    if (mine !== asked) {
      if (map?.url) URL.revokeObjectURL(map.url)
      return
    }
    state.value = { map, composing: false }
  }

  watch([() => JSON.stringify(frame()), printSource], () => void compose(frame(), printSource.value), { immediate: true })
  onScopeDispose(release)
  return { state, source: printSource }
}
