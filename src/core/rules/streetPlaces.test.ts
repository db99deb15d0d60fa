import { describe, expect, it } from 'vitest'
import { dayWindow, mergeRanges, placementRange, reservedPlaces } from './streetPlaces'

const parked = (street: string, side: '' | 'even' | 'odd', fromNumber: number | null, toNumber: number | null, onStreet = true) =>
  ({ street, side, fromNumber, toNumber, onStreet })

describe('mergeRanges', () => {
  it('joins ranges that overlap or follow each other on a side (next house is two numbers on)', () => {
    expect(mergeRanges([{ from: 49, to: 53 }, { from: 45, to: 47 }])).toEqual([{ from: 45, to: 53 }])
    expect(mergeRanges([{ from: 2, to: 10 }, { from: 6, to: 8 }, { from: 12, to: 20 }])).toEqual([{ from: 2, to: 20 }])
  })

  it('keeps separate ranges with houses between them', () => {
    expect(mergeRanges([{ from: 2, to: 6 }, { from: 30, to: 36 }])).toEqual([{ from: 2, to: 6 }, { from: 30, to: 36 }])
  })

  it('reads a range typed backwards', () => {
    expect(mergeRanges([{ from: 53, to: 49 }])).toEqual([{ from: 49, to: 53 }])
  })
})

describe('placementRange', () => {
  it('makes a one-house range of a single number', () => {
    expect(placementRange({ fromNumber: 12, toNumber: null })).toEqual({ from: 12, to: 12 })
    expect(placementRange({ fromNumber: null, toNumber: 14 })).toEqual({ from: 14, to: 14 })
    expect(placementRange({ fromNumber: null, toNumber: null })).toBeNull()
  })
})

describe('reservedPlaces', () => {
  it('merges the ranges per street and side, leaves off-street vehicles out, sorts by street then side', () => {
    const places = reservedPlaces([
      parked('Rue des Martyrs', 'odd', 49, 53),
      parked('rue des  martyrs', 'odd', 45, 47),
      parked('Avenue Trudaine', 'even', 12, 20),
      parked('Avenue Trudaine', 'even', 2, 10),
      parked('Avenue Trudaine', 'odd', 1, 3),
      parked('Cour du 47', '', null, null, false),
    ])
    expect(places).toEqual([
      { street: 'Avenue Trudaine', side: 'even', ranges: [{ from: 2, to: 20 }], unnumbered: false },
      { street: 'Avenue Trudaine', side: 'odd', ranges: [{ from: 1, to: 3 }], unnumbered: false },
      { street: 'Rue des Martyrs', side: 'odd', ranges: [{ from: 45, to: 53 }], unnumbered: false },
    ])
  })

  it('keeps a street side with no house numbers, marked so the notice can warn', () => {
    expect(reservedPlaces([parked('Rue Clauzel', 'even', null, null)])).toEqual([
      { street: 'Rue Clauzel', side: 'even', ranges: [], unnumbered: true },
    ])
  })

  it('ignores placements with no street', () => {
    expect(reservedPlaces([parked('  ', 'even', 2, 4)])).toEqual([])
  })
})

describe('dayWindow', () => {
  const day = { callTime: '08:00', wrapTime: '19:00' }

  it('runs from the earliest arrival to the latest departure', () => {
    expect(dayWindow(day, [{ arrival: '07:00', departure: '19:45' }, { arrival: '06:30', departure: '20:00' }]))
      .toEqual({ start: '06:30', end: '20:00', source: 'placements' })
  })

  it('falls back on call and wrap for what the placements do not say', () => {
    expect(dayWindow(day, [{ arrival: '', departure: '' }])).toEqual({ start: '08:00', end: '19:00', source: 'callWrap' })
    expect(dayWindow(day, [{ arrival: '06:30', departure: '' }])).toEqual({ start: '06:30', end: '19:00', source: 'placements' })
    expect(dayWindow({ callTime: '', wrapTime: '' }, [])).toEqual({ start: '', end: '', source: 'none' })
  })
})
