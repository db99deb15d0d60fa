/** How the sun study words its numbers: compass points in the UI language, whole degrees, durations. */
import { compassPoint, type DaylightIssue, type SunSpan } from '../../../../core/rules/sun'
import type { Translate } from '../../records/entityView'

/** 'SO' in French, 'SW' in English. */
export function compassLabel(azimuth: number, t: Translate): string {
  return t(`sun.compass.${compassPoint(azimuth)}`)
}

/** Whole degrees with a true minus sign: −12°. */
export function degrees(value: number): string {
  const rounded = Math.round(value)
  return `${rounded < 0 ? '−' : ''}${Math.abs(rounded)}`
}

/** '8 h 05', or '36 min' under an hour. */
export function duration(minutes: number, t: Translate): string {
  if (minutes < 60) return t('sun.durationMinutes', { m: minutes })
  return t('sun.duration', { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, '0') })
}

export function spanLabel(span: SunSpan | null, t: Translate): string {
  return span ? t('sun.times.span', { start: span.start.time, end: span.end.time }) : t('sun.times.none')
}

/** The warning or note for a day at an exterior décor. */
export function issueLabel(issue: DaylightIssue, t: Translate): string {
  if (issue.kind === 'wrapAfterSunset') return t('sun.warnings.wrapAfterSunset', { duration: duration(issue.minutesAfter, t), sunset: issue.sunset.time })
  return issue.sunset ? t('sun.warnings.callAfterSunset', { sunset: issue.sunset.time }) : t('sun.warnings.noSunrise')
}

/** 'HH:MM' ⇄ minutes since midnight, for the time slider. */
export const timeToMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
export const minutesToTime = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
