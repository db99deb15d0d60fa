/**
 * The language the printed plan speaks. The plan printout and the residents' notice are French unless ?lang=en
 * (they go to French authorities and residents) and provide that language; inside the permit request the plan speaks
 * the request's language, the app's. Also the few formats the plan documents share (days, hours, metres).
 */
import { computed, inject, provide, type ComputedRef, type InjectionKey } from 'vue'
import { useI18n } from 'vue-i18n'
import type { DocumentTranslate } from './streetPlaces'

export interface PlanText {
  td: DocumentTranslate
  lang: ComputedRef<string>
}

const KEY: InjectionKey<PlanText> = Symbol('planText')

export function providePlanText(text: PlanText): void {
  provide(KEY, text)
}

export function usePlanText(): PlanText {
  const provided = inject(KEY, null)
  if (provided) return provided
  const { t, locale } = useI18n()
  return {
    td: (key, named = {}, plural) => (plural === undefined ? t(key, named) : t(key, named, plural)),
    lang: computed(() => locale.value),
  }
}

/** '2026-05-12' -> 'mardi 12 mai 2026' (at noon UTC, so the day never shifts with the phone's time zone). */
export function formatLongDay(date: string, lang: string): string {
  const instant = new Date(`${date}T12:00:00Z`)
  if (!date || Number.isNaN(instant.getTime())) return date
  return new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(instant)
}

/** '06:30' -> '6 h 30', '20:00' -> '20 h' in French, as notices write hours; unchanged in English. */
export function formatHour(time: string, lang: string): string {
  const match = /^(\d{2}):(\d{2})$/.exec(time)
  if (!match || !lang.startsWith('fr')) return time
  const hours = Number(match[1])
  return match[2] === '00' ? `${hours} h` : `${hours} h ${match[2]}`
}

export function formatMetres(value: number, lang: string, fractionDigits = 1): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: fractionDigits }).format(value)
}
