/**
 * How an entity is shown: form sections and field kinds, list search / filters / sorts, and how a record is
 * titled. One description per entity drives its list, detail and form views, so the five stores behave the
 * same way (validation, search, phone layout) without five copies of each screen.
 */
import type { BaseRecord, EntityName, FieldErrors } from '../../../core/model'

/**
 * `address`: a postal address typed with the geocoder's suggestions; picking one (or "Utiliser ma position") also fills
 * the record's `postcode`, `city`, `lat` and `lng` fields.
 */
export type FieldKind =
  | 'text' | 'textarea' | 'number' | 'integer' | 'select' | 'date' | 'time' | 'datetime' | 'checkbox' | 'email' | 'tel'
  | 'stringList' | 'ref' | 'refList' | 'objectList' | 'groupCounts' | 'address'

export interface FieldSpec {
  key: string
  kind: FieldKind
  /** select: the allowed values; their labels are `options.<optionsKey>.<value>` in the locale files. */
  options?: readonly string[]
  optionsKey?: string
  /** ref / refList: the entity referred to. */
  ref?: EntityName
  /** objectList: the fields of one row; groupCounts: the group keys. */
  fields?: FieldSpec[]
  required?: boolean
  step?: number
}

export interface SectionSpec {
  key: string
  fields: FieldSpec[]
}

/** Other records a view needs to name references (the vehicle of a placement, the day of a meal). */
export type RefLookup = (entity: EntityName, id: string | undefined) => BaseRecord | undefined

export interface FilterSpec {
  key: string
  options: readonly string[]
  optionsKey?: string
  /** Filter on a reference (values are ids of `ref` records) instead of a fixed option list. */
  ref?: EntityName
}

export interface SortSpec<T extends BaseRecord = BaseRecord> {
  key: string
  compare: (a: T, b: T, refs: RefLookup) => number
}

export interface Badge {
  label: string
  tone: 'neutral' | 'info' | 'success' | 'warning' | 'danger'
}

export interface EntityView<T extends BaseRecord = BaseRecord> {
  entity: EntityName
  /** URL segment: /p/:pid/<route>. */
  route: string
  /** Bottom navigation tab the view belongs to. */
  tab: TabKey
  sections: SectionSpec[]
  defaults: (context: { productionId: string }) => Record<string, unknown>
  title: (record: T, refs: RefLookup) => string
  subtitle?: (record: T, refs: RefLookup, t: Translate) => string
  badge?: (record: T, t: Translate) => Badge | undefined
  searchText: (record: T, refs: RefLookup) => string
  filters: FilterSpec[]
  sorts: SortSpec<T>[]
  /** An id derived from the new record's content (one meal per day and service), instead of a random one. */
  recordId?: (values: Record<string, unknown>) => string | undefined
  /** The detail page shows the record's photos, with the camera and the gallery. */
  photos?: boolean
  /** Entities whose records the list and detail need to name references. */
  refEntities?: EntityName[]
  /** Pages beyond the generic detail a record leads to (a rental house's return, a report's rooms), shown as links. */
  actions?: RecordAction<T>[]
  /** Rules the schema cannot check alone because they read other records; run by the form before saving. */
  crossCheck?: CrossCheck
  /**
   * Fields the form fills in from one the user just changed from `before` (a vehicle's size from its kind). The form
   * never overwrites a field the user typed in it.
   */
  follow?: (changed: string, before: unknown, values: Record<string, unknown>) => Record<string, unknown> | null
}

/** Reads a record another one refers to (undefined when missing or deleted). */
export type RecordReader = (entity: EntityName, id: string) => Promise<BaseRecord | undefined>

/** The form's values checked against other records: `{field: messageKey}` refuses the save, null lets it through. */
export type CrossCheck = (values: Record<string, unknown>, read: RecordReader) => Promise<FieldErrors | null>

export interface RecordAction<T extends BaseRecord = BaseRecord> {
  /** Label: `views.<route>.actions.<key>`. */
  key: string
  /** Where it leads, under the production: `/p/:pid/<path>`. */
  path: (record: T) => string
}

export type Translate = (key: string, named?: Record<string, unknown>) => string

export type TabKey = 'locations' | 'vehicles' | 'permits' | 'meals' | 'returns' | 'days'

/**
 * Sorts by a text, the French way (case and accents ignored, "Décor 2" before "Décor 10"). The sort key is
 * built once per record, then compared as a plain string: sorting 20,000 items with a collator is too slow.
 */
export const byText = <T extends BaseRecord>(pick: (record: T, refs: RefLookup) => string) => {
  // Keys depend on the referenced records too (a placement sorts by its day's date): one cache per lookup.
  const keysByRefs = new WeakMap<RefLookup, WeakMap<T, string>>()
  const keyOf = (record: T, refs: RefLookup) => {
    let keys = keysByRefs.get(refs)
    if (!keys) keysByRefs.set(refs, (keys = new WeakMap()))
    let key = keys.get(record)
    if (key === undefined) {
      key = sortKey(pick(record, refs))
      keys.set(record, key)
    }
    return key
  }
  return (a: T, b: T, refs: RefLookup) => {
    const ka = keyOf(a, refs)
    const kb = keyOf(b, refs)
    return ka < kb ? -1 : ka > kb ? 1 : 0
  }
}

export function sortKey(text: string): string {
  return searchable(text).replace(/\d+/g, (digits) => digits.padStart(12, '0'))
}

export const byNewest = <T extends BaseRecord>(a: T, b: T) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0)

/** Lower-case, accent-free text, so "eglise" finds "Église". */
export function searchable(...parts: unknown[]): string {
  return parts
    .filter((part) => part !== undefined && part !== null && part !== '')
    .join(' ')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
}
