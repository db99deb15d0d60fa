/**
 * Saving a form through a repository: field errors come back for the form to show; a failed write (full
 * device, blocked database) is announced and the form keeps what the user typed.
 */
import { ref } from 'vue'
import type { BaseRecord, FieldErrors } from '../../../core/model'
import type { Repository } from '../../db/repository'
import { StorageFailure } from '../../db/storageErrors'
import { useNoticeStore } from '../../ui/noticeStore'

export function useRecordSave<T extends BaseRecord>(options: { repository: Repository<T>; productionId: string; id?: string; onSaved: (record: T) => unknown }) {
  const notices = useNoticeStore()
  const errors = ref<FieldErrors>({})
  const saving = ref(false)

  async function save(values: Record<string, unknown>) {
    const { repository, productionId, id, onSaved } = options
    saving.value = true
    try {
      const result = id ? await repository.update(id, values) : await repository.create(productionId, values)
      if (!result.ok) {
        errors.value = result.errors
        return
      }
      errors.value = {}
      notices.success(id ? 'form.updated' : 'form.created')
      await onSaved(result.record)
    } catch (error) {
      notices.error(error instanceof StorageFailure ? `errors.storage.${error.kind}` : 'errors.saveFailed')
    } finally {
      saving.value = false
    }
  }

  return { errors, saving, save }
}
