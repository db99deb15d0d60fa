/**
 * The places a shoot reserves, said the way residents and authorities read them: "Rue des Martyrs, côté impair, du
 * n° 45 au n° 53" (the places and hours themselves come from core/rules/streetPlaces.ts), and the days a residents'
 * notice bans parking on.
 */
import type { DayWindow, NumberRange, ReservedPlace } from '../../../../core/rules/streetPlaces'

/** Translates a locale key in the document's language. */
export type DocumentTranslate = (key: string, named?: Record<string, unknown>, plural?: number) => string

/** "du n° 45 au n° 53", "au droit du n° 12", joined with "et". */
export function rangesText(ranges: readonly NumberRange[], td: DocumentTranslate): string {
  const parts = ranges.map(({ from, to }) => (from === to ? td('planPrint.extent.single', { n: from }) : td('planPrint.extent.range', { from, to })))
  if (parts.length <= 1) return parts[0] ?? ''
  return `${parts.slice(0, -1).join(', ')} ${td('planPrint.extent.and')} ${parts[parts.length - 1]}`
}

/** "Rue des Martyrs, côté impair, du n° 45 au n° 53": one street side and its ranges, as printed. */
export function placeText(place: Pick<ReservedPlace, 'street' | 'side' | 'ranges'>, td: DocumentTranslate): string {
  return [place.street, place.side ? td(`planPrint.extent.side.${place.side}`) : '', rangesText(place.ranges, td)].filter(Boolean).join(', ')
}

/** One day of a residents' notice: when the shoot is there, when its vehicles hold the street, and where. */
export interface NoticeDay {
  id: string
  number: number
  date: string
  shoot: DayWindow
  reserved: DayWindow
  places: ReservedPlace[]
}

/**
 * The days a notice bans parking on, and whether to name each day's places: a day with no vehicle on the street bans
 * nothing (unless no day has any: the notice is then filled in by hand); when the days do not reserve the same
 * places, each day says its own.
 */
export function parkingBan(days: readonly NoticeDay[], td: DocumentTranslate): { days: NoticeDay[]; placesPerDay: boolean } {
  const banning = days.filter((day) => day.places.length > 0)
  if (banning.length === 0) return { days: [...days], placesPerDay: false }
  const said = (day: NoticeDay) => day.places.map((place) => placeText(place, td)).join('\n')
  return { days: banning, placesPerDay: banning.some((day) => said(day) !== said(banning[0]!)) }
}
