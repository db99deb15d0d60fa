import { describe, expect, it } from 'vitest'
import { validate } from '../model'
import { MAX_GROUP_COVERS } from '../rules/mealCounter'
import { AdjustArgsSchema } from './protocol'

describe('AdjustArgsSchema (meal.adjust)', () => {
  it('accepts a whole delta for a known group', () => {
    expect(validate(AdjustArgsSchema, { id: 'm1', group: 'extras', delta: -3 })).toEqual({ ok: true, value: { id: 'm1', group: 'extras', delta: -3 } })
  })

  it('refuses unknown groups, half covers and absurd deltas', () => {
    expect(validate(AdjustArgsSchema, { id: 'm1', group: 'drivers', delta: 1 })).toEqual({ ok: false, errors: { group: 'validation.choice' } })
    expect(validate(AdjustArgsSchema, { id: 'm1', group: 'crew', delta: 1.5 })).toEqual({ ok: false, errors: { delta: 'validation.integer' } })
    expect(validate(AdjustArgsSchema, { id: 'm1', group: 'crew', delta: -(MAX_GROUP_COVERS + 1) })).toEqual({ ok: false, errors: { delta: 'validation.tooLarge' } })
    expect(validate(AdjustArgsSchema, { id: 'm1', group: 'crew' })).toEqual({ ok: false, errors: { delta: 'validation.required' } })
  })
})
