/**
 * Lists kept line by line (a permit's documents checklist): in sync each line is its own value, so two phones
 * ticking two different lines offline both count, and a line stays the later writer's whole. Every line has an
 * `id`; a removed line stays in the list as `{...line, removed: true}`, so that its removal travels like any other
 * change (a line missing from a phone's list may only be one it has not seen yet). So a patch of such a field
 * holds the lines to write, never the whole list: lines it does not name stay as they are.
 */

import { impliedPermitDocuments } from './permitDocuments'

export interface Line {
  id?: string
  kind?: string
  removed?: boolean
}

/**
 * The fields of each entity kept line by line, each with the lines a record without a list stands for (a permit
 * made before its checklist existed): every phone and the server start from those, not from nothing.
 */
const LINE_LISTS: Readonly<Record<string, Readonly<Record<string, (record: Record<string, unknown>) => Line[]>>>> = {
  permit: { documents: impliedPermitDocuments },
}

export const lineListsOf = (entity: string): readonly string[] => Object.keys(LINE_LISTS[entity] ?? {})

const asLines = (value: unknown): Line[] => (Array.isArray(value) ? value.filter((line): line is Line => !!line && typeof line === 'object') : [])

/** The lines a record holds in a list kept line by line: its own, or when it has none, those it stands for. */
export function linesOf(entity: string, record: Record<string, unknown>, field: string): Line[] {
  const lines = asLines(record[field])
  return lines.length > 0 ? lines : (LINE_LISTS[entity]?.[field]?.(record) ?? [])
}

/**
 * Gives an id to each line without one (lines written before lines had ids): its kind when no other line holds
 * it, else its kind and place. Only the list decides, so every phone and the server give the same ids.
 */
export function withLineIds<T extends Line>(lines: readonly T[]): (T & { id: string })[] {
  const taken = new Set(lines.map((line) => line.id).filter((id): id is string => !!id))
  return lines.map((line, index) => {
    if (line.id) return line as T & { id: string }
    let id = line.kind && line.kind !== 'other' && !taken.has(line.kind) ? line.kind : `${line.kind || 'line'}-${index + 1}`
    // A line written with an id of that very form keeps it: this one takes the next free one.
    while (taken.has(id)) id = `${id}-b`
    taken.add(id)
    return { ...line, id }
  })
}

/** The lines still in the list. */
export const liveLines = <T extends Line>(lines: readonly T[]): T[] => lines.filter((line) => !line.removed)

const sorted = (line: object) => JSON.stringify(Object.entries(line).filter(([, value]) => value !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)))
const sameLine = (a: object, b: object) => sorted(a) === sorted(b)

/**
 * What a phone's new list (`after`, every line it shows) changes in `before`, line by line: the lines added or
 * changed, and the lines it no longer has, as removed. Lines it left as they were are not in it.
 */
export function changedLines(before: unknown, after: unknown, newId: () => string): (Line & { id: string })[] {
  const old = new Map(withLineIds(asLines(before)).map((line) => [line.id, line]))
  const written = withLineIds(asLines(after))
  const kept = new Set<string>()
  const changes: (Line & { id: string })[] = []
  for (const line of written) {
    // Two lines with one id (a line copied): the second is a new line.
    const id = kept.has(line.id) ? newId() : line.id
    kept.add(id)
    const previous = old.get(id)
    const current = { ...line, id }
    if (!previous || !sameLine(previous, current)) changes.push(current)
  }
  for (const [id, line] of old) if (!kept.has(id) && !line.removed) changes.push({ ...line, removed: true })
  return changes
}

/**
 * `written` (lines changed, by id) put into `stored`: a written line replaces the stored one with its id when
 * `wins(id)` says so, a new one is added at the end, and stored lines it does not name stay as they are.
 */
export function mergeLines(stored: unknown, written: unknown, wins: (id: string) => boolean = () => true): (Line & { id: string })[] {
  const merged = withLineIds(asLines(stored))
  const index = new Map(merged.map((line, at) => [line.id, at]))
  for (const line of withLineIds(asLines(written))) {
    const at = index.get(line.id)
    if (at === undefined) {
      if (!wins(line.id)) continue
      index.set(line.id, merged.length)
      merged.push(line)
    } else if (wins(line.id)) merged[at] = line
  }
  return merged
}

/** A record with `fields` written on top, the line lists merged line by line (the fields hold only changed lines). */
export function patchedRecord<T extends Record<string, unknown>>(entity: string, record: T, fields: Record<string, unknown>): T {
  const patched: Record<string, unknown> = { ...record, ...fields }
  for (const field of lineListsOf(entity)) if (field in fields) patched[field] = mergeLines(linesOf(entity, record, field), fields[field])
  return patched as T
}
