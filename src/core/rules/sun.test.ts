import { describe, expect, it } from 'vitest'
import {
  compassPoint, daylightIssue, destinationPoint, InvalidPositionError, isValidPosition, localTime, positionOf, studyDate,
  sunDay, sunDirectionAt, sunDirectionAtLocal, sunFan, type SunInstant,
} from './sun'

/** Paris, the Observatory's meridian area (Hôtel de Ville). */
const PARIS = { lat: 48.8566, lng: 2.3522 }
const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
/** Published tables give the minute; the algorithms and the exact point in Paris differ by a minute or so. */
const within = (instant: SunInstant | null, published: string, tolerance = 2) => {
  expect(instant).not.toBeNull()
  expect(Math.abs(minutes(instant!.time) - minutes(published))).toBeLessThanOrEqual(tolerance)
}

describe('sunDay: published sunrise and sunset in Paris (local time, 2-minute tolerance)', () => {
  // Sunrise and sunset on a calendar date repeat within about a minute from one year to the next, so a
  // published value for the same date of another year is a fair check of the 2026 one.
  it('summer solstice, 21 June 2026: 05:47 and 21:58', () => {
    // paristickets.com "Paris in June": sunrise 05:47, sunset 21:57; a Paris blog on 24 June 2023
    // (pariswerewolves.blogspot.com): 5:48 and 21:58; whattime.city/paris/sun, 1 June: 05:53 and 21:46.
    const day = sunDay(PARIS, '2026-06-21')
    within(day.sunrise, '05:47')
    within(day.sunset, '21:58')
    within(sunDay(PARIS, '2026-06-01').sunrise, '05:53')
    within(sunDay(PARIS, '2026-06-01').sunset, '21:46')
    expect(day.kind).toBe('normal')
    expect(day.daylightMinutes).toBeGreaterThan(16 * 60)
  })

  it('winter solstice, 21 December 2026: 08:41 and 16:56', () => {
    // particle.news, 21 December 2025: "the sun rose at 8:41 and set at 16:56"; parisdepeches.fr (dateandtime.info),
    // 22 December 2019: 8:42, solar noon 12:49, 16:56.
    const day = sunDay(PARIS, '2026-12-21')
    within(day.sunrise, '08:41')
    within(day.sunset, '16:56')
    within(day.solarNoon, '12:49')
    expect(day.daylightMinutes).toBeGreaterThan(8 * 60 + 10)
    expect(day.daylightMinutes).toBeLessThan(8 * 60 + 20)
  })

  it('autumn clock change, 29 October 2023 (03:00 → 02:00): sunset 17:36, then 17:34 and 17:32', () => {
    // ephemeride.com, quoted by Centre Presse Aveyron on 28 October 2023.
    within(sunDay(PARIS, '2023-10-29').sunset, '17:36')
    within(sunDay(PARIS, '2023-10-30').sunset, '17:34')
    within(sunDay(PARIS, '2023-10-31').sunset, '17:32')
    // whattime.city/paris/sun, 1 November: 07:38 and 17:32.
    within(sunDay(PARIS, '2026-11-01').sunrise, '07:38')
    within(sunDay(PARIS, '2026-11-01').sunset, '17:32')
  })

  it('the 2026 clock changes move the clock times by an hour on the very day', () => {
    // 29 March 2026, 02:00 → 03:00: sunrise about 58 minutes later on the clock than the day before (the sun itself is 2 minutes earlier).
    const shift = (date: string, before: string, event: 'sunrise' | 'sunset') =>
      minutes(sunDay(PARIS, date)[event]!.time) - minutes(sunDay(PARIS, before)[event]!.time)
    expect(shift('2026-03-29', '2026-03-28', 'sunrise')).toBeGreaterThanOrEqual(56)
    expect(shift('2026-03-29', '2026-03-28', 'sunrise')).toBeLessThanOrEqual(59)
    expect(sunDay(PARIS, '2026-03-29').sunrise!.iso.slice(0, 13)).toBe('2026-03-29T05')
    // 25 October 2026, 03:00 → 02:00: about an hour earlier on the clock.
    expect(shift('2026-10-25', '2026-10-24', 'sunset')).toBeGreaterThanOrEqual(-63)
    expect(shift('2026-10-25', '2026-10-24', 'sunset')).toBeLessThanOrEqual(-61)
    expect(sunDay(PARIS, '2026-10-25').sunset!.iso.slice(0, 13)).toBe('2026-10-25T16')
  })

  it('orders the light of the day: blue hour, golden hour around sunrise, noon, golden hour around sunset, blue hour', () => {
    const day = sunDay(PARIS, '2026-06-21')
    const order = [
      day.blueHour.morning!.start, day.blueHour.morning!.end, day.sunrise!, day.goldenHour.morning!.end, day.solarNoon,
      day.goldenHour.evening!.start, day.sunset!, day.blueHour.evening!.start, day.blueHour.evening!.end,
    ].map((instant) => instant.at)
    expect(order).toEqual([...order].sort((a, b) => a - b))
    // The golden hour starts where the blue hour ends (the sun 4° below the horizon).
    expect(day.goldenHour.morning!.start).toEqual(day.blueHour.morning!.end)
    expect(day.goldenHour.evening!.end).toEqual(day.blueHour.evening!.start)
    expect(day.sunrise!.time).toMatch(/^\d{2}:\d{2}$/)
    expect(day.sunrise!.iso).toMatch(/^2026-06-21T03:4\d:\d{2}\.000Z$/)
  })

  it('says when the sun never sets or never rises (polar day and night) instead of inventing times', () => {
    const svalbard = { lat: 78.22, lng: 15.65 }
    const summer = sunDay(svalbard, '2026-06-21')
    expect(summer).toMatchObject({ kind: 'polarDay', sunrise: null, sunset: null, daylightMinutes: 1440 })
    expect(sunFan(svalbard, '2026-06-21').rays).toHaveLength(24)
    const winter = sunDay(svalbard, '2026-12-21')
    expect(winter).toMatchObject({ kind: 'polarNight', sunrise: null, sunset: null, daylightMinutes: 0 })
    expect(winter.goldenHour).toEqual({ morning: null, evening: null })
    expect(sunFan(svalbard, '2026-12-21').rays).toEqual([])
  })
})

describe('the sun\'s direction (compass degrees, 0 = north, clockwise)', () => {
  it('is due south at solar noon, high in June and low in December', () => {
    for (const date of ['2026-06-21', '2026-12-21']) {
      const noon = sunDay(PARIS, date).solarNoon
      expect(sunDirectionAt(PARIS, noon.at).azimuth).toBeCloseTo(180, 0)
    }
    expect(sunDay(PARIS, '2026-06-21').noonElevation).toBeCloseTo(64.6, 0)
    expect(sunDay(PARIS, '2026-12-21').noonElevation).toBeCloseTo(17.8, 0)
  })

  it('rises in the north-east and sets in the north-west in June, in the south-east and south-west in December', () => {
    const june = sunDay(PARIS, '2026-06-21')
    const december = sunDay(PARIS, '2026-12-21')
    const azimuth = (instant: SunInstant | null) => sunDirectionAt(PARIS, instant!.at).azimuth
    expect(azimuth(june.sunrise)).toBeGreaterThan(45)
    expect(azimuth(june.sunrise)).toBeLessThan(60)
    expect(compassPoint(azimuth(june.sunrise))).toBe('NE')
    expect(compassPoint(azimuth(june.sunset))).toBe('NW')
    expect(azimuth(december.sunrise)).toBeGreaterThan(120)
    expect(azimuth(december.sunrise)).toBeLessThan(135)
    expect(compassPoint(azimuth(december.sunrise))).toBe('SE')
    expect(compassPoint(azimuth(december.sunset))).toBe('SW')
  })

  it('at a local time on the day: west in the June evening, below the horizon at midnight', () => {
    const evening = sunDirectionAtLocal(PARIS, '2026-06-21', '19:00')
    expect(evening.at.iso).toBe('2026-06-21T17:00:00.000Z')
    expect(evening.azimuth).toBeGreaterThan(270)
    expect(evening.azimuth).toBeLessThan(300)
    expect(evening.elevation).toBeGreaterThan(10)
    expect(sunDirectionAtLocal(PARIS, '2026-06-21', '00:30').elevation).toBeLessThan(0)
    expect(() => sunDirectionAtLocal(PARIS, '2026-06-21', '25:00')).toThrow(RangeError)
  })
})

describe('sunFan', () => {
  it('gives sunrise, every full hour with the sun up and sunset, each with a point at the radius towards the sun', () => {
    const fan = sunFan(PARIS, '2026-12-21', { radiusM: 200 })
    expect(fan.origin).toEqual(PARIS)
    expect(fan.rays.map((ray) => ray.at.time)).toEqual([
      '08:41', '09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00', '16:56',
    ])
    expect(fan.rays.map((ray) => ray.kind)).toEqual(['sunrise', ...Array(8).fill('hour'), 'sunset'])
    const azimuths = fan.rays.map((ray) => ray.azimuth)
    expect(azimuths).toEqual([...azimuths].sort((a, b) => a - b))
    const noonRay = fan.rays.find((ray) => ray.at.time === '13:00')!
    // At 13:00 in December the sun is just west of south: the point lies 200 m south-south-west of the décor.
    expect(noonRay.end.lat).toBeLessThan(PARIS.lat)
    expect(noonRay.end.lat).toBeCloseTo(PARIS.lat - 200 / 111_200, 4)
    expect(noonRay.end.lng).toBeLessThan(PARIS.lng)
  })

  it('gives one ray per hour on a polar day, and starts at sunrise on the spring clock change', () => {
    const times = sunFan({ lat: 69.65, lng: 18.96 }, '2026-06-21').rays.map((ray) => ray.at.time)
    expect(times).toHaveLength(24)
    expect(new Set(times).size).toBe(24)
    const spring = sunFan(PARIS, '2026-03-29').rays.map((ray) => ray.at.time)
    expect(spring[0]).toBe('07:35')
    expect(spring[1]).toBe('08:00')
  })
})

describe('destinationPoint', () => {
  it('moves about 111 km per degree of latitude northwards and keeps the longitude', () => {
    const north = destinationPoint(PARIS, 0, 111_195)
    expect(north.lat).toBeCloseTo(PARIS.lat + 1, 3)
    expect(north.lng).toBeCloseTo(PARIS.lng, 6)
    const east = destinationPoint(PARIS, 90, 1000)
    expect(east.lng).toBeGreaterThan(PARIS.lng)
    expect(east.lat).toBeCloseTo(PARIS.lat, 4)
  })
})

describe('positions and dates refused', () => {
  it('refuses a position out of range or missing rather than computing the sun of nowhere', () => {
    for (const position of [{ lat: 91, lng: 2 }, { lat: 48, lng: 181 }, { lat: Number.NaN, lng: 2 }, { lat: null, lng: 2 }]) {
      expect(isValidPosition(position)).toBe(false)
      expect(() => sunDay(position as never, '2026-06-21')).toThrow(InvalidPositionError)
    }
    expect(() => sunDirectionAt({ lat: -90.5, lng: 0 }, Date.now())).toThrow(InvalidPositionError)
    expect(positionOf({ lat: null, lng: null })).toBeNull()
    expect(positionOf({ lat: 48.85, lng: 2.35 })).toEqual({ lat: 48.85, lng: 2.35 })
  })

  it('refuses a date that is not a calendar day', () => {
    expect(() => sunDay(PARIS, '2026-02-30')).toThrow(RangeError)
    expect(() => sunDay(PARIS, '21/06/2026')).toThrow(RangeError)
  })
})

describe('daylightIssue: an exterior décor and the day\'s call and wrap', () => {
  const ext = { intExt: 'EXT' as const, ...PARIS }
  const december = { date: '2026-12-21', callTime: '08:00', wrapTime: '19:00' }

  it('warns when the call is at or after sunset (16:56 on 21 December)', () => {
    expect(daylightIssue({ ...december, callTime: '17:00', wrapTime: '03:00' }, ext)).toMatchObject({ kind: 'callAfterSunset', sunset: { time: '16:56' } })
    expect(daylightIssue({ ...december, callTime: '16:30', wrapTime: '23:00' }, ext)).toMatchObject({ kind: 'wrapAfterSunset' })
  })

  it('reports the minutes of night at the end of the day, the wrap after midnight read as the next morning', () => {
    expect(daylightIssue(december, ext)).toMatchObject({ kind: 'wrapAfterSunset', minutesAfter: 124 })
    expect(daylightIssue({ ...december, callTime: '14:00', wrapTime: '01:00' }, ext)).toMatchObject({ minutesAfter: 8 * 60 + 4 })
    expect(daylightIssue({ date: '2026-06-21', callTime: '08:00', wrapTime: '19:00' }, ext)).toBeNull()
  })

  it('leaves interiors, décors without a position and days without a call time alone; INT/EXT counts as exterior', () => {
    expect(daylightIssue({ ...december, callTime: '18:00' }, { ...ext, intExt: 'INT' })).toBeNull()
    expect(daylightIssue({ ...december, callTime: '18:00' }, { ...ext, intExt: 'INT/EXT' })).toMatchObject({ kind: 'callAfterSunset' })
    expect(daylightIssue({ ...december, callTime: '18:00' }, { intExt: 'EXT', lat: null, lng: null })).toBeNull()
    expect(daylightIssue({ ...december, callTime: '' }, ext)).toBeNull()
  })

  it('warns on a day the sun never rises', () => {
    expect(daylightIssue({ ...december, callTime: '12:00' }, { intExt: 'EXT', lat: 78.22, lng: 15.65 })).toEqual({ kind: 'callAfterSunset', sunset: null })
  })
})

describe('studyDate', () => {
  const days = [
    { date: '2026-05-04', locationIds: ['a'] },
    { date: '2026-05-12', locationIds: ['b', 'a'] },
    { date: '2026-05-06', locationIds: ['b'] },
    { date: '2026-05-20', locationIds: ['a'] },
  ]

  it('opens on the décor\'s next shoot day from today, today included, else today', () => {
    expect(studyDate(days, 'a', '2026-05-05')).toEqual({ date: '2026-05-12', day: days[1] })
    expect(studyDate(days, 'a', '2026-05-04').date).toBe('2026-05-04')
    expect(studyDate(days, 'a', '2026-06-01')).toEqual({ date: '2026-06-01' })
    expect(studyDate(days, 'c', '2026-05-01')).toEqual({ date: '2026-05-01' })
  })
})

describe('compassPoint and localTime', () => {
  it('names the 16 points and rounds times to the nearest minute in France', () => {
    expect([0, 22.5, 90, 180, 200, 247.5, 270, 350, 359, 360].map(compassPoint)).toEqual(['N', 'NNE', 'E', 'S', 'SSW', 'WSW', 'W', 'N', 'N', 'N'])
    expect(localTime(Date.parse('2026-06-21T03:46:31Z'))).toBe('05:47')
    expect(localTime(Date.parse('2026-12-21T07:41:29Z'))).toBe('08:41')
  })
})
