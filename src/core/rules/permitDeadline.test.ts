import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PERMIT_STATUSES, type PermitStatus } from '../model/permit'
import {
  compareUrgency, type PermitLeadTime, permitSendDeadline, permitUrgency, type PermitUrgency, SOON_WITHIN_WORKING_DAYS,
  sortByUrgency, URGENCY_LEVELS, URGENT_WITHIN_WORKING_DAYS,
} from './permitDeadline'
import { addCalendarDays, addWorkingDays, calendarDaysBetween, isWorkingDay, workingDaysBetween } from './workingDays'

const PARIS: PermitLeadTime = { leadTime: 15, leadTimeUnit: 'workingDays' }
const SNCF: PermitLeadTime = { leadTime: 15, leadTimeUnit: 'calendarDays' }

const anyDate = fc.integer({ min: 0, max: 36_500 }).map((offset) => addCalendarDays('2000-01-01', offset))
const anyLead = fc.record({ leadTime: fc.integer({ min: 0, max: 365 }), leadTimeUnit: fc.constantFrom('workingDays' as const, 'calendarDays' as const) })

/** Working days from `from` (included) to `to` (excluded): the count the deadline convention promises. */
const workingDaysFromUntil = (from: string, to: string) => workingDaysBetween(addCalendarDays(from, -1), addCalendarDays(to, -1))

describe('permitSendDeadline', () => {
  it('gives Paris (15 working days) Wednesday 16 April for a shoot on Monday 12 May 2025', () => {
    const deadline = permitSendDeadline('2025-05-12', PARIS)
    expect(deadline).toBe('2025-04-16')
    // Easter Monday, 1 May and 8 May fall in between and do not count.
    expect(workingDaysFromUntil(deadline, '2025-05-12')).toBe(15)
    expect(calendarDaysBetween(deadline, '2025-05-12')).toBe(26)
  })

  it('counts neither the shoot day nor the weekend before it', () => {
    const oneDay: PermitLeadTime = { leadTime: 1, leadTimeUnit: 'workingDays' }
    expect(permitSendDeadline('2025-05-13', oneDay)).toBe('2025-05-12') // Tuesday shoot → Monday
    expect(permitSendDeadline('2025-05-12', oneDay)).toBe('2025-05-09') // Monday shoot → Friday
    expect(permitSendDeadline('2025-05-17', oneDay)).toBe('2025-05-16') // Saturday shoot → Friday
    expect(permitSendDeadline('2025-05-09', oneDay)).toBe('2025-05-07') // Friday shoot → Wednesday, 8 May off
  })

  it('gives the shoot day itself for a lead time of 0', () => {
    expect(permitSendDeadline('2025-05-12', { leadTime: 0, leadTimeUnit: 'workingDays' })).toBe('2025-05-12')
    expect(permitSendDeadline('2025-05-12', { leadTime: 0, leadTimeUnit: 'calendarDays' })).toBe('2025-05-12')
  })

  it('counts calendar days plainly, even when the deadline falls on a Sunday', () => {
    expect(permitSendDeadline('2025-05-12', SNCF)).toBe('2025-04-27')
    expect(permitSendDeadline('2026-01-10', { leadTime: 90, leadTimeUnit: 'calendarDays' })).toBe('2025-10-12')
  })

  it('skips Good Friday only in Alsace-Moselle', () => {
    const twoDays: PermitLeadTime = { leadTime: 2, leadTimeUnit: 'workingDays' }
    expect(permitSendDeadline('2025-04-22', twoDays)).toBe('2025-04-17')
    expect(permitSendDeadline('2025-04-22', twoDays, { alsaceMoselle: true })).toBe('2025-04-16')
  })

  it('leaves exactly leadTime working days, the deadline included and the shoot day excluded, from a working day', () => {
    fc.assert(fc.property(anyDate, fc.integer({ min: 1, max: 365 }), (shoot, leadTime) => {
      const deadline = permitSendDeadline(shoot, { leadTime, leadTimeUnit: 'workingDays' })
      expect(isWorkingDay(deadline)).toBe(true)
      expect(workingDaysFromUntil(deadline, shoot)).toBe(leadTime)
    }))
  })

  it('is never later than the same number of calendar days', () => {
    fc.assert(fc.property(anyDate, anyLead, (shoot, lead) => {
      const deadline = permitSendDeadline(shoot, lead)
      const calendar = permitSendDeadline(shoot, { ...lead, leadTimeUnit: 'calendarDays' })
      expect(calendarDaysBetween(deadline, shoot)).toBeGreaterThanOrEqual(lead.leadTime)
      expect(deadline <= calendar).toBe(true)
    }))
  })
})

describe('permitUrgency', () => {
  const deadline = '2025-04-16' // Wednesday
  const daysBefore = (n: number) => addWorkingDays(deadline, -n)

  it.each([
    ['the deadline itself', deadline, 0, 'urgent'],
    ['3 working days before', daysBefore(URGENT_WITHIN_WORKING_DAYS), 3, 'urgent'],
    ['4 working days before', daysBefore(URGENT_WITHIN_WORKING_DAYS + 1), 4, 'soon'],
    ['10 working days before', daysBefore(SOON_WITHIN_WORKING_DAYS), 10, 'soon'],
    ['11 working days before', daysBefore(SOON_WITHIN_WORKING_DAYS + 1), 11, 'ok'],
    ['the day after', '2025-04-17', -1, 'late'],
    ['two working days after', '2025-04-18', -2, 'late'],
  ] as const)('a draft on %s (%s) has %i working days left: %s', (_when, today, daysLeft, level) => {
    expect(permitUrgency(deadline, today, 'draft')).toEqual({ daysLeft, level })
  })

  it('pins the boundary dates themselves', () => {
    expect(daysBefore(3)).toBe('2025-04-11') // Friday: the weekend does not count
    expect(daysBefore(11)).toBe('2025-04-01')
  })

  it('counts the days off up to the deadline as no time at all', () => {
    expect(permitUrgency('2025-04-14', '2025-04-11', 'draft')).toEqual({ daysLeft: 1, level: 'urgent' }) // Friday, due Monday
    expect(permitUrgency('2025-04-13', '2025-04-11', 'draft')).toEqual({ daysLeft: 0, level: 'urgent' }) // due on a Sunday
  })

  it('is late the day after the deadline, even on a weekend', () => {
    expect(permitUrgency('2025-04-11', '2025-04-12', 'draft')).toEqual({ daysLeft: -1, level: 'late' }) // Saturday
    expect(permitUrgency('2025-04-11', '2025-04-14', 'draft')).toEqual({ daysLeft: -1, level: 'late' }) // Monday
    expect(permitUrgency('2025-04-11', '2025-04-15', 'draft')).toEqual({ daysLeft: -2, level: 'late' })
  })

  it('is done once the request has left, however late', () => {
    for (const status of PERMIT_STATUSES.filter((s) => s !== 'draft')) {
      expect(permitUrgency(deadline, '2025-05-01', status).level).toBe('done')
      expect(permitUrgency(deadline, '2025-01-01', status).level).toBe('done')
    }
    expect(permitUrgency(deadline, '2025-05-01', 'sent').daysLeft).toBe(-9) // Easter Monday and 1 May do not count
  })

  it('for a draft, is late exactly when daysLeft < 0 and its level follows daysLeft', () => {
    fc.assert(fc.property(anyDate, fc.integer({ min: -60, max: 60 }), (today, offset) => {
      const { daysLeft, level } = permitUrgency(addCalendarDays(today, offset), today, 'draft')
      expect(level === 'late').toBe(daysLeft < 0)
      expect(level === 'late').toBe(offset < 0)
      if (level === 'urgent') expect(daysLeft).toBeLessThanOrEqual(URGENT_WITHIN_WORKING_DAYS)
      if (level === 'soon') expect(daysLeft).toBeGreaterThan(URGENT_WITHIN_WORKING_DAYS)
      if (level === 'soon') expect(daysLeft).toBeLessThanOrEqual(SOON_WITHIN_WORKING_DAYS)
      if (level === 'ok') expect(daysLeft).toBeGreaterThan(SOON_WITHIN_WORKING_DAYS)
    }))
  })
})

describe('sortByUrgency', () => {
  const permit = (name: string, deadline: string, status: PermitStatus = 'draft') => ({ name, urgency: permitUrgency(deadline, '2025-04-10', status) })

  it('puts the latest first, then urgent, soon, ok, and sent permits last', () => {
    const permits = [
      permit('ok', '2025-06-30'),
      permit('sent', '2025-04-01', 'sent'),
      permit('soon', '2025-04-24'),
      permit('late by 1', '2025-04-09'),
      permit('urgent', '2025-04-11'),
      permit('late by 7', '2025-04-01'),
      permit('granted', '2025-04-30', 'granted'),
    ]
    const before = [...permits]
    expect(sortByUrgency(permits, (p) => p.urgency).map((p) => p.name))
      .toEqual(['late by 7', 'late by 1', 'urgent', 'soon', 'ok', 'sent', 'granted'])
    expect(permits).toEqual(before)
  })

  it('keeps the given order between equals', () => {
    const permits = [permit('b', '2025-04-15'), permit('a', '2025-04-15'), permit('c', '2025-04-15')]
    expect(sortByUrgency(permits, (p) => p.urgency).map((p) => p.name)).toEqual(['b', 'a', 'c'])
  })

  it('orders by level as listed in URGENCY_LEVELS', () => {
    const urgency = fc.record({ daysLeft: fc.integer({ min: -30, max: 60 }), status: fc.constantFrom(...PERMIT_STATUSES) })
      .map(({ daysLeft, status }): PermitUrgency => permitUrgency(addWorkingDays('2025-04-10', daysLeft), '2025-04-10', status))
    fc.assert(fc.property(urgency, urgency, (a, b) => {
      if (compareUrgency(a, b) < 0) expect(URGENCY_LEVELS.indexOf(a.level)).toBeLessThanOrEqual(URGENCY_LEVELS.indexOf(b.level))
    }))
  })
})
