/** Tells the user when the device database cannot be opened or is blocked by an older tab. */
import { onDatabaseTrouble } from '../db/db'
import { useNoticeStore } from '../ui/noticeStore'

export function watchDatabaseHealth() {
  const notices = useNoticeStore()
  onDatabaseTrouble((kind) => notices.error(`errors.storage.${kind}`))
}
