import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { newId, UUID_V7 } from './ids'

const MAX_MILLIS = 2 ** 48 - 1

describe('newId', () => {
  it('makes a UUIDv7', () => {
    for (let i = 0; i < 200; i++) expect(newId()).toMatch(UUID_V7)
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_MILLIS }), (now) => {
      expect(newId(now)).toMatch(UUID_V7)
    }))
  })

  it('carries its creation time in the first 48 bits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_MILLIS }), (now) => {
        const hex = newId(now).replace(/-/g, '').slice(0, 12)
        expect(Number.parseInt(hex, 16)).toBe(now)
      }),
    )
    const before = Date.now()
    const stamp = Number.parseInt(newId().replace(/-/g, '').slice(0, 12), 16)
    expect(stamp).toBeGreaterThanOrEqual(before)
    expect(stamp).toBeLessThanOrEqual(Date.now())
  })

  it('sorts an id made in a later milli after an earlier one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_MILLIS }), fc.integer({ min: 0, max: MAX_MILLIS }), (a, b) => {
        fc.pre(a !== b)
        const [early, late] = a < b ? [a, b] : [b, a]
        expect(newId(early) < newId(late)).toBe(true)
      }),
    )
    const now = 1_700_000_000_000
    const ids = Array.from({ length: 100 }, (_, i) => newId(now + i))
    expect([...ids].sort()).toEqual(ids)
  })

  it('makes 10,000 distinct ids, even within one milli', () => {
    expect(new Set(Array.from({ length: 10_000 }, () => newId())).size).toBe(10_000)
    expect(new Set(Array.from({ length: 10_000 }, () => newId(1_700_000_000_000))).size).toBe(10_000)
  })
})
