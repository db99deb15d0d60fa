/**
 * The places a shoot reserves on the street and the hours it holds them, from its placements: each on-street
 * placement carries its street, side and house numbers; the ranges of one street side are merged (two vans in front
 * of 45-47 and 49-53 reserve 45 to 53), so the residents' notice and the plan's vehicle list say the same thing.
 */
import type { Placement, ShootDay } from '../model'
import { SIDE_ORDER, streetKey, type StreetSide } from './streetExtent'

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
