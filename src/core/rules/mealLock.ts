/**
 * When a meal order is locked: after its cut-off (a local date and time in France) or by hand, until someone
 * unlocks it explicitly, with their name and a reason that stay on the record. The order (expected covers
 * and diets) cannot change while locked; what was served is counted on set whatever the lock.
 *
 * The same rule runs in the app (refuse before saving) and on the server (refuse a change made, by its
 * clock, while the order was locked), so a phone that was offline past the cut-off cannot slip one in.
 */
import type { MealService, MealUnlock } from '../model/meal'
import { addCalendarDays } from './workingDays'

export const FRANCE_TIME_ZONE = 'Europe/Paris'

/** The fields that make the order sent to the caterer. */
export const MEAL_ORDER_FIELDS = ['expected', 'vegetarian', 'vegan', 'glutenFree', 'allergies', 'allergyNote', 'service', 'shootDayId'] as const

/**
 * Usual cut-offs: breakfast is ordered the evening before, the other services on the morning or afternoon
 * of the day. A production changes them per meal.
 */
export const DEFAULT_CUTOFFS: Record<MealService, { daysBefore: number; time: string }> = {
  breakfast: { daysBefore: 1, time: '19:00' },
  lunch: { daysBefore: 0, time: '10:30' },
  dinner: { daysBefore: 0, time: '16:00' },
  snack: { daysBefore: 0, time: '15:00' },
}

export function defaultCutoff(service: MealService, shootDate: string): string {
  const { daysBefore, time } = DEFAULT_CUTOFFS[service]
  return `${addCalendarDays(shootDate, -daysBefore)}T${time}`
}

/** Offset of a time zone from UTC at an instant, in minutes (Paris: 60 in winter, 120 in summer). */
function zoneOffsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(instant)
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'))
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000)
}

/**
 * The instant of a local 'YYYY-MM-DDTHH:MM' in a time zone. In the hour skipped in spring it is read with the
 * winter offset (02:30 → 03:30 summer time); in the hour repeated in autumn, the first of the two.
 */
export function localToInstant(local: string, timeZone = FRANCE_TIME_ZONE): number {
  const [date, time] = local.split('T') as [string, string]
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const [hour, minute] = time.split(':').map(Number) as [number, number]
  const asUtc = Date.UTC(year, month - 1, day, hour, minute)
  const before = asUtc - zoneOffsetMinutes(asUtc - 3 * 3_600_000, timeZone) * 60_000
  const after = asUtc - zoneOffsetMinutes(asUtc + 3 * 3_600_000, timeZone) * 60_000
  // Take the earlier reading that maps back to the asked local time; in a gap neither does: use the earlier offset.
  for (const candidate of [Math.min(before, after), Math.max(before, after)]) {
    if (candidate + zoneOffsetMinutes(candidate, timeZone) * 60_000 === asUtc) return candidate
  }
  return before
}

export type MealLockState =
  | { locked: false; unlockedBy?: MealUnlock }
  | { locked: true; since: 'cutoff' | 'manual'; at: number | null }

interface LockFields {
  cutoffAt?: string
  locked?: boolean
  unlocks?: readonly MealUnlock[]
}

/** Whether the order is locked at `now` (ms). An unlock made after the cut-off opens it for good (until locked by hand). */
export function mealLockState(meal: LockFields, now: number): MealLockState {
  if (meal.locked) return { locked: true, since: 'manual', at: null }
  const unlocks = meal.unlocks ?? []
  const lastUnlock = unlocks.length ? unlocks.reduce((a, b) => (a.at >= b.at ? a : b)) : undefined
  const cutoff = meal.cutoffAt ? localToInstant(meal.cutoffAt) : null
  if (cutoff === null || now < cutoff) return lastUnlock ? { locked: false, unlockedBy: lastUnlock } : { locked: false }
  if (lastUnlock && Date.parse(lastUnlock.at) >= cutoff) return { locked: false, unlockedBy: lastUnlock }
  return { locked: true, since: 'cutoff', at: cutoff }
}

/** The order fields a change touches with a different value. */
export function orderFieldsChanged(before: Partial<Record<string, unknown>>, fields: Record<string, unknown>): string[] {
  return MEAL_ORDER_FIELDS.filter((field) => field in fields && JSON.stringify(fields[field]) !== JSON.stringify(before[field]))
}

/**
 * Refuses a change of the order while locked (the change's time is `at`, ms). Unlocking and locking are part
 * of the same change as the fields they open: a patch that adds an unlock and edits the order is allowed.
 */
export function mealChangeRefused(before: Record<string, unknown>, fields: Record<string, unknown>, at: number): boolean {
  if (orderFieldsChanged(before, fields).length === 0) return false
  const was = before as LockFields
  const after = { ...before, ...fields } as LockFields
  if ('locked' in fields && fields.locked === false && was.locked) {
    // Taking off a manual lock needs an unlock entry too, or the order reopens without a trace.
    const added = (after.unlocks ?? []).length > (was.unlocks ?? []).length
    if (!added) return true
  }
  return mealLockState(after, at).locked
}
