/**
 * French public holidays (jours fériés, Code du travail art. L3133-1), computed for any Gregorian year so that
 * permit deadlines work offline and years ahead. Dates are calendar days 'yyyy-mm-dd', never instants.
 *
 * Metropolitan France has 11. Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle) adds Good Friday (Vendredi saint)
 * and 26 December (Saint-Étienne) under its local law: pass `{ alsaceMoselle: true }` for a shoot there.
 * Whit Monday stays a public holiday even where employers use it as the journée de solidarité.
 */

export interface HolidayOptions {
  /** Adds Good Friday and 26 December (local law of Bas-Rhin, Haut-Rhin and Moselle). */
  alsaceMoselle?: boolean
}

export const FRENCH_HOLIDAY_KEYS = [
  'newYear', 'goodFriday', 'easterMonday', 'labourDay', 'victoryInEurope', 'ascension', 'whitMonday',
  'bastilleDay', 'assumption', 'allSaints', 'armistice', 'christmas', 'saintStephen',
] as const
/** Stable keys so the app can name a holiday from its locale files (core holds no user-facing text). */
export type FrenchHolidayKey = (typeof FRENCH_HOLIDAY_KEYS)[number]

export interface FrenchHoliday {
  date: string
  key: FrenchHolidayKey
}

/** Gregorian rules (and so this computus) start in 1583; 4-digit years keep 'yyyy-mm-dd' well formed. */
const FIRST_YEAR = 1583
const LAST_YEAR = 9999

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new RangeError(`Year out of the Gregorian range ${FIRST_YEAR}-${LAST_YEAR}: ${year}`)
  }
}

/** Date.UTC rolls day overflow into the next month, which makes "Easter + 50" a one-liner. */
function utcDate(year: number, monthIndex: number, day: number): string {
  return new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10)
}

/** The month (1-12) and day of Easter Sunday: the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterMonthDay(year: number): [month: number, day: number] {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const n = h + l - 7 * m + 114
  return [Math.floor(n / 31), (n % 31) + 1]
}

/** Easter Sunday of a Gregorian year, as 'yyyy-mm-dd'. */
export function easterSunday(year: number): string {
  checkYear(year)
  const [month, day] = easterMonthDay(year)
  return utcDate(year, month - 1, day)
}

/** Every holiday of the year with its key, sorted by date; two holidays may share a day (Ascension = 1 May in 2008). */
export function frenchPublicHolidayCalendar(year: number, options: HolidayOptions = {}): FrenchHoliday[] {
  checkYear(year)
  const [easterMonth, easterDay] = easterMonthDay(year)
  const afterEaster = (days: number) => utcDate(year, easterMonth - 1, easterDay + days)
  const holidays: FrenchHoliday[] = [
    { date: utcDate(year, 0, 1), key: 'newYear' },
    { date: afterEaster(1), key: 'easterMonday' },
    { date: utcDate(year, 4, 1), key: 'labourDay' },
    { date: utcDate(year, 4, 8), key: 'victoryInEurope' },
    { date: afterEaster(39), key: 'ascension' },
    { date: afterEaster(50), key: 'whitMonday' },
    { date: utcDate(year, 6, 14), key: 'bastilleDay' },
    { date: utcDate(year, 7, 15), key: 'assumption' },
    { date: utcDate(year, 10, 1), key: 'allSaints' },
    { date: utcDate(year, 10, 11), key: 'armistice' },
    { date: utcDate(year, 11, 25), key: 'christmas' },
  ]
  if (options.alsaceMoselle) {
    holidays.push({ date: afterEaster(-2), key: 'goodFriday' }, { date: utcDate(year, 11, 26), key: 'saintStephen' })
  }
  // Sort is stable, so a shared day keeps the listing order above.
  return holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0))
}

/** Working-day loops ask this for every day they step over: compute each year's set once. */
const holidaySets = new Map<string, ReadonlySet<string>>()

function holidaySet(year: number, options: HolidayOptions): ReadonlySet<string> {
  const cacheKey = `${year}:${options.alsaceMoselle === true}`
  let set = holidaySets.get(cacheKey)
  if (!set) {
    set = new Set(frenchPublicHolidayCalendar(year, options).map((holiday) => holiday.date))
    holidaySets.set(cacheKey, set)
  }
  return set
}

/** The distinct holiday dates of the year, sorted ('yyyy-mm-dd'). */
export function frenchPublicHolidays(year: number, options: HolidayOptions = {}): string[] {
  return [...holidaySet(year, options)]
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** Whether a 'yyyy-mm-dd' date is a French public holiday; refuses other shapes rather than answer "no". */
export function isFrenchPublicHoliday(date: string, options: HolidayOptions = {}): boolean {
  if (!ISO_DATE.test(date)) throw new RangeError(`Not a date in the form yyyy-mm-dd: ${date}`)
  return holidaySet(Number(date.slice(0, 4)), options).has(date)
}
