/**
 * Which meal services a shoot day is owed, from its day type and its call and wrap times (DOMAIN.md, "Meal
 * counts"). The thresholds are data, a preset the production can edit; the rules that read them are here.
 *
 * Times are 'HH:MM' clock times on the shoot date. A wrap earlier than the call ends after midnight, so a day
 * lasts 0 to 23 h 59 and is handled as the span [call, wrap) in minutes from midnight of the shoot date.
 */
import * as v from 'valibot'
import { MEAL_SERVICES, type MealService } from '../model/meal'
import { DAY_TYPES } from '../model/shootDay'
import { count, time } from '../model/fields'

export type DayType = (typeof DAY_TYPES)[number]

/** What the rules need of a shoot day; `callTime` and `wrapTime` may be '' while the day is being planned. */
export interface MealDay {
  dayType: DayType
  callTime: string
  wrapTime: string
}

/** Why a service is owed: locale keys, so the UI and the printouts explain each count in French or English. */
export const MEAL_REASONS = {
  earlyCall: 'meals.reason.earlyCall',
  middayBreak: 'meals.reason.middayBreak',
  eveningBreak: 'meals.reason.eveningBreak',
  offHoursBreak: 'meals.reason.offHoursBreak',
  continuousPause: 'meals.reason.continuousPause',
  lateWrap: 'meals.reason.lateWrap',
  nightShoot: 'meals.reason.nightShoot',
  longDay: 'meals.reason.longDay',
} as const
export type MealReason = (typeof MEAL_REASONS)[keyof typeof MEAL_REASONS]

export interface OwedService {
  service: MealService
  reason: MealReason
}

const minutes = (max = 1440) => count(max)
const positiveMinutes = (max = 1440) => v.pipe(count(max), v.minValue(1, 'validation.positive'))
/** A clock window; `to` before `from` runs past midnight. An empty window (from = to) would silently switch a rule off. */
const clockWindow = v.pipe(
  v.looseObject({ from: time, to: time }),
  v.check((window) => window.from !== window.to, 'validation.emptyWindow'),
)
const breakRule = v.looseObject({
  /** Length of the meal break or pause. */
  breakMinutes: positiveMinutes(240),
  /** The break must end within this many minutes of the call; null: anywhere in the day. */
  breakWithinMinutes: v.nullable(positiveMinutes()),
})

export const MealRulePresetSchema = v.looseObject({
  version: v.literal(1),
  breakfast: v.looseObject({ callFrom: time, callUntil: time }),
  dayTypes: v.looseObject({ normal: breakRule, continuous: breakRule }),
  /** A day longer than this owes its break (and a meal) even when the break falls outside meal hours. */
  breakRequiredAfterMinutes: minutes(),
  lunch: clockWindow,
  dinner: v.pipe(
    v.looseObject({ from: time, to: time, lateWrapAt: time }),
    v.check((window) => window.from !== window.to, 'validation.emptyWindow'),
  ),
  snack: v.looseObject({ night: clockWindow, nightMinMinutes: positiveMinutes(), longDayFromMinutes: positiveMinutes() }),
})
export type MealRulePreset = v.InferOutput<typeof MealRulePresetSchema>

/**
 * Editable defaults drawn from common French practice (convention collective de la production
 * cinématographique and Code du travail); a production changes them to match its caterer and its agreements.
 */
export const DEFAULT_MEAL_PRESET: MealRulePreset = deepFreeze({
  version: 1,
  // Breakfast on set for a call from 04:00 to 07:00 inclusive: the crew left home before cafés open.
  // An earlier call is a night call, fed by the night snack rather than a breakfast.
  breakfast: { callFrom: '04:00', callUntil: '07:00' },
  dayTypes: {
    // Normal day: a 1-hour meal break, wherever it fits in the day.
    normal: { breakMinutes: 60, breakWithinMinutes: null },
    // Journée continue: a 30-minute pause taken within 6 hours of the call, the meal served on set.
    continuous: { breakMinutes: 30, breakWithinMinutes: 360 },
  },
  // French labour law asks for a break once work reaches 6 hours (Code du travail L3121-16).
  breakRequiredAfterMinutes: 360,
  // The break is lunch when it fits in 11:30-14:30, dinner when it fits in 19:00-22:00 (the window holding
  // more of it wins: a 13:00-22:00 day breaks for dinner), a snack when it fits neither.
  lunch: { from: '11:30', to: '14:30' },
  // A day that started before 21:00 and is still running at 21:00 owes a dinner, whatever its break.
  dinner: { from: '19:00', to: '22:00', lateWrapAt: '21:00' },
  snack: {
    // Night shoot: at least 2 hours of work between midnight and 05:00 owes a collation / casse-croûte.
    night: { from: '00:00', to: '05:00' },
    nightMinMinutes: 120,
    // Long day: 11 hours from call to wrap, two past the usual 9 (8 hours of work and the 1-hour meal break).
    longDayFromMinutes: 660,
  },
})

const DAY = 1440
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/

/** Minutes since midnight of an 'HH:MM' time; null when empty or malformed. */
export function clockMinutes(text: string): number | null {
  const match = CLOCK.exec(text)
  return match ? Number(match[1]) * 60 + Number(match[2]) : null
}

/**
 * Minutes from call to wrap; a wrap earlier than the call is on the next day. Equal times make an empty day
 * (0), never a 24-hour one. Null when either time is missing or malformed.
 */
export function dayDurationMinutes(call: string, wrap: string): number | null {
  const span = daySpan(call, wrap)
  return span && span.end - span.start
}

interface Span {
  start: number
  end: number
}

function daySpan(call: string, wrap: string): Span | null {
  const start = clockMinutes(call)
  const end = clockMinutes(wrap)
  if (start === null || end === null) return null
  return { start, end: end < start ? end + DAY : end }
}

/** Minutes a span shares with a daily clock window, on the shoot date, the day before and the day after. */
function overlapMinutes(span: Span, from: string, to: string): number {
  const windowStart = clockMinutes(from) ?? 0
  const windowEnd = clockMinutes(to) ?? 0
  const end = windowEnd < windowStart ? windowEnd + DAY : windowEnd
  let total = 0
  for (const offset of [-DAY, 0, DAY]) {
    total += Math.max(0, Math.min(span.end, end + offset) - Math.max(span.start, windowStart + offset))
  }
  return total
}

/** Whether a clock time lies in [from, until], both inclusive; `until` before `from` runs past midnight. */
function clockWithin(at: number, from: string, until: string): boolean {
  const start = clockMinutes(from) ?? 0
  const end = clockMinutes(until) ?? 0
  return start <= end ? at >= start && at <= end : at >= start || at <= end
}

/** Whether the day started before a clock time and is still running at it (that day or the next). */
function runsPast(span: Span, at: string): boolean {
  const moment = clockMinutes(at) ?? 0
  return [moment, moment + DAY].some((instant) => span.start < instant && span.end >= instant)
}

/**
 * The meal of the day's break: lunch or dinner, whichever window holds more of the break zone (lunch on a tie),
 * if it holds the whole break; else a snack when the day is long enough to need a break at all.
 */
function mealBreak(span: Span, dayType: DayType, preset: MealRulePreset): OwedService | null {
  const rule = preset.dayTypes[dayType]
  const zoneEnd = rule.breakWithinMinutes === null ? span.end : Math.min(span.end, span.start + rule.breakWithinMinutes)
  const zone = { start: span.start, end: zoneEnd }
  const continuous = dayType === 'continuous'
  const lunch = overlapMinutes(zone, preset.lunch.from, preset.lunch.to)
  const dinner = overlapMinutes(zone, preset.dinner.from, preset.dinner.to)
  if (Math.max(lunch, dinner) >= rule.breakMinutes) {
    const service = lunch >= dinner ? 'lunch' : 'dinner'
    const reason = continuous ? MEAL_REASONS.continuousPause : service === 'lunch' ? MEAL_REASONS.middayBreak : MEAL_REASONS.eveningBreak
    return { service, reason }
  }
  if (span.end - span.start > preset.breakRequiredAfterMinutes) {
    return { service: 'snack', reason: continuous ? MEAL_REASONS.continuousPause : MEAL_REASONS.offHoursBreak }
  }
  return null
}

/**
 * The services a day is owed, one entry per service in MEAL_SERVICES order, each with the most telling rule
 * that asked for it (a night shoot's snack says "night shoot" rather than "break outside meal hours").
 * A day without both times, or an empty one, owes nothing yet: the UI asks for the times.
 */
export function servicesOwed(day: MealDay, preset: MealRulePreset = DEFAULT_MEAL_PRESET): OwedService[] {
  const span = daySpan(day.callTime, day.wrapTime)
  if (!span || span.end === span.start) return []
  const owed = new Map<MealService, MealReason>()
  const owe = (service: MealService, reason: MealReason) => {
    if (!owed.has(service)) owed.set(service, reason)
  }

  if (clockWithin(span.start, preset.breakfast.callFrom, preset.breakfast.callUntil)) owe('breakfast', MEAL_REASONS.earlyCall)
  const breakMeal = mealBreak(span, day.dayType, preset)
  // A break off meal hours comes last: on a night or long day, that reason names the snack better.
  const offHoursBreak = breakMeal?.service === 'snack' ? breakMeal : null
  if (breakMeal && !offHoursBreak) owe(breakMeal.service, breakMeal.reason)
  if (runsPast(span, preset.dinner.lateWrapAt)) owe('dinner', MEAL_REASONS.lateWrap)
  if (overlapMinutes(span, preset.snack.night.from, preset.snack.night.to) >= preset.snack.nightMinMinutes) owe('snack', MEAL_REASONS.nightShoot)
  if (span.end - span.start >= preset.snack.longDayFromMinutes) owe('snack', MEAL_REASONS.longDay)
  if (offHoursBreak) owe(offHoursBreak.service, offHoursBreak.reason)

  return [...owed]
    .sort(([a], [b]) => MEAL_SERVICES.indexOf(a) - MEAL_SERVICES.indexOf(b))
    .map(([service, reason]) => ({ service, reason }))
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) if (child && typeof child === 'object') deepFreeze(child)
  return Object.freeze(value)
}
