/**
 * The send deadline of each permit request and the overview of all of them, most pressing first: the first
 * shoot day among the request's days, the authority's lead time (permitSendDeadline), and the urgency on a
 * given day in French working days. A request without an authority or a known shoot day has no deadline: it is
 * listed after the dated drafts, so it is seen and completed rather than silently sorted as on time.
 */
import type { PermitStatus } from '../model/permit'
import type { HolidayOptions } from './frenchHolidays'
import { compareUrgency, permitSendDeadline, permitUrgency, type PermitLeadTime, type PermitUrgency } from './permitDeadline'
import type { IsoDate } from './workingDays'

export interface PermitDeadline {
  firstShootDate: IsoDate | null
  deadline: IsoDate | null
  urgency: PermitUrgency | null
  /** What keeps the deadline from being computed. */
  missing: 'authority' | 'shootDay' | null
}

interface PermitFacts {
  status: PermitStatus
  shootDayIds?: readonly string[]
}

/** The earliest date among the given shoot days that still exist (a deleted day is no longer in `dateOf`). */
export function firstShootDate(shootDayIds: readonly string[] | undefined, dateOf: ReadonlyMap<string, IsoDate>): IsoDate | null {
  let first: IsoDate | null = null
  for (const id of shootDayIds ?? []) {
    const date = dateOf.get(id)
    if (date && (first === null || date < first)) first = date
  }
  return first
}

export function permitDeadline(
  permit: PermitFacts,
  authority: PermitLeadTime | undefined,
  dateOf: ReadonlyMap<string, IsoDate>,
  today: IsoDate,
  holidays: HolidayOptions = {},
): PermitDeadline {
  const first = firstShootDate(permit.shootDayIds, dateOf)
  if (!authority) return { firstShootDate: first, deadline: null, urgency: null, missing: 'authority' }
  if (!first) return { firstShootDate: null, deadline: null, urgency: null, missing: 'shootDay' }
  const deadline = permitSendDeadline(first, authority, holidays)
  return { firstShootDate: first, deadline, urgency: permitUrgency(deadline, today, permit.status, holidays), missing: null }
}

/** 0: drafts with a deadline, 1: drafts without one, 2: requests already sent (and anything undated after). */
function rank(status: PermitStatus, urgency: PermitUrgency | null): number {
  if (status !== 'draft') return 2
  return urgency ? 0 : 1
}

/**
 * Most pressing first: late drafts (latest first), then by fewest working days left; then drafts without a
 * deadline; sent requests last, by first shoot day (the answers to chase first), undated ones at the very end.
 */
export function comparePermitDeadlines(a: PermitFacts & PermitDeadline, b: PermitFacts & PermitDeadline): number {
  const byRank = rank(a.status, a.urgency) - rank(b.status, b.urgency)
  if (byRank !== 0) return byRank
  if (a.status !== 'draft') return byDate(a.firstShootDate, b.firstShootDate)
  if (a.urgency && b.urgency) return compareUrgency(a.urgency, b.urgency)
  return 0
}

function byDate(a: IsoDate | null, b: IsoDate | null): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  return a < b ? -1 : 1
}

export interface OverviewRow<P, A> extends PermitDeadline {
  permit: P
  authority: A | undefined
  status: PermitStatus
}

/** Every request with its deadline, sorted by urgency; equal urgencies keep the order given (Array sort is stable). */
export function permitOverview<P extends PermitFacts & { authorityId: string }, A extends PermitLeadTime & { id: string }>(
  permits: readonly P[],
  authorities: readonly A[],
  days: readonly { id: string; date: IsoDate }[],
  today: IsoDate,
  holidays: HolidayOptions = {},
): OverviewRow<P, A>[] {
  const authorityOf = new Map(authorities.map((authority) => [authority.id, authority]))
  const dateOf = new Map(days.map((day) => [day.id, day.date]))
  return permits
    .map((permit) => {
      const authority = authorityOf.get(permit.authorityId)
      return { permit, authority, status: permit.status, ...permitDeadline(permit, authority, dateOf, today, holidays) }
    })
    .sort(comparePermitDeadlines)
}
