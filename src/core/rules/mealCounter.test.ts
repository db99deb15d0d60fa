import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MEAL_GROUPS, type MealGroup } from '../model/meal'
import { MAX_GROUP_COVERS, applyMealAdjust, mergeMealAdjusts, type MealAdjust } from './mealCounter'

type Counts = Partial<Record<MealGroup, number>>

const groupArb = fc.constantFrom(...MEAL_GROUPS)
// Small deltas and counts near zero, so that clamping (the interesting case) comes up often.
const adjustArb: fc.Arbitrary<MealAdjust> = fc.record({ group: groupArb, delta: fc.integer({ min: -5, max: 5 }) })
/** Counts per group; with `every`, no group is missing (a missing one reads as zero). */
const countsArb = (min: number, max: number, every = false): fc.Arbitrary<Counts> =>
  fc.record(Object.fromEntries(MEAL_GROUPS.map((group) => [group, fc.integer({ min, max })])) as Record<MealGroup, fc.Arbitrary<number>>, {
    requiredKeys: every ? [...MEAL_GROUPS] : [],
  })
/** A list of adjusts and a shuffled copy of it. */
const adjustsAndPermutationArb = fc
  .array(adjustArb, { maxLength: 30 })
  .chain((adjusts) => fc.tuple(fc.constant(adjusts), fc.shuffledSubarray(adjusts, { minLength: adjusts.length, maxLength: adjusts.length })))

/** Applying adjusts one by one, clamping at each step: what a naive counter would do. */
function applyInOrder(base: Counts, adjusts: readonly MealAdjust[]) {
  let served = base
  let clamped = false
  for (const adjust of adjusts) {
    const result = applyMealAdjust(served, adjust)
    served = result.served
    clamped ||= result.clamped !== 0
  }
  return { served, clamped }
}

/** Counts compared group by group, a missing group reading as zero. */
const normalised = (counts: Counts) => Object.fromEntries(MEAL_GROUPS.map((group) => [group, counts[group] ?? 0]))

describe('applyMealAdjust', () => {
  it('adds and takes covers from one group', () => {
    expect(applyMealAdjust({ crew: 10, extras: 4 }, { group: 'extras', delta: 3 })).toEqual({ served: { crew: 10, extras: 7 }, applied: 3, clamped: 0 })
    expect(applyMealAdjust({ crew: 10 }, { group: 'crew', delta: -2 })).toEqual({ served: { crew: 8 }, applied: -2, clamped: 0 })
    expect(applyMealAdjust({}, { group: 'guests', delta: 1 })).toEqual({ served: { guests: 1 }, applied: 1, clamped: 0 })
  })

  it('never goes below zero, and reports what it could not take', () => {
    expect(applyMealAdjust({ cast: 2 }, { group: 'cast', delta: -5 })).toEqual({ served: { cast: 0 }, applied: -2, clamped: -3 })
    expect(applyMealAdjust({}, { group: 'cast', delta: -1 })).toEqual({ served: { cast: 0 }, applied: 0, clamped: -1 })
  })

  it('never goes above the count the schema accepts', () => {
    expect(applyMealAdjust({ extras: MAX_GROUP_COVERS - 1 }, { group: 'extras', delta: 5 })).toEqual({
      served: { extras: MAX_GROUP_COVERS },
      applied: 1,
      clamped: 4,
    })
  })

  it('keeps a group a newer app counts and does not touch its input', () => {
    const served = { crew: 3, drivers: 6 }
    expect(applyMealAdjust(served, { group: 'crew', delta: 1 }).served).toEqual({ crew: 4, drivers: 6 })
    expect(served).toEqual({ crew: 3, drivers: 6 })
  })

  it('refuses a delta that is not a whole number of covers', () => {
    expect(() => applyMealAdjust({}, { group: 'crew', delta: 0.5 })).toThrow(RangeError)
    expect(() => applyMealAdjust({}, { group: 'crew', delta: Number.NaN })).toThrow(RangeError)
  })
})

describe('mergeMealAdjusts', () => {
  it('adds up two people counting at two tables', () => {
    const tableA: MealAdjust[] = [{ group: 'extras', delta: 3 }, { group: 'crew', delta: 2 }]
    const tableB: MealAdjust[] = [{ group: 'extras', delta: 3 }]
    expect(mergeMealAdjusts({ crew: 30, extras: 10 }, [...tableA, ...tableB])).toEqual({
      served: { crew: 32, extras: 16 },
      raw: { crew: 32, extras: 16 },
      clamped: {},
    })
  })

  it('clamps once, after the sum: the order of arrival does not matter', () => {
    const undoThenCount: MealAdjust[] = [{ group: 'cast', delta: -1 }, { group: 'cast', delta: 1 }]
    // One by one, the order changes the count...
    expect(applyInOrder({ cast: 0 }, undoThenCount).served).toEqual({ cast: 1 })
    expect(applyInOrder({ cast: 0 }, [...undoThenCount].reverse()).served).toEqual({ cast: 0 })
    // ...merged, it does not.
    expect(mergeMealAdjusts({ cast: 0 }, undoThenCount).served).toEqual({ cast: 0 })
    expect(mergeMealAdjusts({ cast: 0 }, [...undoThenCount].reverse()).served).toEqual({ cast: 0 })
  })

  it('reports the clamped amount per group and the raw sum to merge later adjusts into', () => {
    const result = mergeMealAdjusts({ crew: 2, extras: MAX_GROUP_COVERS }, [
      { group: 'crew', delta: -5 },
      { group: 'extras', delta: 4 },
      { group: 'cast', delta: 3 },
    ])
    expect(result).toEqual({
      served: { crew: 0, cast: 3, extras: MAX_GROUP_COVERS },
      raw: { crew: -3, cast: 3, extras: MAX_GROUP_COVERS + 4 },
      clamped: { crew: -3, extras: 4 },
    })
  })

  it('leaves the counts alone without adjusts, and keeps unknown groups', () => {
    expect(mergeMealAdjusts({ crew: 4, drivers: 2 }, [])).toEqual({ served: { crew: 4, drivers: 2 }, raw: { crew: 4 }, clamped: {} })
  })

  it('refuses a delta that is not a whole number of covers', () => {
    expect(() => mergeMealAdjusts({}, [{ group: 'crew', delta: 1 }, { group: 'crew', delta: 1.5 }])).toThrow(RangeError)
  })

  it('gives the same counts for any order of the same adjusts, clamping or not', () => {
    fc.assert(
      fc.property(countsArb(0, 6), adjustsAndPermutationArb, (base, [adjusts, shuffled]) => {
        expect(mergeMealAdjusts(base, shuffled)).toEqual(mergeMealAdjusts(base, adjusts))
      }),
    )
  })

  it('is the sum of the deltas: the same as applying them one by one when no step clamps', () => {
    // Counts of 200 and at most 30 deltas of 5: no step can reach zero, so every permutation must agree.
    fc.assert(
      fc.property(countsArb(200, 300, true), adjustsAndPermutationArb, (base, [adjusts, shuffled]) => {
        const merged = mergeMealAdjusts(base, adjusts)
        expect(merged.clamped).toEqual({})
        expect(applyInOrder(base, adjusts)).toEqual({ served: merged.served, clamped: false })
        expect(applyInOrder(base, shuffled).served).toEqual(merged.served)
        for (const group of MEAL_GROUPS) {
          const sum = adjusts.filter((adjust) => adjust.group === group).reduce((total, adjust) => total + adjust.delta, 0)
          expect(normalised(merged.served)[group]).toBe((base[group] ?? 0) + sum)
        }
      }),
    )
  })

  it('agrees with one-by-one application on any data where that never clamps', () => {
    fc.assert(
      fc.property(countsArb(0, 6), fc.array(adjustArb, { maxLength: 30 }), (base, adjusts) => {
        const oneByOne = applyInOrder(base, adjusts)
        fc.pre(!oneByOne.clamped)
        expect(normalised(mergeMealAdjusts(base, adjusts).served)).toEqual(normalised(oneByOne.served))
      }),
    )
  })

  it('applies adjusts as they arrive, through the raw sums, with the same result as all at once', () => {
    fc.assert(
      fc.property(countsArb(0, 6), fc.array(adjustArb, { maxLength: 15 }), fc.array(adjustArb, { maxLength: 15 }), (base, first, second) => {
        const afterFirst = mergeMealAdjusts(base, first)
        const afterSecond = mergeMealAdjusts(afterFirst.raw, second)
        expect(afterSecond.served).toEqual(mergeMealAdjusts(base, [...first, ...second]).served)
      }),
    )
  })

  it('always leaves every count between zero and the maximum, even from raw counts below zero', () => {
    fc.assert(
      fc.property(countsArb(-6, 6), fc.array(adjustArb, { maxLength: 30 }), (base, adjusts) => {
        const { served, raw, clamped } = mergeMealAdjusts(base, adjusts)
        for (const group of MEAL_GROUPS) {
          const count = served[group] ?? 0
          expect(count).toBeGreaterThanOrEqual(0)
          expect(count).toBeLessThanOrEqual(MAX_GROUP_COVERS)
          if (raw[group] !== undefined) expect(raw[group]! - count).toBe(clamped[group] ?? 0)
        }
      }),
    )
  })
})
