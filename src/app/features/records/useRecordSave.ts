/**
 * Saving a form through a repository: field errors come back for the form to show; a failed write (full
 * device, blocked database) is announced and the form keeps what the user typed. An edit sends only the
 * fields the user changed since the form opened, so a teammate's edit of another field that arrived
 * meanwhile (by sync) is not reverted to what the form had loaded.
 */
import { ref } from 'vue'
import type { BaseRecord, EntityName, FieldErrors } from '../../../core/model'
import { changedLines, lineListsOf } from '../../../core/model/lines'
import { newId } from '../../../core/sync/ids'
import { changedFields, type Repository } from '../../db/repository'
import { saveFailureMessage } from '../../db/writeErrors'
import { useNoticeStore } from '../../ui/noticeStore'
import type { CrossCheck } from './entityView'
import { repositoryFor } from './repositories'

export function useRecordSave<T extends BaseRecord>(options: {
  repository: Repository<T>
  productionId: string
  id?: string
  recordId?: (values: Record<string, unknown>) => string | undefined
  /** The values the form opened with (an edit sends only what differs from them). */
  initial?: () => Record<string, unknown> | null
  /** Checks against other records (a placement's décor must be one its day shoots) before anything is written. */
  check?: CrossCheck
  onSaved: (record: T) => unknown
}) {
  const notices = useNoticeStore()
  const errors = ref<FieldErrors>({})
  const saving = ref(false)

  async function save(values: Record<string, unknown>) {
    const { repository, productionId, id, recordId, initial, check, onSaved } = options
    saving.value = true
    try {
      const refused = await check?.(values, (entity, refId) => repositoryFor(entity).get(productionId, refId))
      if (refused && Object.keys(refused).length > 0) {
        errors.value = refused
        return
      }
      const opened = initial?.()
      const result = id
        ? await repository.update(productionId, id, opened ? editedFields(repository.entity, opened, values) : values)
        : await repository.create(productionId, values, recordId?.(values))
      if (!result.ok) {
        errors.value = result.errors
        return
      }
      errors.value = {}
      notices.success(id ? 'form.updated' : 'form.created')
      await onSaved(result.record)
    } catch (error) {
      notices.error(saveFailureMessage(error))
    } finally {
      saving.value = false
    }
  }

  return { errors, saving, save }
}

/**
 * What the user changed in a form opened on `opened`: the fields that differ, and for a list kept line by line the
 * lines they changed, added or removed (a line a teammate added or ticked since the form opened stays theirs).
 */
function editedFields(entity: EntityName, opened: Record<string, unknown>, values: Record<string, unknown>): Record<string, unknown> {
  const fields = changedFields(opened, values)
  for (const field of lineListsOf(entity)) if (field in fields) fields[field] = changedLines(opened[field], values[field], newId)
  return fields
}
