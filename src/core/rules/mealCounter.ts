/**
 * The on-set meal counter (DESIGN.md section 3, `meal.adjust`): a served count is the sum of the deltas every
 * device sent, so two people counting at two tables ("+3 extras" each) add up to +6 instead of one
 * overwriting the other.
 *
 * Clamping: a count never goes below zero nor above the schema's maximum. Clamping after each step is
 * order-dependent (from 0, "-1 then +1" gives 1, "+1 then -1" gives 0), so mergeMealAdjusts sums all the
 * deltas first and clamps once: the same adjusts in any order give the same counts, clamped or not, and
 * the same counts as applying them one by one whenever no step of that would clamp.
 * To apply adjusts as they arrive and stay order-independent, keep the unclamped `raw` counts and merge the
 * next adjusts into them (`mergeMealAdjusts(previous.raw, next)`): the clamped `served` is derived each time.
 */
import { MEAL_GROUPS, type MealGroup } from '../model/options'

/** The largest count a group may hold: the `count()` maximum the meal schema validates against. */
export const MAX_GROUP_COVERS = 10_000

type GroupCounts = Partial<Record<MealGroup, number>>

/** One counting gesture on one device: covers added to (or, negative, taken from) one group (wire check: AdjustArgsSchema). */
export interface MealAdjust {
  group: MealGroup
  delta: number
}

export interface AdjustResult<T extends GroupCounts> {
  served: T
  /** The part of the delta that was applied. */
  applied: number
  /** The part that was not, with the delta's sign: -3 when "-5" met a count of 2. Zero when nothing was clamped. */
  clamped: number
}

export interface MergeResult<T extends GroupCounts> {
  /** Counts to show and store: each between 0 and MAX_GROUP_COVERS. */
  served: T
  /** Base plus every delta, unclamped, for each meal group in base or touched: what to merge later adjusts into. */
  raw: GroupCounts
  /** Raw minus served, for each group that was clamped: negative below zero, positive above the maximum. */
  clamped: GroupCounts
}

const clampCount = (value: number) => Math.min(MAX_GROUP_COVERS, Math.max(0, value))
const current = (counts: GroupCounts, group: MealGroup) => {
  const value = counts[group]
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

function checkDelta({ group, delta }: MealAdjust): void {
  if (!Number.isInteger(delta)) throw new RangeError(`meal adjust for ${group}: delta must be an integer, got ${delta}`)
}

/** One gesture on one device's counts; other groups, known or not, are kept as they are. */
export function applyMealAdjust<T extends GroupCounts>(served: T, adjust: MealAdjust): AdjustResult<T> {
  checkDelta(adjust)
  const before = current(served, adjust.group)
  const after = clampCount(before + adjust.delta)
  const applied = after - before
  return { served: { ...served, [adjust.group]: after }, applied, clamped: adjust.delta - applied }
}

/** The counts after every adjust, in any order: base plus the sum of the deltas per group, clamped once. */
export function mergeMealAdjusts<T extends GroupCounts>(base: T, adjusts: readonly MealAdjust[]): MergeResult<T> {
  const raw: GroupCounts = {}
  for (const group of MEAL_GROUPS) if (typeof base[group] === 'number') raw[group] = current(base, group)
  for (const adjust of adjusts) {
    checkDelta(adjust)
    raw[adjust.group] = (raw[adjust.group] ?? 0) + adjust.delta
  }
  const served: GroupCounts = { ...base }
  const clamped: GroupCounts = {}
  for (const [group, total] of Object.entries(raw) as [MealGroup, number][]) {
    served[group] = clampCount(total)
    if (total !== served[group]) clamped[group] = total - served[group]
  }
  return { served: served as T, raw, clamped }
}
