import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MEAL_SERVICES } from '../model/meal'
import { validate } from '../model/validate'
import {
  DEFAULT_MEAL_PRESET,
  MealRulePresetSchema,
  clockMinutes,
  dayDurationMinutes,
  servicesOwed,
  type DayType,
  type MealRulePreset,
} from './mealRules'

/** 'service:reason' pairs, short enough to read a whole day in one line. */
function owed(dayType: DayType, callTime: string, wrapTime: string, preset?: MealRulePreset): string[] {
  return servicesOwed({ dayType, callTime, wrapTime }, preset).map(({ service, reason }) => `${service}:${reason.replace('meals.reason.', '')}`)
}

const clockArb = fc.integer({ min: 0, max: 1439 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`)
const dayTypeArb = fc.constantFrom<DayType>('normal', 'continuous')

describe('dayDurationMinutes', () => {
  it('counts call to wrap on the same day', () => {
    expect(dayDurationMinutes('08:00', '19:00')).toBe(660)
    expect(dayDurationMinutes('00:00', '23:59')).toBe(1439)
  })

  it('runs past midnight when the wrap is earlier than the call', () => {
    expect(dayDurationMinutes('18:00', '02:00')).toBe(480)
    expect(dayDurationMinutes('23:59', '00:00')).toBe(1)
    expect(dayDurationMinutes('20:30', '00:00')).toBe(210)
  })

  it('makes equal times an empty day, not a 24-hour one', () => {
    expect(dayDurationMinutes('07:00', '07:00')).toBe(0)
  })

  it('knows nothing while a time is missing or malformed', () => {
    expect(dayDurationMinutes('', '19:00')).toBeNull()
    expect(dayDurationMinutes('08:00', '')).toBeNull()
    expect(dayDurationMinutes('7:00', '19:00')).toBeNull()
    expect(dayDurationMinutes('08:00', '24:00')).toBeNull()
  })

  it('always lands on the wrap time, less than a day later', () => {
    fc.assert(
      fc.property(clockArb, clockArb, (call, wrap) => {
        const duration = dayDurationMinutes(call, wrap)!
        expect(duration).toBeGreaterThanOrEqual(0)
        expect(duration).toBeLessThan(1440)
        expect((clockMinutes(call)! + duration) % 1440).toBe(clockMinutes(wrap))
      }),
    )
  })
})

describe('servicesOwed: a normal day (1-hour meal break)', () => {
  it('owes lunch on a usual day', () => {
    expect(owed('normal', '08:00', '18:00')).toEqual(['lunch:middayBreak'])
  })

  it('owes breakfast for a call from 04:00 to 07:00 inclusive', () => {
    expect(owed('normal', '07:00', '17:00')).toEqual(['breakfast:earlyCall', 'lunch:middayBreak'])
    expect(owed('normal', '07:01', '17:00')).toEqual(['lunch:middayBreak'])
    expect(owed('normal', '04:00', '12:30')).toEqual(['breakfast:earlyCall', 'lunch:middayBreak'])
    expect(owed('normal', '03:59', '12:30')).not.toContain('breakfast:earlyCall')
  })

  it('owes lunch only when the whole hour fits in 11:30-14:30', () => {
    expect(owed('normal', '06:00', '12:30')).toEqual(['breakfast:earlyCall', 'lunch:middayBreak'])
    // 59 minutes of the window: no lunch, but a 6 h 29 day still needs its break, off meal hours.
    expect(owed('normal', '06:00', '12:29')).toEqual(['breakfast:earlyCall', 'snack:offHoursBreak'])
    expect(owed('normal', '13:30', '19:00')).toEqual(['lunch:middayBreak'])
    expect(owed('normal', '13:31', '19:00')).toEqual([])
  })

  it('breaks for dinner when the evening window holds more of the day than the midday one', () => {
    expect(owed('normal', '13:31', '20:00')).toEqual(['dinner:eveningBreak'])
    expect(owed('normal', '13:30', '21:00')).toEqual(['dinner:eveningBreak'])
    expect(owed('normal', '12:00', '20:30')).toEqual(['lunch:middayBreak'])
    // 90 minutes in each window: lunch wins the tie.
    expect(owed('normal', '13:00', '20:30')).toEqual(['lunch:middayBreak'])
  })

  it('owes dinner when the day started before 21:00 and runs to 21:00 or later', () => {
    expect(owed('normal', '11:00', '21:00')).toEqual(['lunch:middayBreak', 'dinner:lateWrap'])
    expect(owed('normal', '11:00', '20:59')).toEqual(['lunch:middayBreak'])
    expect(owed('normal', '10:00', '00:30')).toEqual(['lunch:middayBreak', 'dinner:lateWrap', 'snack:longDay'])
  })

  it('owes nothing on a short day off meal hours', () => {
    expect(owed('normal', '14:30', '18:30')).toEqual([])
    expect(owed('normal', '08:00', '11:30')).toEqual([])
  })

  it('owes a long-day snack from 11 hours', () => {
    expect(owed('normal', '07:30', '18:30')).toEqual(['lunch:middayBreak', 'snack:longDay'])
    expect(owed('normal', '07:30', '18:29')).toEqual(['lunch:middayBreak'])
  })
})

describe('servicesOwed: overnight days', () => {
  it('feeds an evening-into-night day dinner, then a snack from 2 hours after midnight', () => {
    expect(owed('normal', '18:00', '02:00')).toEqual(['dinner:eveningBreak', 'snack:nightShoot'])
    expect(owed('normal', '18:00', '01:59')).toEqual(['dinner:eveningBreak'])
  })

  it('feeds a night shoot a snack, not breakfast nor dinner', () => {
    expect(owed('normal', '22:00', '06:00')).toEqual(['snack:nightShoot'])
    expect(owed('continuous', '23:00', '07:00')).toEqual(['snack:nightShoot'])
  })

  it('counts the night window of the evening before for a call after midnight', () => {
    expect(owed('normal', '02:00', '10:00')).toEqual(['snack:nightShoot'])
    expect(owed('normal', '03:01', '10:00')).toEqual(['snack:offHoursBreak'])
  })

  it('owes no dinner to a night call at 21:00 or later', () => {
    expect(owed('normal', '21:00', '23:00')).toEqual(['dinner:eveningBreak'])
    expect(owed('normal', '21:01', '23:00')).toEqual([])
  })
})

describe('servicesOwed: a journée continue (30-minute pause within 6 hours)', () => {
  it('serves lunch on set during the pause', () => {
    expect(owed('continuous', '08:00', '16:00')).toEqual(['lunch:continuousPause'])
  })

  it('needs the pause to fit in the midday window within 6 hours of the call', () => {
    expect(owed('continuous', '06:00', '14:00')).toEqual(['breakfast:earlyCall', 'lunch:continuousPause'])
    // The pause must end by 11:59: 29 minutes of lunch window only, so the pause is a collation.
    expect(owed('continuous', '05:59', '14:00')).toEqual(['breakfast:earlyCall', 'snack:continuousPause'])
    // A normal day places its hour anywhere, so the same times owe lunch.
    expect(owed('normal', '05:59', '14:00')).toEqual(['breakfast:earlyCall', 'lunch:middayBreak'])
  })

  it('owes the pause off meal hours only once the day is longer than 6 hours', () => {
    expect(owed('continuous', '05:00', '11:00')).toEqual(['breakfast:earlyCall'])
    expect(owed('continuous', '05:00', '11:01')).toEqual(['breakfast:earlyCall', 'snack:continuousPause'])
  })

  it('serves dinner during the pause of an afternoon day, and dinner again is not counted twice', () => {
    expect(owed('continuous', '14:00', '22:00')).toEqual(['dinner:continuousPause'])
  })
})

describe('servicesOwed: missing times and presets', () => {
  it('owes nothing until both times are known, nor for an empty day', () => {
    expect(owed('normal', '', '19:00')).toEqual([])
    expect(owed('continuous', '07:00', '')).toEqual([])
    expect(owed('normal', '07:00', '07:00')).toEqual([])
  })

  it('follows an edited preset', () => {
    const preset: MealRulePreset = {
      ...DEFAULT_MEAL_PRESET,
      breakfast: { callFrom: '05:00', callUntil: '08:00' },
      snack: { ...DEFAULT_MEAL_PRESET.snack, longDayFromMinutes: 600 },
    }
    expect(owed('normal', '07:45', '17:45', preset)).toEqual(['breakfast:earlyCall', 'lunch:middayBreak', 'snack:longDay'])
    expect(owed('normal', '07:45', '17:45')).toEqual(['lunch:middayBreak'])
  })

  it('reads windows that cross midnight', () => {
    const preset: MealRulePreset = { ...DEFAULT_MEAL_PRESET, breakfast: { callFrom: '23:30', callUntil: '06:00' } }
    expect(owed('normal', '23:45', '01:30', preset)).toEqual(['breakfast:earlyCall'])
    expect(owed('normal', '23:29', '01:30', preset)).toEqual([])
  })

  it('lists each service once, in service order', () => {
    fc.assert(
      fc.property(dayTypeArb, clockArb, clockArb, (dayType, callTime, wrapTime) => {
        const services = servicesOwed({ dayType, callTime, wrapTime }).map((entry) => entry.service)
        expect(services).toEqual(MEAL_SERVICES.filter((service) => services.includes(service)))
      }),
    )
  })

  it('gives breakfast only for an early call and dinner only to a day that reaches the evening', () => {
    fc.assert(
      fc.property(dayTypeArb, clockArb, clockArb, (dayType, callTime, wrapTime) => {
        const services = servicesOwed({ dayType, callTime, wrapTime }).map((entry) => entry.service)
        const call = clockMinutes(callTime)!
        if (services.includes('breakfast')) expect(call >= 240 && call <= 420).toBe(true)
        if (services.includes('dinner')) {
          const end = call + dayDurationMinutes(callTime, wrapTime)!
          expect(end).toBeGreaterThan(19 * 60)
        }
      }),
    )
  })
})

describe('MealRulePresetSchema', () => {
  it('accepts the default preset, which cannot be changed by accident', () => {
    expect(validate(MealRulePresetSchema, DEFAULT_MEAL_PRESET)).toEqual({ ok: true, value: DEFAULT_MEAL_PRESET })
    expect(Object.isFrozen(DEFAULT_MEAL_PRESET.dayTypes.normal)).toBe(true)
  })

  it('keeps settings a newer app adds', () => {
    const result = validate(MealRulePresetSchema, { ...DEFAULT_MEAL_PRESET, caterer: 'Cantine Lumière' })
    expect(result).toMatchObject({ ok: true, value: { caterer: 'Cantine Lumière' } })
  })

  it('rejects malformed times, empty windows, zero breaks and unknown versions', () => {
    expect(validate(MealRulePresetSchema, { ...DEFAULT_MEAL_PRESET, breakfast: { callFrom: '4:00', callUntil: '07:00' } })).toEqual({
      ok: false,
      errors: { 'breakfast.callFrom': 'validation.time' },
    })
    expect(validate(MealRulePresetSchema, { ...DEFAULT_MEAL_PRESET, lunch: { from: '12:00', to: '12:00' } })).toEqual({
      ok: false,
      errors: { lunch: 'validation.emptyWindow' },
    })
    const noBreak = { ...DEFAULT_MEAL_PRESET.dayTypes, continuous: { breakMinutes: 0, breakWithinMinutes: 360 } }
    expect(validate(MealRulePresetSchema, { ...DEFAULT_MEAL_PRESET, dayTypes: noBreak })).toEqual({
      ok: false,
      errors: { 'dayTypes.continuous.breakMinutes': 'validation.positive' },
    })
    expect(validate(MealRulePresetSchema, { ...DEFAULT_MEAL_PRESET, version: 2 }).ok).toBe(false)
  })
})
