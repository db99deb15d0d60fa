/**
 * When a permit request must be sent, and how pressing that is. Lead times are the authority's editable
 * defaults (Paris: 15 working days; SNCF: 15 calendar days); dates are calendar days 'yyyy-mm-dd'.
 */
import type { Authority, PermitStatus } from '../model/permit'
import type { HolidayOptions } from './frenchHolidays'
import { addCalendarDays, addWorkingDays, type IsoDate, workingDaysBetween } from './workingDays'

export type PermitLeadTime = Pick<Authority, 'leadTime' | 'leadTimeUnit'>

/**
 * The last day the request may be sent.
 * Working days: count back from the day before the first shoot day; the deadline is the `leadTime`-th working day
 * met. The deadline counts, the shoot day does not: from the deadline (included) to the shoot (excluded) there are
 * exactly `leadTime` working days, and the deadline is itself a working day, when offices can receive it.
 * Paris, 15 working days, shoot Monday 2025-05-12: Wednesday 2025-04-16 (Easter Monday, 1 and 8 May skipped).
 * Calendar days: `leadTime` days earlier, whatever the weekday. A lead time of 0 gives the shoot day itself.
 */
export function permitSendDeadline(firstShootDate: IsoDate, lead: PermitLeadTime, holidays: HolidayOptions = {}): IsoDate {
  return lead.leadTimeUnit === 'workingDays'
    ? addWorkingDays(firstShootDate, -lead.leadTime, holidays)
    : addCalendarDays(firstShootDate, -lead.leadTime)
}

export const URGENCY_LEVELS = ['late', 'urgent', 'soon', 'ok', 'done'] as const
export type UrgencyLevel = (typeof URGENCY_LEVELS)[number]

/** Working days left at which a draft turns urgent (barely time to gather the documents), then soon (two working weeks). */
export const URGENT_WITHIN_WORKING_DAYS = 3
export const SOON_WITHIN_WORKING_DAYS = 10

export interface PermitUrgency {
  /** Working days after today up to and including the deadline: 0 on the deadline, negative once it has passed. */
  daysLeft: number
  level: UrgencyLevel
}

/**
 * How pressing a permit is. Only drafts can be late: any other status means the request has left
 * (a refusal goes back to draft to be sent again, and is pressing again from there).
 */
export function permitUrgency(deadline: IsoDate, today: IsoDate, status: PermitStatus, holidays: HolidayOptions = {}): PermitUrgency {
  const counted = workingDaysBetween(today, deadline, holidays)
  const late = today > deadline
  // A Friday deadline is missed on Saturday though no working day has passed yet: late is always at least -1.
  const daysLeft = late ? Math.min(counted, -1) : counted
  return { daysLeft, level: urgencyLevel(daysLeft, late, status) }
}

function urgencyLevel(daysLeft: number, late: boolean, status: PermitStatus): UrgencyLevel {
  if (status !== 'draft') return 'done'
  if (late) return 'late'
  if (daysLeft <= URGENT_WITHIN_WORKING_DAYS) return 'urgent'
  if (daysLeft <= SOON_WITHIN_WORKING_DAYS) return 'soon'
  return 'ok'
}

/** Comparator for an overview: late first (the latest first), then by fewest days left; sent permits last. */
export function compareUrgency(a: PermitUrgency, b: PermitUrgency): number {
  const byDone = Number(a.level === 'done') - Number(b.level === 'done')
  return byDone !== 0 ? byDone : a.daysLeft - b.daysLeft
}

/** A sorted copy, most pressing first; equal urgencies keep their order (Array sort is stable). */
export function sortByUrgency<T>(items: readonly T[], urgencyOf: (item: T) => PermitUrgency): T[] {
  return items
    .map((item) => ({ item, urgency: urgencyOf(item) }))
    .sort((x, y) => compareUrgency(x.urgency, y.urgency))
    .map(({ item }) => item)
}
