import { describe, expect, it } from 'vitest'
import { ShootDayInputSchema } from './shootDay'
import { validate } from './validate'

const input = { number: 5, date: '2025-04-14', dayType: 'continuous' }

describe('shoot day', () => {
  it('accepts call and wrap times in HH:MM', () => {
    expect(validate(ShootDayInputSchema, { ...input, callTime: '07:00', wrapTime: '19:30' })).toMatchObject({
      ok: true,
      value: { callTime: '07:00', wrapTime: '19:30', locationIds: [] },
    })
  })

  it('rejects times that are not HH:MM', () => {
    expect(validate(ShootDayInputSchema, { ...input, callTime: '7:00', wrapTime: '24:30' })).toEqual({
      ok: false,
      errors: { callTime: 'validation.time', wrapTime: 'validation.time' },
    })
  })

  it('numbers days from 1 and needs a real date', () => {
    expect(validate(ShootDayInputSchema, { ...input, number: 0 })).toEqual({ ok: false, errors: { number: 'validation.positive' } })
    expect(validate(ShootDayInputSchema, { ...input, date: '2025-02-30' })).toEqual({ ok: false, errors: { date: 'validation.date' } })
    expect(validate(ShootDayInputSchema, { ...input, dayType: 'night' })).toEqual({ ok: false, errors: { dayType: 'validation.choice' } })
  })
})
