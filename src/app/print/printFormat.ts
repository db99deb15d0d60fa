/**
 * Dates and times as printed on documents: in the UI language, in the production's calendar (Europe/Paris),
 * so a slip printed on a phone set to another time zone still shows the French day and hour it was signed.
 */
const TIME_ZONE = 'Europe/Paris'

/** A calendar day is formatted at noon UTC, in UTC, so it never shifts to the day before or after. */
function formatCalendarDay(date: string, locale: string, options: Intl.DateTimeFormatOptions): string {
  if (!date) return ''
  const instant = new Date(`${date}T12:00:00Z`)
  if (Number.isNaN(instant.getTime())) return date
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(instant)
}

/** '2025-06-20' -> '20 juin 2025', in a sentence ('' stays ''). */
export function formatDay(date: string, locale: string): string {
  return formatCalendarDay(date, locale, { day: 'numeric', month: 'long', year: 'numeric' })
}

/** '2025-06-20' -> '20/06/2025', for a table column or a badge ('' stays ''). */
export function formatDayShort(date: string, locale: string): string {
  return formatCalendarDay(date, locale, { dateStyle: 'short' })
}

/** An instant (ISO timestamp or Date) -> '20/06/2025 18:05' in Paris time. */
export function formatInstant(instant: string | Date, locale: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant
  if (Number.isNaN(date.getTime())) return String(instant)
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone: TIME_ZONE }).format(date)
}
