import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareHlc, decodeHlc, encodeHlc, HLC_MAX_AHEAD_MS, receiveHlc, tickHlc, type Hlc } from './hlc'

const MAX_COUNTER = 36 ** 5 - 1
const ENCODED_PREFIX = 15 + 1 + 5 + 1

// The 15-digit millis field holds dates up to the year 33658; wall clocks stay far below (year 9999 here).
const MAX_MILLIS = Date.UTC(9999, 11, 31, 23, 59, 59, 999)
// Small ranges too, so that equal millis and counters (the interesting ties) come up often.
const millisArb = fc.oneof(
  fc.integer({ min: 0, max: 3 }),
  fc.integer({ min: 1_700_000_000_000, max: 1_700_000_000_005 }),
  fc.integer({ min: 0, max: MAX_MILLIS }),
)
const counterArb = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: MAX_COUNTER - 2, max: MAX_COUNTER }), fc.integer({ min: 0, max: MAX_COUNTER }))
const nodeArb = fc.oneof(fc.uuid(), fc.constantFrom('a', 'b', 'ab', 'a:b'), fc.string({ minLength: 1, maxLength: 20, unit: 'binary' }))
const hlcArb: fc.Arbitrary<Hlc> = fc.record({ millis: millisArb, counter: counterArb, node: nodeArb })

function compareTuple(a: Hlc, b: Hlc): number {
  if (a.millis !== b.millis) return a.millis < b.millis ? -1 : 1
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0
}

/** Strictly after, by time alone (millis, counter): whatever the nodes. */
function isAfter(a: Hlc, b: Hlc): boolean {
  return a.millis > b.millis || (a.millis === b.millis && a.counter > b.counter)
}

describe('HLC encoding', () => {
  it('round-trips through its string form', () => {
    fc.assert(fc.property(hlcArb, (hlc) => {
      expect(decodeHlc(encodeHlc(hlc))).toEqual(hlc)
    }))
  })

  it('orders strings exactly as (millis, counter, node)', () => {
    fc.assert(
      fc.property(hlcArb, hlcArb, (a, b) => {
        expect(Math.sign(compareHlc(encodeHlc(a), encodeHlc(b)))).toBe(compareTuple(a, b))
        expect(encodeHlc(a) < encodeHlc(b)).toBe(compareTuple(a, b) < 0)
      }),
    )
  })

  it('has a fixed-width time part', () => {
    fc.assert(fc.property(hlcArb, (hlc) => {
      expect(encodeHlc(hlc).slice(0, ENCODED_PREFIX)).toMatch(/^\d{15}:[0-9a-z]{5}:$/)
    }))
  })

  it.each(['', 'garbage', '000000000000001:00000:', 'x:00000:node', '000000000000001:!!!!!:node', '1'])('refuses %j', (text) => {
    expect(() => decodeHlc(text)).toThrow(/Invalid HLC/)
  })
})

describe('tickHlc', () => {
  it('starts at the wall clock', () => {
    expect(tickHlc(null, 1_700_000_000_000, 'n')).toEqual({ millis: 1_700_000_000_000, counter: 0, node: 'n' })
  })

  it('strictly increases even when the wall clock stalls or goes backwards (by less than a day)', () => {
    const wallArb = fc.oneof(fc.integer({ min: 1_700_000_000_000, max: 1_700_000_000_010 }), fc.integer({ min: 0, max: 2_000_000_000_000 }))
    fc.assert(
      fc.property(fc.option(hlcArb, { nil: null }), fc.array(wallArb, { minLength: 1, maxLength: 60 }), nodeArb, (start, walls, node) => {
        let last = start
        for (const wall of walls) {
          const next = tickHlc(last, wall, node)
          if (last && last.millis > wall + HLC_MAX_AHEAD_MS) {
            expect(next).toEqual({ millis: wall, counter: 0, node })
          } else if (last) {
            expect(isAfter(next, last)).toBe(true)
            expect(encodeHlc(next) > encodeHlc({ ...last, node })).toBe(true)
          }
          expect(next.millis).toBeGreaterThanOrEqual(wall)
          expect(next.counter).toBeLessThanOrEqual(MAX_COUNTER)
          expect(next.node).toBe(node)
          last = next
        }
      }),
    )
  })

  it('follows the wall clock again once it catches up', () => {
    const ahead = { millis: 2_000, counter: 7, node: 'n' }
    expect(tickHlc(ahead, 1_000, 'n')).toEqual({ millis: 2_000, counter: 8, node: 'n' })
    expect(tickHlc(ahead, 2_001, 'n')).toEqual({ millis: 2_001, counter: 0, node: 'n' })
  })

  it('starts again from the wall clock when the last clock is more than a day ahead (a device clock set wrong, then fixed)', () => {
    const now = 1_700_000_000_000
    const wrong = { millis: now + 3 * 86_400_000, counter: 4, node: 'n' }
    expect(tickHlc(wrong, now, 'n')).toEqual({ millis: now, counter: 0, node: 'n' })
    // Just under a day ahead: an ordinary skew between phones, kept monotonic.
    const skewed = { millis: now + HLC_MAX_AHEAD_MS, counter: 4, node: 'n' }
    expect(tickHlc(skewed, now, 'n')).toEqual({ ...skewed, counter: 5 })
  })

  it('rolls a full counter over to the next milli', () => {
    expect(tickHlc({ millis: 5_000, counter: MAX_COUNTER, node: 'n' }, 5_000, 'n')).toEqual({ millis: 5_001, counter: 0, node: 'n' })
    expect(tickHlc({ millis: 5_000, counter: MAX_COUNTER, node: 'n' }, 10, 'n')).toEqual({ millis: 5_001, counter: 0, node: 'n' })
  })

  it('stays ordered and fixed-width across a rollover with a frozen clock', () => {
    let hlc: Hlc = { millis: 5_000, counter: MAX_COUNTER - 3, node: 'n' }
    const seen = [encodeHlc(hlc)]
    for (let i = 0; i < 10; i++) {
      hlc = tickHlc(hlc, 5_000, 'n')
      seen.push(encodeHlc(hlc))
    }
    expect(hlc).toEqual({ millis: 5_001, counter: 6, node: 'n' })
    expect([...seen].sort()).toEqual(seen)
    expect(new Set(seen.map((text) => text.length)).size).toBe(1)
  })
})

describe('receiveHlc', () => {
  // Half the time the two clocks share their millis and the wall clock is behind: the case where counters decide.
  const clocksArb = fc
    .tuple(hlcArb, hlcArb, fc.boolean(), fc.boolean())
    .map(([local, remote, tie, nullLocal]) => ({ local: nullLocal ? null : local, remote: tie ? { ...remote, millis: local.millis } : remote }))
  const wallArb = fc.oneof(fc.constant(0), millisArb)

  it('is after both the local and the remote clock, and not behind the wall clock', () => {
    fc.assert(
      fc.property(clocksArb, wallArb, nodeArb, ({ local, remote }, wall, node) => {
        const next = receiveHlc(local, remote, wall, node)
        expect(isAfter(next, remote)).toBe(true)
        expect(encodeHlc(next) > encodeHlc(remote)).toBe(true)
        if (local) {
          expect(isAfter(next, local)).toBe(true)
          expect(encodeHlc(next) > encodeHlc(local)).toBe(true)
        }
        expect(next.millis).toBeGreaterThanOrEqual(wall)
        expect(next.counter).toBeLessThanOrEqual(MAX_COUNTER)
        expect(next.node).toBe(node)
      }),
    )
  })

  it('keeps local ticks after a received clock', () => {
    fc.assert(
      fc.property(clocksArb, wallArb, wallArb, ({ local, remote }, wall1, wall2) => {
        const received = receiveHlc(local, remote, wall1, 'me')
        const ticked = tickHlc(received, wall2, 'me')
        // A clock a day ahead of this phone's is a broken one it does not follow (see tickHlc).
        if (received.millis > wall2 + HLC_MAX_AHEAD_MS) return
        expect(isAfter(ticked, remote)).toBe(true)
        if (local) expect(isAfter(ticked, local)).toBe(true)
      }),
    )
  })

  it('takes the wall clock when it is ahead of both', () => {
    expect(receiveHlc({ millis: 10, counter: 4, node: 'a' }, { millis: 20, counter: 9, node: 'b' }, 30, 'a')).toEqual({ millis: 30, counter: 0, node: 'a' })
  })

  it('counts on from the larger counter on a tie', () => {
    expect(receiveHlc({ millis: 20, counter: 4, node: 'a' }, { millis: 20, counter: 9, node: 'b' }, 5, 'a')).toEqual({ millis: 20, counter: 10, node: 'a' })
    expect(receiveHlc({ millis: 20, counter: 12, node: 'a' }, { millis: 20, counter: 9, node: 'b' }, 5, 'a')).toEqual({ millis: 20, counter: 13, node: 'a' })
  })

  it('rolls a full counter over to the next milli', () => {
    expect(receiveHlc(null, { millis: 20, counter: MAX_COUNTER, node: 'b' }, 20, 'a')).toEqual({ millis: 21, counter: 0, node: 'a' })
    expect(receiveHlc({ millis: 20, counter: MAX_COUNTER, node: 'a' }, { millis: 20, counter: 3, node: 'b' }, 0, 'a')).toEqual({ millis: 21, counter: 0, node: 'a' })
    expect(receiveHlc({ millis: 20, counter: 3, node: 'a' }, { millis: 20, counter: MAX_COUNTER, node: 'b' }, 0, 'a')).toEqual({ millis: 21, counter: 0, node: 'a' })
  })
})
