/**
 * The places a shoot reserves, said the way residents and authorities read them: "Rue des Martyrs, côté impair, du
 * n° 45 au n° 53". Each on-street placement carries its street, side and house numbers; the ranges of one street
 * side are merged (two vans in front of 45-47 and 49-53 reserve 45 to 53), so the notice and the plan's vehicle list
 * say the same thing. Also the hours a day's vehicles hold the street. Pure functions, with their tests.
 */
import type { Placement, ShootDay } from '../../../../core/model'
import { SIDE_ORDER, streetKey, type StreetSide } from '../../../../core/rules/streetExtent'

export interface NumberRange {
  from: number
  to: number
}

export interface ReservedPlace {
  /** The street as first spelt among its placements. */
  street: string
  side: StreetSide
  /** Merged, in increasing order; empty when no placement of this street side has house numbers. */
  ranges: NumberRange[]
  /** Some placements of this street side have no house numbers: the notice must say the place is to be confirmed. */
  unnumbered: boolean
}

type StreetFields = Pick<Placement, 'street' | 'side' | 'fromNumber' | 'toNumber'> & { onStreet?: boolean }

/**
 * Merges ranges that overlap or follow each other on the same side of a street: the next house on a side is two
 * numbers on (45, 47, 49), so a gap of `gap` numbers or less joins two ranges.
 */
export function mergeRanges(ranges: readonly NumberRange[], gap = 2): NumberRange[] {
  const sorted = ranges
    .map(({ from, to }) => ({ from: Math.min(from, to), to: Math.max(from, to) }))
    .sort((a, b) => a.from - b.from || a.to - b.to)
  const merged: NumberRange[] = []
  for (const range of sorted) {
    const last = merged[merged.length - 1]
    if (last && range.from - last.to <= gap) last.to = Math.max(last.to, range.to)
    else merged.push({ ...range })
  }
  return merged
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

/** The range a placement stands in front of; a single typed number is a one-house range. */
export function placementRange({ fromNumber, toNumber }: Pick<Placement, 'fromNumber' | 'toNumber'>): NumberRange | null {
  const from = isNumber(fromNumber) ? fromNumber : isNumber(toNumber) ? toNumber : null
  const to = isNumber(toNumber) ? toNumber : from
  return from === null || to === null ? null : { from: Math.min(from, to), to: Math.max(from, to) }
}

/**
 * The places reserved on the street, per street and side, from the on-street placements that name a street
 * (off-street ones take no public space). Sorted by street, then even, odd and unknown side.
 */
export function reservedPlaces(placements: readonly StreetFields[]): ReservedPlace[] {
  const groups = new Map<string, { street: string; side: StreetSide; ranges: NumberRange[]; unnumbered: boolean }>()
  for (const placement of placements) {
    if (placement.onStreet === false) continue
    const street = (placement.street ?? '').trim().replace(/\s+/g, ' ')
    if (!street) continue
    const side = (placement.side ?? '') as StreetSide
    const key = `${streetKey(street)}\u0000${side}`
    const group = groups.get(key) ?? { street, side, ranges: [], unnumbered: false }
    const range = placementRange(placement)
    if (range) group.ranges.push(range)
    else group.unnumbered = true
    groups.set(key, group)
  }
  return [...groups.values()]
    .map((group) => ({ ...group, ranges: mergeRanges(group.ranges) }))
    .sort((a, b) => a.street.localeCompare(b.street, 'fr') || SIDE_ORDER[a.side] - SIDE_ORDER[b.side])
}

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

export interface DayWindow {
  start: string
  end: string
  /** Where the hours come from: the placements' arrivals and departures, the day's call and wrap, or nothing. */
  source: 'placements' | 'callWrap' | 'none'
}

/**
 * The hours a day's vehicles hold the street: the earliest arrival and the latest departure of its placements,
 * else the day's call and wrap times. HH:MM strings compare in time order.
 */
export function dayWindow(day: Pick<ShootDay, 'callTime' | 'wrapTime'>, placements: readonly Pick<Placement, 'arrival' | 'departure'>[]): DayWindow {
  const arrivals = placements.map((placement) => placement.arrival ?? '').filter(Boolean).sort()
  const departures = placements.map((placement) => placement.departure ?? '').filter(Boolean).sort()
  const start = arrivals[0] ?? day.callTime ?? ''
  const end = departures[departures.length - 1] ?? day.wrapTime ?? ''
  const source = arrivals.length > 0 || departures.length > 0 ? 'placements' : start || end ? 'callWrap' : 'none'
  return { start, end, source }
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
