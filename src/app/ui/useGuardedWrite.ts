/**
 * A write started by a tap: `busy` while it runs (the button is disabled meanwhile), and a failure told as a notice
 * in the user's language (the production is read-only, the phone is full...) instead of failing silently.
 */
import { ref } from 'vue'
import { saveFailureMessage } from '../db/writeErrors'
import { useNoticeStore } from './noticeStore'

export function useGuardedWrite() {
  const notices = useNoticeStore()
  const busy = ref(false)
  /** Runs `write`; its result, or undefined once the failure is announced. */
  async function guarded<T>(write: () => Promise<T>): Promise<T | undefined> {
    busy.value = true
    try {
      return await write()
    } catch (error) {
      notices.error(saveFailureMessage(error))
      return undefined
    } finally {
      busy.value = false
    }
  }
  return { busy, guarded }
}
