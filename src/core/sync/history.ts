/**
 * The history of one record as the server answers GET /api/v1/productions/:pid/history/:entity/:id: every change
 * the mutation log holds for it, newest first. A value that lost to a later clock (per-field last-writer-wins) or
 * was replaced since is listed in `overwritten`: the history is where a losing edit stays visible.
 */
import type { MutationOp } from './mutationNames'

/** Most entries one answer lists (the newest). */
export const HISTORY_LIMIT = 200

export interface HistoryEntry {
  /** When the change was made: the time of the clock it merged with (ISO). */
  at: string
  /** Display name of the member whose device sent it; null when unknown. */
  author: string | null
  op: MutationOp
  /**
   * What it wrote: a patch's fields, a created record's filled fields (without ids and timestamps), a permit
   * transition's `status`, a meal adjustment's `served: {group: delta}`, a move's position (without its kerb's id); empty
   * for a delete.
   */
  fields: Record<string, unknown>
  /** Fields of `fields` whose value no longer stands: a later clock wrote them (or an earlier one had already). */
  overwritten: string[]
  status: 'applied' | 'unchanged' | 'rejected'
  /** Why the server refused it (the reasons of push rejections). */
  reason?: string
}

export interface HistoryResponse {
  entries: HistoryEntry[]
  /** True when older entries exist beyond HISTORY_LIMIT. */
  truncated: boolean
}
