import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isFrenchPublicHoliday } from './frenchHolidays'
import {
  addCalendarDays, addWorkingDays, calendarDateIn, calendarDaysBetween, isWorkingDay, workingDaysBetween,
} from './workingDays'

/** Dates from 2000 to 2099, built on the test side from a day offset. */
const DAY_MS = 86_400_000
const dateAt = (offset: number) => new Date(Date.UTC(2000, 0, 1) + offset * DAY_MS).toISOString().slice(0, 10)
const anyDate = fc.integer({ min: 0, max: 36_500 }).map(dateAt)
const anyWorkingDay = anyDate.filter((date) => isWorkingDay(date))
const steps = fc.integer({ min: -400, max: 400 })

/** The definition, day by day: working days strictly after `from` up to and including `to`. */
function countWorkingDaysNaively(from: string, to: string): number {
  const sign = to < from ? -1 : 1
  const [low, high] = sign > 0 ? [from, to] : [to, from]
  let count = 0
  for (let day = addCalendarDays(low, 1); day <= high; day = addCalendarDays(day, 1)) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
    if (weekday !== 0 && weekday !== 6 && !isFrenchPublicHoliday(day)) count += 1
  }
  return count === 0 ? 0 : sign * count
}

describe('isWorkingDay', () => {
  it('is Monday to Friday outside public holidays', () => {
    expect(isWorkingDay('2025-05-02')).toBe(true) // Friday
    expect(isWorkingDay('2025-05-03')).toBe(false) // Saturday
    expect(isWorkingDay('2025-05-04')).toBe(false) // Sunday
    expect(isWorkingDay('2025-05-01')).toBe(false) // Thursday, 1 May
    expect(isWorkingDay('2025-04-21')).toBe(false) // Easter Monday
    expect(isWorkingDay('2025-04-18')).toBe(true) // Good Friday, outside Alsace-Moselle
    expect(isWorkingDay('2025-04-18', { alsaceMoselle: true })).toBe(false)
  })

  it('refuses dates the calendar lacks instead of rolling them over', () => {
    for (const date of ['2025-02-29', '2025-02-30', '2025-13-01', '2025-5-2', '', 'tomorrow']) {
      expect(() => isWorkingDay(date)).toThrow(RangeError)
    }
    expect(isWorkingDay('2028-02-29')).toBe(true)
  })
})

describe('addCalendarDays and calendarDaysBetween', () => {
  it('cross months, years, leap days and DST changes without drifting', () => {
    expect(addCalendarDays('2025-03-29', 2)).toBe('2025-03-31') // clocks go forward on 30 March
    expect(addCalendarDays('2025-10-25', 2)).toBe('2025-10-27') // and back on 26 October
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01')
    expect(addCalendarDays('2025-05-12', -15)).toBe('2025-04-27')
    expect(calendarDaysBetween('2025-01-01', '2026-01-01')).toBe(365)
    expect(calendarDaysBetween('2028-03-01', '2028-02-01')).toBe(-29)
  })

  it('round-trips', () => {
    fc.assert(fc.property(anyDate, steps, (date, n) => {
      expect(calendarDaysBetween(date, addCalendarDays(date, n))).toBe(n)
      expect(addCalendarDays(addCalendarDays(date, n), -n)).toBe(date)
    }))
  })

  it('refuses fractional counts', () => {
    expect(() => addCalendarDays('2025-05-12', 1.5)).toThrow(RangeError)
  })
})

describe('addWorkingDays', () => {
  it('skips weekends', () => {
    expect(addWorkingDays('2025-01-03', 1)).toBe('2025-01-06') // Friday → Monday
    expect(addWorkingDays('2025-01-06', -1)).toBe('2025-01-03')
    expect(addWorkingDays('2025-01-06', 5)).toBe('2025-01-13')
  })

  it('skips public holidays', () => {
    expect(addWorkingDays('2025-04-30', 1)).toBe('2025-05-02') // over 1 May
    expect(addWorkingDays('2025-05-07', 1)).toBe('2025-05-09') // over 8 May
    expect(addWorkingDays('2025-12-24', 1)).toBe('2025-12-26')
    expect(addWorkingDays('2025-12-24', 1, { alsaceMoselle: true })).toBe('2025-12-29')
    expect(addWorkingDays('2025-12-31', 1)).toBe('2026-01-02') // over New Year
  })

  it('goes 15 working days back from Monday 12 May 2025 to Wednesday 16 April, skipping Easter Monday, 1 and 8 May', () => {
    expect(addWorkingDays('2025-05-12', -15)).toBe('2025-04-16')
    expect(addCalendarDays('2025-05-12', -15)).toBe('2025-04-27') // what ignoring weekends and holidays would give
  })

  it('starts from a day off without counting it, and n = 0 stays put', () => {
    expect(addWorkingDays('2025-05-10', 1)).toBe('2025-05-12') // Saturday → Monday
    expect(addWorkingDays('2025-05-10', -1)).toBe('2025-05-09')
    expect(addWorkingDays('2025-05-10', 0)).toBe('2025-05-10')
    expect(addWorkingDays('2025-05-08', 0)).toBe('2025-05-08')
  })

  it('lands on a working day whenever n ≠ 0', () => {
    fc.assert(fc.property(anyDate, steps.filter((n) => n !== 0), (date, n) => {
      expect(isWorkingDay(addWorkingDays(date, n))).toBe(true)
    }))
  })

  it('moves at least n calendar days, and at most a calendar week per 5 weekdays', () => {
    fc.assert(fc.property(anyDate, fc.integer({ min: 0, max: 400 }), (date, n) => {
      const span = calendarDaysBetween(date, addWorkingDays(date, n))
      expect(span).toBeGreaterThanOrEqual(n)
      // The span holds n working days plus at most 33 weekday holidays (it touches at most 3 years), then a weekend.
      expect(span).toBeLessThanOrEqual(Math.ceil((n + 33) / 5) * 7 + 2)
    }))
  })

  it('is strictly increasing in n', () => {
    fc.assert(fc.property(anyDate, steps, (date, n) => {
      expect(addWorkingDays(date, n + 1) > addWorkingDays(date, n)).toBe(true)
    }))
  })

  it('refuses fractional counts', () => {
    expect(() => addWorkingDays('2025-05-12', 0.5)).toThrow(RangeError)
    expect(() => addWorkingDays('2025-05-12', Number.NaN)).toThrow(RangeError)
  })
})

describe('workingDaysBetween', () => {
  it('counts the days after `from` up to and including `to`', () => {
    expect(workingDaysBetween('2025-01-06', '2025-01-06')).toBe(0)
    expect(workingDaysBetween('2025-01-03', '2025-01-06')).toBe(1) // Friday → Monday
    expect(workingDaysBetween('2025-01-06', '2025-01-10')).toBe(4) // Monday → Friday
    expect(workingDaysBetween('2025-01-04', '2025-01-05')).toBe(0) // a weekend
    expect(workingDaysBetween('2025-04-30', '2025-05-02')).toBe(1) // 1 May skipped
    expect(workingDaysBetween('2025-01-10', '2025-01-06')).toBe(-4)
  })

  it('counts the working days of whole years: 251 in 2025, 252 in 2026, 254 in 2027, 251 in 2028', () => {
    expect(workingDaysBetween('2024-12-31', '2025-12-31')).toBe(251)
    expect(workingDaysBetween('2025-12-31', '2026-12-31')).toBe(252)
    expect(workingDaysBetween('2026-12-31', '2027-12-31')).toBe(254)
    expect(workingDaysBetween('2027-12-31', '2028-12-31')).toBe(251)
    expect(workingDaysBetween('2024-12-31', '2025-12-31', { alsaceMoselle: true })).toBe(249)
  })

  it('matches a day-by-day count, across years and before 1970', () => {
    const nearby = fc.tuple(fc.integer({ min: -12_000, max: 36_500 }), fc.integer({ min: -800, max: 800 }))
    fc.assert(fc.property(nearby, ([offset, span]) => {
      const from = dateAt(offset)
      const to = dateAt(offset + span)
      expect(workingDaysBetween(from, to)).toBe(countWorkingDaysNaively(from, to))
    }))
  })

  it('undoes addWorkingDays from a working day', () => {
    fc.assert(fc.property(anyWorkingDay, steps, (date, n) => {
      expect(workingDaysBetween(date, addWorkingDays(date, n))).toBe(n)
    }))
  })

  it('is antisymmetric and adds up over consecutive spans', () => {
    fc.assert(fc.property(anyDate, anyDate, anyDate, (a, b, c) => {
      expect(workingDaysBetween(a, b) + workingDaysBetween(b, a)).toBe(0)
      expect(workingDaysBetween(a, b) + workingDaysBetween(b, c)).toBe(workingDaysBetween(a, c))
    }))
  })

  it('never counts more working days than calendar days, nor fewer than 5 in 7 less the holidays', () => {
    fc.assert(fc.property(anyDate, fc.integer({ min: 0, max: 800 }), (date, n) => {
      const working = workingDaysBetween(date, addCalendarDays(date, n))
      expect(working).toBeLessThanOrEqual(n)
      expect(working).toBeGreaterThanOrEqual(Math.floor(n / 7) * 5 - 11 * 4)
    }))
  })
})

describe('calendarDateIn', () => {
  it('gives the date in Paris, not the UTC date', () => {
    expect(calendarDateIn(Date.parse('2025-06-30T22:30:00Z'))).toBe('2025-07-01') // 00:30 in Paris (UTC+2)
    expect(calendarDateIn(new Date('2025-06-30T22:30:00Z'), 'UTC')).toBe('2025-06-30')
    expect(calendarDateIn(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01') // UTC+1 in winter
    expect(calendarDateIn(new Date('2025-12-31T22:30:00Z'))).toBe('2025-12-31')
  })
})
