/**
 * "Where am I": one position fix on demand (no tracking, which drains a phone's battery), with the reason when
 * there is none: refused by the user, unavailable (no GPS fix, in a cellar), too slow, or no geolocation here
 * (a browser without it, or the app reached over plain http on a LAN address, which is not a secure context).
 */
import { readonly, ref } from 'vue'
import type { HerePosition } from './MapHereLayer'

export type GeolocationFailure = 'denied' | 'unavailable' | 'timeout' | 'unsupported'

export function useGeolocation(options: { timeoutMs?: number } = {}) {
  const isSupported = typeof navigator !== 'undefined' && 'geolocation' in navigator && window.isSecureContext !== false
  const position = ref<HerePosition | null>(null)
  const failure = ref<GeolocationFailure | null>(null)
  const locating = ref(false)

  function locate(): Promise<HerePosition | null> {
    failure.value = null
    if (!isSupported) {
      failure.value = 'unsupported'
      return Promise.resolve(null)
    }
    locating.value = true
    return new Promise((resolve) => {
      navigator.geolocation.getCurrentPosition(
        ({ coords }) => {
          locating.value = false
          position.value = { lat: coords.latitude, lng: coords.longitude, accuracy: coords.accuracy }
          resolve(position.value)
        },
        (error) => {
          locating.value = false
          failure.value = error.code === error.PERMISSION_DENIED ? 'denied' : error.code === error.TIMEOUT ? 'timeout' : 'unavailable'
          resolve(null)
        },
        { enableHighAccuracy: true, timeout: options.timeoutMs ?? 15_000, maximumAge: 30_000 },
      )
    })
  }

  return { isSupported, position: readonly(position), failure: readonly(failure), locating: readonly(locating), locate }
}
