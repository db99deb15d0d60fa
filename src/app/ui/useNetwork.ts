/** Online / offline as the browser reports it. Only a hint: the sync loop proves connectivity by trying. */
import { onScopeDispose, readonly, ref } from 'vue'

export function useNetwork() {
  const isSupported = typeof navigator !== 'undefined' && 'onLine' in navigator
  const online = ref(isSupported ? navigator.onLine : true)
  const update = () => (online.value = navigator.onLine)
  window.addEventListener('online', update)
  window.addEventListener('offline', update)
  onScopeDispose(() => {
    window.removeEventListener('online', update)
    window.removeEventListener('offline', update)
  })
  return { isSupported, online: readonly(online) }
}
