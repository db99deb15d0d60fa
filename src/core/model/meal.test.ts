import { describe, expect, it } from 'vitest'
import { MealInputSchema, MealSchema, totalCovers } from './meal'
import { validate } from './validate'

const input = { shootDayId: 'day-1', service: 'lunch' }
const record = { id: 'meal-1', productionId: 'prod-1', createdAt: '2025-03-01T08:00:00Z', updatedAt: '2025-03-01T08:00:00Z', ...input }

describe('meal counts', () => {
  it('fills every group with zero', () => {
    expect(validate(MealInputSchema, { ...input, expected: { crew: 45 } })).toMatchObject({
      ok: true,
      value: { expected: { crew: 45, cast: 0, extras: 0, production: 0, guests: 0 }, served: { crew: 0 }, vegetarian: 0 },
    })
  })

  it.each(['crew', 'cast', 'extras', 'production', 'guests'])('rejects a negative %s count', (group) => {
    expect(validate(MealInputSchema, { ...input, expected: { [group]: -1 } })).toEqual({
      ok: false,
      errors: { [`expected.${group}`]: 'validation.nonNegative' },
    })
    expect(validate(MealSchema, { ...record, served: { [group]: -3 } })).toEqual({
      ok: false,
      errors: { [`served.${group}`]: 'validation.nonNegative' },
    })
  })

  it.each(['vegetarian', 'vegan', 'glutenFree', 'allergies'])('rejects a negative %s count', (diet) => {
    expect(validate(MealInputSchema, { ...input, [diet]: -2 })).toEqual({ ok: false, errors: { [diet]: 'validation.nonNegative' } })
  })

  it('rejects half covers and a negative price', () => {
    expect(validate(MealInputSchema, { ...input, expected: { extras: 2.5 } })).toEqual({ ok: false, errors: { 'expected.extras': 'validation.integer' } })
    expect(validate(MealInputSchema, { ...input, unitPrice: -14 })).toEqual({ ok: false, errors: { unitPrice: 'validation.nonNegative' } })
  })

  it('only knows the four services', () => {
    for (const service of ['breakfast', 'lunch', 'dinner', 'snack']) expect(validate(MealInputSchema, { ...input, service }).ok).toBe(true)
    expect(validate(MealInputSchema, { ...input, service: 'brunch' })).toEqual({ ok: false, errors: { service: 'validation.choice' } })
  })

  it('keeps a group a newer app counts (records are loose, nested counts too)', () => {
    const result = validate(MealSchema, { ...record, expected: { crew: 40, drivers: 6 }, served: { crew: 38, drivers: 5 } })
    expect(result).toMatchObject({ ok: true, value: { expected: { crew: 40, drivers: 6 }, served: { crew: 38, drivers: 5 } } })
  })
})

describe('totalCovers', () => {
  it('sums every group', () => {
    expect(totalCovers({ crew: 40, cast: 8, extras: 12, production: 5, guests: 2 })).toBe(67)
  })
  it('counts a missing group as zero', () => {
    expect(totalCovers({ crew: 20 })).toBe(20)
    expect(totalCovers({})).toBe(0)
    expect(totalCovers(undefined)).toBe(0)
  })
  it('totals the parsed counts of a meal', () => {
    const result = validate(MealSchema, { ...record, expected: { crew: 45, extras: 30 } })
    if (!result.ok) throw new Error('invalid meal')
    expect(totalCovers(result.value.expected)).toBe(75)
    expect(totalCovers(result.value.served)).toBe(0)
  })
})
