import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import {
  count, latitude, longitude, optionalDate, optionalEmail, optionalNumber, optionalPhone, optionalTime, requiredText, stringList, time,
} from './fields'
import { validate } from './validate'

const field = <T extends v.GenericSchema>(schema: T) => v.looseObject({ f: schema })
const errorOf = (schema: v.GenericSchema, value: unknown) => {
  const result = validate(field(schema), value === undefined ? {} : { f: value })
  return result.ok ? null : result.errors.f
}
const valueOf = (schema: v.GenericSchema, value: unknown) => {
  const result = validate(field(schema), value === undefined ? {} : { f: value })
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return (result.value as { f: unknown }).f
}

describe('latitude and longitude', () => {
  it.each([-90, -45.5, 0, 48.8566, 90])('accepts latitude %d', (lat) => expect(errorOf(latitude, lat)).toBeNull())
  it.each([-90.0001, 90.0001, 180, -1000, Number.NaN, '48.85'])('rejects latitude %s', (lat) =>
    expect(errorOf(latitude, lat)).toBe('validation.latitude'))
  it.each([-180, 0, 2.3522, 180])('accepts longitude %d', (lng) => expect(errorOf(longitude, lng)).toBeNull())
  it.each([-180.0001, 180.0001, 360, Number.NaN])('rejects longitude %s', (lng) =>
    expect(errorOf(longitude, lng)).toBe('validation.longitude'))
  it('stores an unknown position as null', () => {
    expect(valueOf(latitude, undefined)).toBeNull()
    expect(valueOf(longitude, null)).toBeNull()
  })
})

describe('time HH:MM', () => {
  it.each(['00:00', '07:30', '12:05', '19:59', '23:59'])('accepts %s', (t) => {
    expect(errorOf(time, t)).toBeNull()
    expect(errorOf(optionalTime, t)).toBeNull()
  })
  it.each(['24:00', '7:30', '12:60', '12:5', '1230', '12h30', '12:30:00', ' 12:30', '', 'ab:cd'])('rejects %j as a required time', (t) =>
    expect(errorOf(time, t)).toBe('validation.time'))
  it('lets an optional time be empty or absent', () => {
    expect(valueOf(optionalTime, '')).toBe('')
    expect(valueOf(optionalTime, undefined)).toBe('')
    expect(errorOf(optionalTime, '25:00')).toBe('validation.time')
  })
})

describe('dates', () => {
  it('accepts an ISO date or nothing', () => {
    expect(valueOf(optionalDate, '2025-04-14')).toBe('2025-04-14')
    expect(valueOf(optionalDate, undefined)).toBe('')
  })
  it('knows leap years', () => {
    expect(valueOf(optionalDate, '2024-02-29')).toBe('2024-02-29')
    expect(errorOf(optionalDate, '2025-02-29')).toBe('validation.date')
  })
  it.each(['14/04/2025', '2025-13-01', '2025-04-32', '2025-04-31', '2025-02-30', 'demain'])('rejects %s', (d) => expect(errorOf(optionalDate, d)).toBe('validation.date'))
})

describe('text', () => {
  it('trims required text and refuses blanks', () => {
    expect(valueOf(requiredText(10), '  Cantine ')).toBe('Cantine')
    expect(errorOf(requiredText(10), '   ')).toBe('validation.required')
    expect(errorOf(requiredText(10), undefined)).toBe('validation.required')
    expect(errorOf(requiredText(3), 'abcd')).toBe('validation.tooLong')
  })
  it('checks optional e-mail and phone only when given', () => {
    expect(valueOf(optionalEmail, '')).toBe('')
    expect(valueOf(optionalEmail, ' regie@example.fr ')).toBe('regie@example.fr')
    expect(errorOf(optionalEmail, 'regie@')).toBe('validation.email')
    expect(valueOf(optionalPhone, '+33 6 12 34 56 78')).toBe('+33 6 12 34 56 78')
    expect(errorOf(optionalPhone, 'call me')).toBe('validation.phone')
  })
  it('trims list items and caps their number', () => {
    expect(valueOf(stringList(), [' calme ', 'lumière'])).toEqual(['calme', 'lumière'])
    expect(errorOf(stringList(2), ['a', 'b', 'c'])).toBe('validation.tooLong')
  })
})

describe('numbers', () => {
  it('counts are non-negative integers', () => {
    expect(errorOf(count(), 0)).toBeNull()
    expect(errorOf(count(), -1)).toBe('validation.nonNegative')
    expect(errorOf(count(), 1.5)).toBe('validation.integer')
    expect(errorOf(count(10), 11)).toBe('validation.tooLarge')
    expect(errorOf(count(), '3')).toBe('validation.number')
  })
  it('optional numbers are null when left empty and bounded otherwise', () => {
    expect(valueOf(optionalNumber(0, 100), undefined)).toBeNull()
    expect(valueOf(optionalNumber(0, 100), 12.5)).toBe(12.5)
    expect(errorOf(optionalNumber(0, 100), -0.1)).toBe('validation.nonNegative')
    expect(errorOf(optionalNumber(0, 100), 100.1)).toBe('validation.tooLarge')
  })
})
