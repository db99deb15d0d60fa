import { describe, expect, it } from 'vitest'
import { changedLines, liveLines, mergeLines, patchedRecord, withLineIds } from './lines'

let counter = 0
const newId = () => `new-${++counter}`
const checklist = [
  { id: 'insuranceCertificate', kind: 'insuranceCertificate', done: false },
  { id: 'kbis', kind: 'kbis', done: false },
  { id: 'x1', kind: 'other', label: 'Plan de protection des sols', done: false },
]

describe('withLineIds', () => {
  it('names lines written before ids by kind, or kind and place, the same way every time', () => {
    const legacy = [{ kind: 'kbis' }, { kind: 'other', label: 'A' }, { kind: 'kbis' }, { id: 'plan', kind: 'plan' }, { kind: 'plan' }]
    expect(withLineIds(legacy).map((line) => line.id)).toEqual(['kbis', 'other-2', 'kbis-3', 'plan', 'plan-5'])
    expect(withLineIds(legacy)).toEqual(withLineIds(structuredClone(legacy)))
    // Never an id another line holds.
    expect(withLineIds([{ kind: 'other' }, { id: 'other-1', kind: 'other' }]).map((line) => line.id)).toEqual(['other-1-b', 'other-1'])
  })
})

describe('changedLines', () => {
  it('keeps only what a new list changes: a tick, a new line, a line gone (as removed)', () => {
    const after = [{ ...checklist[0]!, done: true }, checklist[2]!, { id: 'n1', kind: 'other', label: 'Accord du syndic', done: false }]
    expect(changedLines(checklist, after, newId)).toEqual([
      { ...checklist[0], done: true },
      { id: 'n1', kind: 'other', label: 'Accord du syndic', done: false },
      { ...checklist[1], removed: true },
    ])
  })

  it('finds nothing changed in the same list written back in another key order, or without the removed lines', () => {
    const withRemoved = [...checklist, { id: 'gone', kind: 'scenario', removed: true }]
    const reordered = checklist.map(({ done, kind, id, ...rest }) => ({ done, ...rest, kind, id }))
    expect(changedLines(withRemoved, reordered, newId)).toEqual([])
  })

  it('makes a copied line (two lines with one id) a new line', () => {
    expect(changedLines(checklist, [...checklist, { ...checklist[1]! }], () => 'copy')).toEqual([{ ...checklist[1], id: 'copy' }])
  })
})

describe('mergeLines', () => {
  it('puts written lines in place by id, adds new ones at the end and leaves the others', () => {
    const merged = mergeLines(checklist, [{ id: 'kbis', kind: 'kbis', done: true }, { id: 'n2', kind: 'other', label: 'Photos' }])
    expect(merged.map((line) => [line.id, 'done' in line ? line.done : undefined])).toEqual([['insuranceCertificate', false], ['kbis', true], ['x1', false], ['n2', undefined]])
  })

  it('keeps a stored line when the written one loses, and adds no new line that loses', () => {
    const merged = mergeLines(checklist, [{ id: 'kbis', kind: 'kbis', done: true }, { id: 'n3', kind: 'other' }], () => false)
    expect(merged).toEqual(checklist)
  })

  it('is what a patch does to the record, other fields replaced as usual', () => {
    const record = { id: 'p', title: 'Rue des Martyrs', documents: checklist }
    const patched = patchedRecord('permit', record, { title: 'Rue des Martyrs (J1)', documents: [{ id: 'x1', kind: 'other', removed: true }] })
    expect(patched.title).toBe('Rue des Martyrs (J1)')
    expect(liveLines(patched.documents).map((line) => line.id)).toEqual(['insuranceCertificate', 'kbis'])
  })
})
