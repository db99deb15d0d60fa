/** How a referenced record is named in selects and details: a shoot day by number and date, others by name. */
import type { BaseRecord, EntityName } from '../../../core/model'

export function refLabel(entity: EntityName, record: BaseRecord | undefined): string {
  if (!record) return '—'
  if (entity === 'shootDay') return `J${record.number} · ${record.date}`
  return String(record.name ?? record.title ?? record.id)
}
