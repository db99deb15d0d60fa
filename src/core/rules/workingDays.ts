/**
 * Calendar and working-day arithmetic on dates written 'yyyy-mm-dd'. A date here is a day, not an instant:
 * all arithmetic runs on UTC day numbers, so neither the device's time zone nor a DST change can shift it.
 * A working day (jour ouvré) is Monday to Friday and not a French public holiday.
 */
import { frenchPublicHolidays, type HolidayOptions, isFrenchPublicHoliday } from './frenchHolidays'

/** A calendar day 'yyyy-mm-dd'; plain strings so ISO order is date order and records store them as they are. */
export type IsoDate = string

const DAY_MS = 86_400_000
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
/** Day number of Monday 1970-01-05, the anchor of the weekday count (day 0, 1970-01-01, was a Thursday). */
const FIRST_MONDAY = 4

/** Days since 1970-01-01; throws on anything but a real date, since a silently rolled-over 02-30 gives a wrong deadline. */
function toDayNumber(date: IsoDate): number {
  const ms = ISO_DATE.test(date) ? Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) : NaN
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`Not a calendar date in the form yyyy-mm-dd: ${date}`)
  }
  return ms / DAY_MS
}

function fromDayNumber(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** Monday to Friday; the modulo is kept positive for days before 1970. */
function isWeekday(day: number): boolean {
  const weekday = (((day - FIRST_MONDAY) % 7) + 7) % 7
  return weekday < 5
}

function isWorkingDayNumber(day: number, holidays: HolidayOptions): boolean {
  return isWeekday(day) && !isFrenchPublicHoliday(fromDayNumber(day), holidays)
}

/** Weekdays from the anchor Monday up to `day`: the difference of two calls counts the weekdays between them. */
function weekdaysUpTo(day: number): number {
  const sinceAnchor = day - FIRST_MONDAY
  const weeks = Math.floor(sinceAnchor / 7)
  return 5 * weeks + Math.min(sinceAnchor - 7 * weeks + 1, 5)
}

function checkCount(n: number): void {
  if (!Number.isInteger(n)) throw new RangeError(`Expected a whole number of days: ${n}`)
}

/** Whether offices are open that day: Monday to Friday and not a public holiday. */
export function isWorkingDay(date: IsoDate, holidays: HolidayOptions = {}): boolean {
  return isWorkingDayNumber(toDayNumber(date), holidays)
}

export function addCalendarDays(date: IsoDate, n: number): IsoDate {
  checkCount(n)
  return fromDayNumber(toDayNumber(date) + n)
}

/** Calendar days from `from` to `to`, negative when `to` is earlier. */
export function calendarDaysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from)
}

/**
 * The n-th working day after `date` (before it when n < 0); `date` itself never counts, so it need not be a
 * working day, and n = 0 returns it unchanged.
 */
export function addWorkingDays(date: IsoDate, n: number, holidays: HolidayOptions = {}): IsoDate {
  checkCount(n)
  const step = Math.sign(n)
  let day = toDayNumber(date)
  for (let left = Math.abs(n); left > 0; ) {
    day += step
    if (isWorkingDayNumber(day, holidays)) left -= 1
  }
  return fromDayNumber(day)
}

/**
 * Working days strictly after `from` up to and including `to`; when `to` is earlier, minus the count from `to`
 * to `from`. Counted by arithmetic, not day by day, so a span of years costs a few holiday lists.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate, holidays: HolidayOptions = {}): number {
  const start = toDayNumber(from)
  const end = toDayNumber(to)
  // `0 - x` rather than `-x`: a weekend counted backwards is 0, not -0 (which toEqual and Object.is tell apart).
  if (end < start) return 0 - workingDaysBetween(to, from, holidays)
  let holidaysOnWeekdays = 0
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year += 1) {
    for (const holiday of frenchPublicHolidays(year, holidays)) {
      if (holiday > from && holiday <= to && isWeekday(toDayNumber(holiday))) holidaysOnWeekdays += 1
    }
  }
  return weekdaysUpTo(end) - weekdaysUpTo(start) - holidaysOnWeekdays
}

/**
 * The calendar date an instant falls on in a time zone (France by default). Use it for "today": the UTC date
 * from toISOString() is still yesterday in Paris between midnight and 1 or 2 a.m.
 */
export function calendarDateIn(instant: Date | number, timeZone = 'Europe/Paris'): IsoDate {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`
}
