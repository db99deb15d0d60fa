import { describe, expect, it } from 'vitest'
import { daysWithPlans, documentReady, permitDayPlacements } from './permitPlans'

const j1 = { id: 'j1', locationIds: ['mogador', 'cafe'] }
const j2 = { id: 'j2', locationIds: ['gare'] }
const placements = [
  { id: 'camera', shootDayId: 'j1', locationId: 'mogador' },
  { id: 'cantine', shootDayId: 'j1', locationId: '' },
  { id: 'loges', shootDayId: 'j1', locationId: 'cafe' },
  { id: 'groupe', shootDayId: 'j2', locationId: 'gare' },
]

describe('permitDayPlacements', () => {
  it('keeps the vehicles at the request\'s décors and those with no décor on a day that shoots one of them', () => {
    expect(permitDayPlacements(j1, placements, ['mogador']).map((placement) => placement.id)).toEqual(['camera', 'cantine'])
    expect(permitDayPlacements(j2, placements, ['mogador'])).toEqual([])
    expect(permitDayPlacements(j1, placements).map((placement) => placement.id)).toEqual(['camera', 'cantine', 'loges'])
  })
})

describe('daysWithPlans and documentReady', () => {
  it('names the days whose plan the request joins, and counts its plan line ready only then', () => {
    expect(daysWithPlans([j1, j2], placements, ['gare'])).toEqual([j2])
    expect(daysWithPlans([j1], placements, ['gare'])).toEqual([])
    expect(documentReady({ kind: 'vehiclePlan', done: false }, true)).toBe(true)
    expect(documentReady({ kind: 'vehiclePlan', done: false }, false)).toBe(false)
    expect(documentReady({ kind: 'kbis', done: false }, true)).toBe(false)
    expect(documentReady({ kind: 'kbis', done: true }, false)).toBe(true)
  })
})
