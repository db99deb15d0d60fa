/**
 * Address autocompletion and the address proposed for a point, on the configured geocoder (geocoder.ts).
 *
 * Kind to the service (50 requests a second per address, 429 beyond): a search starts once typing pauses (debounced),
 * at least 3 characters, one request at a time (a newer one cancels the one in flight), and after a 429 none before
 * the `retry-after` it gave. Offline, the field says so and searches again by itself when the network returns.
 */
import { onScopeDispose, readonly, ref, shallowRef } from 'vue'
import { reverseGeocode, searchAddresses, type GeocodingFailure, type GeocodingOutcome } from './geocoder'
import type { AddressResult } from './geocodingAnswer'
import { loadMapConfig } from './mapConfig'

export type AddressSearchStatus = 'idle' | 'searching' | 'done' | GeocodingFailure

/** What choosing an address (or the phone's position) writes into a form: only the fields it knows. */
export interface AddressFill {
  address?: string
  postcode?: string
  city?: string
  lat?: number
  lng?: number
}

export const SEARCH_DEBOUNCE_MS = 350
export const SEARCH_MIN_LENGTH = 3

interface Asking {
  debounceMs?: number
  /** Injected by tests. */
  ask?: (query: string, signal: AbortSignal) => Promise<GeocodingOutcome>
}

const askGeocoder = async (query: string, signal: AbortSignal) => searchAddresses((await loadMapConfig()).geocoder, query, { signal })

export function useAddressSearch({ debounceMs = SEARCH_DEBOUNCE_MS, ask = askGeocoder }: Asking = {}) {
  const results = shallowRef<AddressResult[]>([])
  const status = ref<AddressSearchStatus>('idle')
  const retryAfterS = ref(0)
  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight: AbortController | null = null
  let quietUntil = 0
  let last = ''

  function stop() {
    clearTimeout(timer)
    inFlight?.abort()
    inFlight = null
  }

  async function run(query: string) {
    inFlight?.abort()
    const controller = (inFlight = new AbortController())
    status.value = 'searching'
    let outcome: GeocodingOutcome
    try {
      outcome = await ask(query, controller.signal)
    } catch {
      return // cancelled by a newer search
    }
    if (controller !== inFlight) return
    inFlight = null
    if (outcome.ok) {
      results.value = outcome.results
      status.value = 'done'
      return
    }
    results.value = []
    status.value = outcome.reason
    retryAfterS.value = outcome.retryAfterS ?? 0
    if (outcome.reason === 'busy') quietUntil = Date.now() + retryAfterS.value * 1000
  }

  /** The text as typed: searched once typing pauses. */
  function type(text: string) {
    clearTimeout(timer)
    last = text.trim()
    if (last.length < SEARCH_MIN_LENGTH) {
      stop()
      results.value = []
      status.value = 'idle'
      return
    }
    timer = setTimeout(() => void run(last), Math.max(debounceMs, quietUntil - Date.now()))
  }

  function clear() {
    stop()
    results.value = []
    status.value = 'idle'
  }

  const retryWhenOnline = () => {
    if (status.value === 'offline' && last.length >= SEARCH_MIN_LENGTH) type(last)
  }
  window.addEventListener('online', retryWhenOnline)
  onScopeDispose(() => {
    stop()
    window.removeEventListener('online', retryWhenOnline)
  })

  return { results: readonly(results), status: readonly(status), retryAfterS: readonly(retryAfterS), type, clear }
}

/** The address nearest a point (the phone's position, a photo's), proposed to the user, who may take it or not. */
export function useAddressProposal(ask = async (point: { lat: number; lng: number }) => reverseGeocode((await loadMapConfig()).geocoder, point)) {
  const proposal = shallowRef<AddressResult | null>(null)
  const status = ref<AddressSearchStatus>('idle')

  async function propose(point: { lat: number; lng: number }) {
    proposal.value = null
    status.value = 'searching'
    const outcome = await ask(point)
    if (!outcome.ok) {
      status.value = outcome.reason
      return
    }
    proposal.value = outcome.results.find((result) => result.inFrance) ?? outcome.results[0] ?? null
    status.value = 'done'
  }

  function dismiss() {
    proposal.value = null
    status.value = 'idle'
  }

  return { proposal: readonly(proposal), status: readonly(status), propose, dismiss }
}
