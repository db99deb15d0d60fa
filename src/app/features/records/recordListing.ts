/**
 * Search, filter and sort of a list, as pure functions over records already in memory. The search text of a
 * record is computed once per record object and cached, so typing in the search box over 20,000 items only
 * scans strings.
 */
import type { BaseRecord } from '../../../core/model'
import { searchable, type EntityView, type RefLookup } from './entityView'

export interface ListQuery {
  text: string
  filters: Record<string, string>
  sort: string
}

const searchCache = new WeakMap<object, string>()

function searchTextOf(record: BaseRecord, view: EntityView, refs: RefLookup): string {
  let text = searchCache.get(record)
  if (text === undefined) {
    text = view.searchText(record, refs)
    searchCache.set(record, text)
  }
  return text
}

/** A sorted copy; the list sorts once per data or sort change, then filters the sorted copy as the user types. */
export function sortRecords<T extends BaseRecord>(records: readonly T[], view: EntityView, sort: string, refs: RefLookup): T[] {
  const spec = view.sorts.find((candidate) => candidate.key === sort) ?? view.sorts[0]
  const sorted = [...records]
  if (spec) sorted.sort((a, b) => spec.compare(a, b, refs))
  return sorted
}

/** The records matching every active filter and every word of the search, in their given order. */
export function filterRecords<T extends BaseRecord>(records: readonly T[], view: EntityView, query: Omit<ListQuery, 'sort'>, refs: RefLookup): T[] {
  const words = searchable(query.text).split(/\s+/).filter(Boolean)
  const activeFilters = Object.entries(query.filters).filter(([, value]) => value !== '')
  if (words.length === 0 && activeFilters.length === 0) return records as T[]
  return records.filter((record) => {
    for (const [key, value] of activeFilters) {
      if (String(record[key] ?? '') !== value) return false
    }
    if (words.length === 0) return true
    const text = searchTextOf(record, view, refs)
    return words.every((word) => text.includes(word))
  })
}

export function listRecords<T extends BaseRecord>(records: readonly T[], view: EntityView, query: ListQuery, refs: RefLookup): T[] {
  return filterRecords(sortRecords(records, view, query.sort, refs), view, query, refs)
}
