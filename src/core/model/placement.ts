/**
 * A vehicle placed for one shoot day: where (drawn at real scale, rotated by `heading`), when, and the street
 * extent it occupies (street, "du n° X au n° Y", côté pair / impair).
 */
import * as v from 'valibot'
import { baseEntries, choice, id, latitude, longitude, optionalNumber, optionalText, optionalTime, time } from './fields'

export const STREET_SIDES = ['', 'even', 'odd'] as const

export { PLACEMENT_POSITION, PLACEMENT_POSITION_FIELDS, type PlacementPosition } from './placementPosition'

export const placementFields = {
  vehicleId: id,
  shootDayId: id,
  locationId: v.optional(v.string(), ''),
  lat: latitude,
  lng: longitude,
  heading: v.optional(v.pipe(v.number('validation.number'), v.minValue(0, 'validation.heading'), v.maxValue(360, 'validation.heading')), 0),
  arrival: optionalTime,
  departure: optionalTime,
  /**
   * On the public street (counted by a city's caps, needs a permit and a residents' notice) or off it: a yard,
   * a private car park, an off-street base camp.
   */
  onStreet: v.optional(v.boolean(), true),
  /** The kerb line of the day's plan this vehicle is parked along (street, side and numbers come from it). */
  kerbId: v.optional(v.string(), ''),
  street: optionalText(160),
  fromNumber: optionalNumber(0, 10_000),
  toNumber: optionalNumber(0, 10_000),
  side: v.optional(choice(STREET_SIDES), ''),
  notes: optionalText(2000),
}

type Times = { arrival?: string; departure?: string }

const isTime = (text: string | undefined): text is string => text !== undefined && v.is(time, text)

/**
 * HH:MM strings compare in order; a vehicle cannot leave before it arrives (an overnight stay is two placements).
 * A malformed time has its own error: comparing it would add a misleading one on the departure.
 */
export function departureAfterArrival({ arrival, departure }: Times): boolean {
  return !isTime(arrival) || !isTime(departure) || departure > arrival
}

export const PlacementInputSchema = v.pipe(
  v.looseObject(placementFields),
  v.forward(v.partialCheck([['arrival'], ['departure']], departureAfterArrival, 'validation.departureBeforeArrival'), ['departure']),
)
export const PlacementSchema = v.pipe(
  v.looseObject({ ...baseEntries, ...placementFields }),
  v.forward(v.partialCheck([['arrival'], ['departure']], departureAfterArrival, 'validation.departureBeforeArrival'), ['departure']),
)
export type Placement = v.InferOutput<typeof PlacementSchema>
