import { describe, expect, it } from 'vitest'
import { defaultCutoff, localToInstant, mealChangeRefused, mealLockState } from './mealLock'

const at = (iso: string) => Date.parse(iso)

describe('localToInstant (Europe/Paris)', () => {
  it('reads winter and summer times with their offsets', () => {
    expect(new Date(localToInstant('2026-01-15T10:30')).toISOString()).toBe('2026-01-15T09:30:00.000Z')
    expect(new Date(localToInstant('2026-07-15T10:30')).toISOString()).toBe('2026-07-15T08:30:00.000Z')
  })

  it('handles the days the clocks change', () => {
    // 29 March 2026: 02:00 → 03:00. 25 October 2026: 03:00 → 02:00.
    expect(new Date(localToInstant('2026-03-29T01:30')).toISOString()).toBe('2026-03-29T00:30:00.000Z')
    expect(new Date(localToInstant('2026-03-29T03:30')).toISOString()).toBe('2026-03-29T01:30:00.000Z')
    expect(new Date(localToInstant('2026-03-29T02:30')).toISOString()).toBe('2026-03-29T01:30:00.000Z')
    expect(new Date(localToInstant('2026-10-25T02:30')).toISOString()).toBe('2026-10-25T00:30:00.000Z')
    expect(new Date(localToInstant('2026-10-25T12:00')).toISOString()).toBe('2026-10-25T11:00:00.000Z')
  })
})

describe('defaultCutoff', () => {
  it('orders breakfast the evening before and the other services on the day', () => {
    expect(defaultCutoff('breakfast', '2026-03-02')).toBe('2026-03-01T19:00')
    expect(defaultCutoff('lunch', '2026-03-02')).toBe('2026-03-02T10:30')
  })
})

describe('mealLockState', () => {
  const meal = { cutoffAt: '2026-03-02T10:30', locked: false, unlocks: [] }

  it('is open before the cut-off and locked from it', () => {
    expect(mealLockState(meal, at('2026-03-02T09:29:59Z')).locked).toBe(false)
    expect(mealLockState(meal, at('2026-03-02T09:30:00Z'))).toEqual({ locked: true, since: 'cutoff', at: at('2026-03-02T09:30:00Z') })
  })

  it('stays open after an unlock made after the cut-off, not before it', () => {
    const late = { ...meal, unlocks: [{ at: '2026-03-02T09:45:00.000Z', by: 'Inès', reason: '4 figurants de plus' }] }
    expect(mealLockState(late, at('2026-03-02T12:00:00Z'))).toMatchObject({ locked: false, unlockedBy: { by: 'Inès' } })
    const early = { ...meal, unlocks: [{ at: '2026-03-02T08:00:00.000Z', by: 'Inès', reason: 'changement' }] }
    expect(mealLockState(early, at('2026-03-02T12:00:00Z')).locked).toBe(true)
  })

  it('a manual lock holds before the cut-off and without one', () => {
    expect(mealLockState({ ...meal, locked: true }, at('2026-03-01T00:00:00Z'))).toEqual({ locked: true, since: 'manual', at: null })
    expect(mealLockState({ cutoffAt: '', locked: false }, at('2030-01-01T00:00:00Z')).locked).toBe(false)
  })
})

describe('mealChangeRefused', () => {
  const meal = { cutoffAt: '2026-03-02T10:30', locked: false, unlocks: [], expected: { crew: 40 }, notes: '' }
  const afterCutoff = at('2026-03-02T11:00:00Z')

  it('refuses an order change after the cut-off but not other fields or served counts', () => {
    expect(mealChangeRefused(meal, { expected: { crew: 45 } }, afterCutoff)).toBe(true)
    expect(mealChangeRefused(meal, { vegan: 3 }, afterCutoff)).toBe(true)
    expect(mealChangeRefused(meal, { notes: 'Livré à 12 h 40' }, afterCutoff)).toBe(false)
    expect(mealChangeRefused(meal, { expected: { crew: 40 } }, afterCutoff)).toBe(false)
    expect(mealChangeRefused(meal, { expected: { crew: 45 } }, at('2026-03-02T09:00:00Z'))).toBe(false)
  })

  it('allows the change made together with an explicit unlock', () => {
    const unlock = { at: '2026-03-02T11:00:00.000Z', by: 'Inès', reason: 'Cascadeurs ajoutés' }
    expect(mealChangeRefused(meal, { expected: { crew: 45 }, unlocks: [unlock] }, afterCutoff)).toBe(false)
  })

  it('refuses lifting a manual lock without recording an unlock', () => {
    const locked = { ...meal, cutoffAt: '', locked: true }
    expect(mealChangeRefused(locked, { locked: false, expected: { crew: 1 } }, afterCutoff)).toBe(true)
    const unlock = { at: '2026-03-02T11:00:00.000Z', by: 'Inès', reason: 'Erreur de saisie' }
    expect(mealChangeRefused(locked, { locked: false, unlocks: [unlock], expected: { crew: 1 } }, afterCutoff)).toBe(false)
  })
})
