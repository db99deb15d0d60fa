/**
 * Saving a few fields of one record as the user changes them (a quantity back, a room, a meter reading):
 * each change goes through the entity's repository (validated by the shared schema, then one patch with its
 * outbox entry). Refused values come back as `{field path: message key}` for the page to show next to the
 * input, which keeps what was typed; a failed write (full phone, blocked database) is announced.
 */
import { ref } from 'vue'
import type { BaseRecord, FieldErrors } from '../../../core/model'
import type { Repository } from '../../db/repository'
import { saveFailureMessage } from '../../db/writeErrors'
import { useNoticeStore } from '../../ui/noticeStore'

/** `key`: the record saved, by production and id (read when saving: the record shown may change). */
export function useFieldSave<T extends BaseRecord>(repository: Repository<T>, key: () => { productionId: string; id: string }) {
  const notices = useNoticeStore()
  const errors = ref<FieldErrors>({})

  /** Whether the fields were saved. Errors of other fields stay until those fields are saved again. */
  async function save(fields: Record<string, unknown>): Promise<boolean> {
    const keys = Object.keys(fields)
    const others = Object.fromEntries(
      Object.entries(errors.value).filter(([path]) => !keys.some((key) => path === key || path.startsWith(`${key}.`))),
    )
    try {
      const { productionId, id } = key()
      const result = await repository.update(productionId, id, fields)
      errors.value = result.ok ? others : { ...others, ...result.errors }
      return result.ok
    } catch (error) {
      notices.error(saveFailureMessage(error))
      return false
    }
  }

  return { errors, save }
}
