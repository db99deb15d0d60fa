/**
 * The sun at a décor for a shoot date, computed offline (suncalc, Meeus' formulas): sunrise, sunset, solar
 * noon, golden and blue hours, the sun's direction and height at a chosen time, and a fan of hourly directions
 * a compass or a map can draw. The shoot date is a calendar day in France; every time is given as the local
 * clock time 'HH:MM' in Europe/Paris (daylight saving included) and as an ISO instant.
 *
 * Definitions (those of timeanddate.com, which people check against):
 * - sunrise / sunset: the sun's upper edge on a flat horizon (centre 0.833° below it, refraction included);
 * - golden hour: the sun between 4° below and 6° above the horizon;
 * - blue hour: the sun between 6° and 4° below the horizon (just before the morning golden hour, just after the evening one);
 * - azimuth: compass degrees, 0 = north, 90 = east, clockwise; elevation: degrees above the horizon (apparent).
 */
import { addTime, getPosition, getTimes, times as sunTimeAngles, type SunTimes } from 'suncalc'
import type { Location, ShootDay } from '../model'
import { FRANCE_TIME_ZONE, localToInstant } from './mealLock'

export interface GeoPoint {
  lat: number
  lng: number
}

/** A moment of the day: local clock time in France, the instant as ISO (UTC) and in ms. */
export interface SunInstant {
  time: string
  iso: string
  at: number
}

export interface SunSpan {
  start: SunInstant
  end: SunInstant
}

/** `normal`: the sun rises and sets; `polarDay`: it never sets; `polarNight`: it never rises. */
export type SunDayKind = 'normal' | 'polarDay' | 'polarNight'

export interface SunDay {
  date: string
  position: GeoPoint
  kind: SunDayKind
  sunrise: SunInstant | null
  sunset: SunInstant | null
  solarNoon: SunInstant
  /** The sun's elevation at solar noon, its highest of the day. */
  noonElevation: number
  /** Minutes from sunrise to sunset (1440 on a polar day, 0 on a polar night). */
  daylightMinutes: number
  goldenHour: { morning: SunSpan | null; evening: SunSpan | null }
  blueHour: { morning: SunSpan | null; evening: SunSpan | null }
}

export interface SunDirection {
  /** Compass degrees, 0 = north, clockwise, in [0, 360). */
  azimuth: number
  /** Degrees above the horizon (negative: below it). */
  elevation: number
}

export interface SunRay extends SunDirection {
  kind: 'sunrise' | 'hour' | 'sunset'
  at: SunInstant
  /** Where the ray ends, `radiusM` metres from the décor towards the sun: a map draws the line origin → end. */
  end: GeoPoint
}

export interface SunFan {
  origin: GeoPoint
  radiusM: number
  rays: SunRay[]
}

/** Refused: a décor without a real position gets no sun study rather than the sun of somewhere else. */
export class InvalidPositionError extends RangeError {
  constructor(position: unknown) {
    super(`Not a position (lat -90..90, lng -180..180): ${JSON.stringify(position)}`)
    this.name = 'InvalidPositionError'
  }
}

// suncalc finds when the sun crosses an altitude only for the angles in its (module-wide) table, which has -6°
// (dawn, dusk) and +6° but not -4°, the edge between the blue and the golden hour: registered once, under names
// no other caller uses.
const GOLDEN_LOW = -4
const BLUE_END = 'regieBlueHourEnd'
const BLUE_START = 'regieBlueHourStart'
if (!sunTimeAngles.some(([, rise]) => rise === BLUE_END)) addTime(GOLDEN_LOW, BLUE_END, BLUE_START)

const EARTH_RADIUS_M = 6_371_008.8
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/

export function isValidPosition(position: unknown): position is GeoPoint {
  if (typeof position !== 'object' || position === null) return false
  const { lat, lng } = position as Partial<Record<'lat' | 'lng', unknown>>
  return typeof lat === 'number' && typeof lng === 'number' && Number.isFinite(lat) && Number.isFinite(lng)
    && Math.abs(lat) <= 90 && Math.abs(lng) <= 180
}

/** The décor's position, or null while it has none (lat and lng are optional on a décor). */
export function positionOf(location: Pick<Location, 'lat' | 'lng'>): GeoPoint | null {
  const position = { lat: location.lat, lng: location.lng }
  return isValidPosition(position) ? position : null
}

function checkPosition(position: GeoPoint): void {
  if (!isValidPosition(position)) throw new InvalidPositionError(position)
}

function checkDate(date: string): void {
  const ms = ISO_DATE.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`Not a calendar date in the form yyyy-mm-dd: ${date}`)
  }
}

/** The clock time 'HH:MM' of an instant in a time zone, to the nearest minute (as published tables round). */
export function localTime(at: number, timeZone = FRANCE_TIME_ZONE): string {
  const rounded = Math.round(at / 60_000) * 60_000
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(rounded)
}

function sunInstant(at: number, timeZone: string): SunInstant {
  return { time: localTime(at, timeZone), iso: new Date(Math.round(at / 1000) * 1000).toISOString(), at }
}

function instantOf(date: Date | null | undefined | boolean, timeZone: string): SunInstant | null {
  return date instanceof Date ? sunInstant(date.getTime(), timeZone) : null
}

function span(start: SunInstant | null, end: SunInstant | null): SunSpan | null {
  return start && end ? { start, end } : null
}

/** suncalc's times for the solar day around local noon of the date (the French calendar day, whatever the device's zone). */
function solarDay(position: GeoPoint, date: string, timeZone: string): SunTimes {
  checkPosition(position)
  checkDate(date)
  return getTimes(new Date(localToInstant(`${date}T12:00`, timeZone)), position.lat, position.lng)
}

/** Sunrise, sunset, solar noon, golden and blue hours at a position on a calendar day in France. */
export function sunDay(position: GeoPoint, date: string, timeZone = FRANCE_TIME_ZONE): SunDay {
  const times = solarDay(position, date, timeZone)
  const at = (name: string) => instantOf(times[name], timeZone)
  const sunrise = at('sunrise')
  const sunset = at('sunset')
  const kind: SunDayKind = times.alwaysUp ? 'polarDay' : times.alwaysDown ? 'polarNight' : 'normal'
  const solarNoon = sunInstant(times.solarNoon.getTime(), timeZone)
  return {
    date,
    position: { lat: position.lat, lng: position.lng },
    kind,
    sunrise,
    sunset,
    solarNoon,
    noonElevation: sunDirectionAt(position, solarNoon.at).elevation,
    daylightMinutes: sunrise && sunset ? Math.round((sunset.at - sunrise.at) / 60_000) : kind === 'polarDay' ? 1440 : 0,
    goldenHour: { morning: span(at(BLUE_END), at('goldenHourEnd')), evening: span(at('goldenHour'), at(BLUE_START)) },
    blueHour: { morning: span(at('dawn'), at(BLUE_END)), evening: span(at(BLUE_START), at('dusk')) },
  }
}

/** The sun's direction at an instant (ms). suncalc 2 already gives north-based clockwise degrees (1.x gave radians from the south). */
export function sunDirectionAt(position: GeoPoint, at: number): SunDirection {
  checkPosition(position)
  const { azimuth, altitude } = getPosition(new Date(at), position.lat, position.lng)
  return { azimuth: ((azimuth % 360) + 360) % 360, elevation: altitude }
}

/** The sun's direction at a local clock time 'HH:MM' of a calendar day in France. */
export function sunDirectionAtLocal(position: GeoPoint, date: string, time: string, timeZone = FRANCE_TIME_ZONE): SunDirection & { at: SunInstant } {
  checkDate(date)
  if (!HH_MM.test(time)) throw new RangeError(`Not a time HH:MM: ${time}`)
  const at = localToInstant(`${date}T${time}`, timeZone)
  return { ...sunDirectionAt(position, at), at: sunInstant(at, timeZone) }
}

/** The point `distanceM` metres from `origin` along a compass bearing (great circle on a spherical Earth). */
export function destinationPoint(origin: GeoPoint, bearing: number, distanceM: number): GeoPoint {
  checkPosition(origin)
  const toRad = Math.PI / 180
  const angular = distanceM / EARTH_RADIUS_M
  const lat1 = origin.lat * toRad
  const lng1 = origin.lng * toRad
  const theta = bearing * toRad
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(angular) + Math.cos(lat1) * Math.sin(angular) * Math.cos(theta))
  const lng2 = lng1 + Math.atan2(Math.sin(theta) * Math.sin(angular) * Math.cos(lat1), Math.cos(angular) - Math.sin(lat1) * Math.sin(lat2))
  return { lat: lat2 / toRad, lng: ((((lng2 / toRad) + 540) % 360) - 180) }
}

/**
 * The sun's directions over the day: sunrise, every full hour while the sun is up, sunset, each with the point
 * `radiusM` metres from the décor towards the sun. A polar day gives every hour; a polar night, no ray.
 */
export function sunFan(position: GeoPoint, date: string, options: { radiusM?: number; timeZone?: string } = {}): SunFan {
  const { radiusM = 150, timeZone = FRANCE_TIME_ZONE } = options
  const day = sunDay(position, date, timeZone)
  const ray = (kind: SunRay['kind'], at: SunInstant): SunRay => {
    const direction = sunDirectionAt(position, at.at)
    return { kind, at, ...direction, end: destinationPoint(position, direction.azimuth, radiusM) }
  }
  const rays: SunRay[] = []
  if (day.kind !== 'polarNight') {
    const from = day.sunrise?.at ?? -Infinity
    const to = day.sunset?.at ?? Infinity
    if (day.sunrise) rays.push(ray('sunrise', day.sunrise))
    const seen = new Set<number>()
    for (let hour = 0; hour < 24; hour += 1) {
      const at = localToInstant(`${date}T${String(hour).padStart(2, '0')}:00`, timeZone)
      // On the spring change 02:00 does not exist and reads as 03:00: one ray per instant.
      if (at > from && at < to && !seen.has(at)) rays.push(ray('hour', sunInstant(at, timeZone)))
      seen.add(at)
    }
    if (day.sunset) rays.push(ray('sunset', day.sunset))
  }
  return { origin: { lat: position.lat, lng: position.lng }, radiusM, rays }
}

const COMPASS_POINTS = ['N', 'NNE', 'NE', 'ENE', 'E', 'ESE', 'SE', 'SSE', 'S', 'SSW', 'SW', 'WSW', 'W', 'WNW', 'NW', 'NNW'] as const
export type CompassPoint = (typeof COMPASS_POINTS)[number]

/** The nearest of the 16 compass points ('NE', 'SSW'); the UI translates it (O for W in French). */
export function compassPoint(azimuth: number): CompassPoint {
  const index = Math.round((((azimuth % 360) + 360) % 360) / 22.5) % 16
  return COMPASS_POINTS[index]!
}

/** Décors whose light comes from outside: a night there needs lights, a generator and maybe a night-work permit. */
export const EXTERIOR_SETTINGS = ['EXT', 'INT/EXT'] as const

/**
 * The daylight problem of an exterior décor on a shoot day, or null. The call time at or after sunset (or a day
 * the sun never rises) is a warning: the whole day is shot at night. A wrap after sunset is only reported, as the
 * minutes of night at the end of the day: in winter nearly every day ends after dark, so warning on it would cry wolf.
 * A wrap earlier than the call is read as the next morning.
 */
export type DaylightIssue =
  | { kind: 'callAfterSunset'; sunset: SunInstant | null }
  | { kind: 'wrapAfterSunset'; sunset: SunInstant; minutesAfter: number }

export function daylightIssue(
  day: Pick<ShootDay, 'date' | 'callTime' | 'wrapTime'>,
  location: Pick<Location, 'intExt' | 'lat' | 'lng'>,
  timeZone = FRANCE_TIME_ZONE,
): DaylightIssue | null {
  const position = positionOf(location)
  if (!position || !(EXTERIOR_SETTINGS as readonly string[]).includes(location.intExt) || !day.callTime || !HH_MM.test(day.callTime)) return null
  const sun = sunDay(position, day.date, timeZone)
  if (sun.kind === 'polarNight') return { kind: 'callAfterSunset', sunset: null }
  if (!sun.sunset) return null
  const call = localToInstant(`${day.date}T${day.callTime}`, timeZone)
  if (call >= sun.sunset.at) return { kind: 'callAfterSunset', sunset: sun.sunset }
  if (!day.wrapTime || !HH_MM.test(day.wrapTime)) return null
  let wrap = localToInstant(`${day.date}T${day.wrapTime}`, timeZone)
  if (wrap < call) wrap += 86_400_000
  const minutesAfter = Math.round((wrap - sun.sunset.at) / 60_000)
  return minutesAfter > 0 ? { kind: 'wrapAfterSunset', sunset: sun.sunset, minutesAfter } : null
}

/** The date a décor's sun study opens on: its next shoot day from today, else today. */
export function studyDate<D extends Pick<ShootDay, 'date' | 'locationIds'>>(days: readonly D[], locationId: string, today: string): { date: string; day?: D } {
  const next = days
    .filter((day) => day.locationIds.includes(locationId) && day.date >= today)
    .reduce<D | undefined>((best, day) => (!best || day.date < best.date ? day : best), undefined)
  return next ? { date: next.date, day: next } : { date: today }
}
