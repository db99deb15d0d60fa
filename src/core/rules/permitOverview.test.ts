import { describe, expect, it } from 'vitest'
import type { PermitStatus } from '../model/permit'
import { firstShootDate, permitDeadline, permitOverview } from './permitOverview'

const paris = { id: 'paris', leadTime: 15, leadTimeUnit: 'workingDays' as const }
const sncf = { id: 'sncf', leadTime: 15, leadTimeUnit: 'calendarDays' as const }
const days = [
  { id: 'j0', date: '2025-05-05' },
  { id: 'j1', date: '2025-05-12' },
  { id: 'j2', date: '2025-05-13' },
  { id: 'j9', date: '2025-06-20' },
]
const dateOf = new Map(days.map((day) => [day.id, day.date]))
const permit = (title: string, status: PermitStatus, authorityId: string, shootDayIds: string[]) => ({ title, status, authorityId, shootDayIds })

describe('firstShootDate', () => {
  it('takes the earliest of the days, in any order, and skips days that no longer exist', () => {
    expect(firstShootDate(['j9', 'j2', 'gone', 'j1'], dateOf)).toBe('2025-05-12')
    expect(firstShootDate(['gone'], dateOf)).toBeNull()
    expect(firstShootDate(undefined, dateOf)).toBeNull()
  })
})

describe('permitDeadline', () => {
  it('counts the lead time back from the first shoot day, in working days for Paris', () => {
    // Shoot Monday 12 May 2025: Easter Monday, 1 and 8 May are skipped.
    expect(permitDeadline({ status: 'draft', shootDayIds: ['j2', 'j1'] }, paris, dateOf, '2025-04-10')).toEqual({
      firstShootDate: '2025-05-12', deadline: '2025-04-16', urgency: { daysLeft: 4, level: 'soon' }, missing: null,
    })
    expect(permitDeadline({ status: 'draft', shootDayIds: ['j1'] }, sncf, dateOf, '2025-04-10').deadline).toBe('2025-04-27')
  })

  it('says a draft is late, by how many working days, once the deadline has passed', () => {
    expect(permitDeadline({ status: 'draft', shootDayIds: ['j1'] }, paris, dateOf, '2025-04-22').urgency).toEqual({ daysLeft: -3, level: 'late' })
    // Sent requests are no longer pressing, however close the shoot.
    expect(permitDeadline({ status: 'sent', shootDayIds: ['j1'] }, paris, dateOf, '2025-04-22').urgency?.level).toBe('done')
  })

  it('names what is missing when there is no authority or no shoot day', () => {
    expect(permitDeadline({ status: 'draft', shootDayIds: ['j1'] }, undefined, dateOf, '2025-04-10')).toMatchObject({ deadline: null, missing: 'authority' })
    expect(permitDeadline({ status: 'draft', shootDayIds: [] }, paris, dateOf, '2025-04-10')).toMatchObject({ deadline: null, missing: 'shootDay' })
  })
})

describe('permitOverview', () => {
  it('sorts late drafts first (the latest first), then by days left, then undated drafts, then sent requests by first day', () => {
    const permits = [
      permit('sent soon', 'sent', 'paris', ['j1']),
      permit('far draft', 'draft', 'paris', ['j9']),
      permit('no day', 'draft', 'paris', []),
      permit('late by 3', 'draft', 'paris', ['j1']),
      permit('granted', 'granted', 'sncf', ['j9']),
      permit('late by 1', 'draft', 'sncf', ['j0']),
      permit('urgent', 'draft', 'sncf', ['j1']),
      permit('no authority', 'draft', 'gone', ['j1']),
      permit('sent undated', 'sent', 'paris', []),
      permit('refused earlier', 'refused', 'paris', ['j0']),
    ]
    const rows = permitOverview(permits, [paris, sncf], days, '2025-04-22')
    expect(rows.map((row) => row.permit.title)).toEqual([
      'late by 3', 'late by 1', 'urgent', 'far draft', 'no day', 'no authority', 'refused earlier', 'sent soon', 'granted', 'sent undated',
    ])
    expect(rows[0]).toMatchObject({ authority: paris, deadline: '2025-04-16', urgency: { daysLeft: -3, level: 'late' } })
    // SNCF counts calendar days: 15 days before Monday 5 May is Sunday 20 April, missed by one working day
    // on Tuesday 22 April since Easter Monday (21 April) is a holiday.
    expect(rows[1]).toMatchObject({ deadline: '2025-04-20', urgency: { daysLeft: -1, level: 'late' } })
    expect(rows[2]).toMatchObject({ deadline: '2025-04-27', urgency: { daysLeft: 3, level: 'urgent' } })
    expect(rows.find((row) => row.permit.title === 'far draft')?.urgency?.level).toBe('ok')
    expect(rows.find((row) => row.permit.title === 'sent soon')?.urgency).toEqual({ daysLeft: -3, level: 'done' })
  })
})
