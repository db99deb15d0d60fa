/**
 * A write started by a tap: `busy` while it runs (the button is disabled meanwhile), and a failure told as a notice
 * in the user's language (the production is read-only, the phone is full...) instead of failing silently.
 * `messageOf`: the message key of a failure (a server request's refusal, for team actions).
 */
import { ref } from 'vue'
import { saveFailureMessage } from '../db/writeErrors'
import { useNoticeStore } from './noticeStore'

export function useGuardedWrite(messageOf: (error: unknown) => string = saveFailureMessage) {
  const notices = useNoticeStore()
  const busy = ref(false)
  /** Runs `write`; its result, or undefined once the failure is announced. */
  async function guarded<T>(write: () => Promise<T>): Promise<T | undefined> {
    busy.value = true
    try {
      return await write()
    } catch (error) {
      notices.error(messageOf(error))
      return undefined
    } finally {
      busy.value = false
    }
  }
  return { busy, guarded }
}
