import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { easterSunday, frenchPublicHolidayCalendar, frenchPublicHolidays, isFrenchPublicHoliday } from './frenchHolidays'

/** Easter Sundays from published tables (and the extremes of the Gregorian computus: 22 March, 25 April). */
const KNOWN_EASTERS: [number, string][] = [
  [1818, '1818-03-22'], [1943, '1943-04-25'], [2000, '2000-04-23'], [2008, '2008-03-23'],
  [2024, '2024-03-31'], [2025, '2025-04-20'], [2026, '2026-04-05'], [2027, '2027-03-28'],
  [2028, '2028-04-16'], [2029, '2029-04-01'], [2030, '2030-04-21'], [2038, '2038-04-25'], [2285, '2285-03-22'],
]

/** Gauss's Easter algorithm with its two exceptions: a second, independent computus to check the first. */
function gaussEaster(year: number): string {
  const a = year % 19
  const b = year % 4
  const c = year % 7
  const k = Math.floor(year / 100)
  const p = Math.floor((13 + 8 * k) / 25)
  const q = Math.floor(k / 4)
  const m = (15 - p + k - q) % 30
  const n = (4 + k - q) % 7
  const d = (19 * a + m) % 30
  const e = (2 * b + 4 * c + 6 * d + n) % 7
  let marchDay = 22 + d + e
  if (d === 29 && e === 6) marchDay = 50
  else if (d === 28 && e === 6 && (11 * m + 11) % 30 < 19) marchDay = 49
  return new Date(Date.UTC(year, 2, marchDay)).toISOString().slice(0, 10)
}

/** Test-side date offset, kept apart from the code under test. */
const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay()

const HOLIDAYS: Record<number, string[]> = {
  2025: ['2025-01-01', '2025-04-21', '2025-05-01', '2025-05-08', '2025-05-29', '2025-06-09', '2025-07-14', '2025-08-15', '2025-11-01', '2025-11-11', '2025-12-25'],
  2026: ['2026-01-01', '2026-04-06', '2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25', '2026-07-14', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25'],
  2027: ['2027-01-01', '2027-03-29', '2027-05-01', '2027-05-06', '2027-05-08', '2027-05-17', '2027-07-14', '2027-08-15', '2027-11-01', '2027-11-11', '2027-12-25'],
  2028: ['2028-01-01', '2028-04-17', '2028-05-01', '2028-05-08', '2028-05-25', '2028-06-05', '2028-07-14', '2028-08-15', '2028-11-01', '2028-11-11', '2028-12-25'],
}

describe('easterSunday', () => {
  it.each(KNOWN_EASTERS)('Easter %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date)
  })

  it('agrees with Gauss\'s algorithm for every year from 1583 to 9999', () => {
    for (let year = 1583; year <= 9999; year += 1) {
      if (easterSunday(year) !== gaussEaster(year)) expect.fail(`${year}: ${easterSunday(year)} vs ${gaussEaster(year)}`)
    }
  })

  it('is a Sunday between 22 March and 25 April', () => {
    fc.assert(fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
      const easter = easterSunday(year)
      expect(weekday(easter)).toBe(0)
      expect(easter.slice(5) >= '03-22' && easter.slice(5) <= '04-25').toBe(true)
    }))
  })

  it('refuses years outside the Gregorian calendar or not whole', () => {
    for (const year of [1582, 10_000, 2025.5, Number.NaN]) expect(() => easterSunday(year)).toThrow(RangeError)
  })
})

describe('frenchPublicHolidays', () => {
  it.each(Object.entries(HOLIDAYS))('lists the 11 holidays of %s', (year, dates) => {
    expect(frenchPublicHolidays(Number(year))).toEqual(dates)
  })

  it.each([
    [2025, '2025-04-21', '2025-05-29', '2025-06-09'],
    [2026, '2026-04-06', '2026-05-14', '2026-05-25'],
    [2027, '2027-03-29', '2027-05-06', '2027-05-17'],
    [2028, '2028-04-17', '2028-05-25', '2028-06-05'],
  ])('places the movable holidays of %i from Easter', (year, easterMonday, ascension, whitMonday) => {
    const easter = KNOWN_EASTERS.find(([y]) => y === year)?.[1] ?? ''
    expect([plusDays(easter, 1), plusDays(easter, 39), plusDays(easter, 50)]).toEqual([easterMonday, ascension, whitMonday])
    expect(frenchPublicHolidays(year)).toEqual(expect.arrayContaining([easterMonday, ascension, whitMonday]))
  })

  it('keys each holiday and falls on the right weekday', () => {
    const calendar = frenchPublicHolidayCalendar(2026)
    expect(calendar.map((holiday) => holiday.key)).toEqual([
      'newYear', 'easterMonday', 'labourDay', 'victoryInEurope', 'ascension', 'whitMonday',
      'bastilleDay', 'assumption', 'allSaints', 'armistice', 'christmas',
    ])
    fc.assert(fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
      const byKey = new Map(frenchPublicHolidayCalendar(year).map((holiday) => [holiday.key, holiday.date]))
      expect(weekday(byKey.get('easterMonday') ?? '')).toBe(1)
      expect(weekday(byKey.get('ascension') ?? '')).toBe(4)
      expect(weekday(byKey.get('whitMonday') ?? '')).toBe(1)
    }))
  })

  it('is sorted, distinct and inside the year, for any year', () => {
    fc.assert(fc.property(fc.integer({ min: 1583, max: 9999 }), fc.boolean(), (year, alsaceMoselle) => {
      const dates = frenchPublicHolidays(year, { alsaceMoselle })
      expect(dates).toEqual([...new Set(dates)].sort())
      expect(dates.every((date) => date.startsWith(`${year}-`))).toBe(true)
      expect(dates.length).toBeGreaterThanOrEqual(alsaceMoselle ? 12 : 10)
    }))
  })

  it('counts a shared day once: Ascension fell on 1 May in 2008', () => {
    expect(frenchPublicHolidays(2008)).toHaveLength(10)
    expect(frenchPublicHolidayCalendar(2008).filter((holiday) => holiday.date === '2008-05-01').map((h) => h.key))
      .toEqual(['labourDay', 'ascension'])
  })

  it('adds Good Friday and 26 December in Alsace-Moselle', () => {
    const alsace = frenchPublicHolidays(2025, { alsaceMoselle: true })
    expect(alsace).toEqual([...HOLIDAYS[2025] ?? [], '2025-04-18', '2025-12-26'].sort())
    expect(frenchPublicHolidays(2025)).toEqual(HOLIDAYS[2025])
  })

  it('returns a copy the caller may change', () => {
    frenchPublicHolidays(2025).push('2025-12-31')
    expect(frenchPublicHolidays(2025)).toEqual(HOLIDAYS[2025])
  })
})

describe('isFrenchPublicHoliday', () => {
  it('knows holidays from ordinary days', () => {
    expect(isFrenchPublicHoliday('2025-05-08')).toBe(true)
    expect(isFrenchPublicHoliday('2027-03-29')).toBe(true)
    expect(isFrenchPublicHoliday('2025-05-09')).toBe(false)
    expect(isFrenchPublicHoliday('2025-04-18')).toBe(false)
    expect(isFrenchPublicHoliday('2025-04-18', { alsaceMoselle: true })).toBe(true)
    expect(isFrenchPublicHoliday('2025-12-26', { alsaceMoselle: true })).toBe(true)
  })

  it('refuses what is not a yyyy-mm-dd date', () => {
    for (const date of ['', '2025-5-8', '08/05/2025', '2025-05-08T00:00:00Z']) expect(() => isFrenchPublicHoliday(date)).toThrow(RangeError)
  })
})
