import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Signature } from '../model/signature'
import {
  compareRooms,
  decorReturns,
  exitRoomsFrom,
  isOverdue,
  itemDueDate,
  quantityStillOut,
  returnChecklist,
  returnsToday,
  returnTotals,
  roomPhotoSlot,
  signatureLines,
  summarizeReturns,
  withSignature,
  type ReportEntry,
  type ReturnHouse,
  type ReturnItem,
} from './returns'

const TODAY = '2025-06-20'
const house = (id: string, name: string, extra: Partial<ReturnHouse> = {}): ReturnHouse => ({ id, name, dueDate: '', returnSignatures: [], ...extra })
let nextItem = 0
const item = (rentalHouseId: string, extra: Partial<ReturnItem> = {}): ReturnItem => ({
  id: `i${++nextItem}`, rentalHouseId, name: `Article ${nextItem}`, quantityOut: 1, quantityBack: 0, condition: 'ok', dueDate: '', ...extra,
})
const signature = (role: Signature['role'], signedAt = '2025-06-19T17:00:00.000Z', name = 'Signataire'): Signature => ({
  role, name, signedAt, sha256: 'a'.repeat(64),
})

describe('item rules', () => {
  it('counts what is still out, never below zero', () => {
    expect(quantityStillOut({ quantityOut: 10, quantityBack: 7 })).toBe(3)
    expect(quantityStillOut({ quantityOut: 4 })).toBe(4)
    expect(quantityStillOut({ quantityOut: 2, quantityBack: 5 })).toBe(0)
  })

  it("takes the item's due date, else its rental house's", () => {
    expect(itemDueDate({ dueDate: '2025-06-18' }, { dueDate: '2025-06-30' })).toBe('2025-06-18')
    expect(itemDueDate({ dueDate: '' }, { dueDate: '2025-06-30' })).toBe('2025-06-30')
    expect(itemDueDate({ dueDate: '' }, undefined)).toBe('')
  })

  it('is overdue only after its due day and while something is still out', () => {
    const loueur = house('h', 'Loueur', { dueDate: '2025-06-19' })
    expect(isOverdue(item('h'), loueur, TODAY)).toBe(true)
    expect(isOverdue(item('h', { dueDate: TODAY }), loueur, TODAY)).toBe(false)
    expect(isOverdue(item('h', { quantityOut: 3, quantityBack: 3 }), loueur, TODAY)).toBe(false)
    expect(isOverdue(item('h', { quantityOut: 3, quantityBack: 2 }), loueur, TODAY)).toBe(true)
    expect(isOverdue(item('h'), house('h', 'Sans date'), TODAY)).toBe(false)
  })

  it('reads today in the Paris calendar, not the UTC one', () => {
    expect(returnsToday(Date.parse('2025-06-30T22:30:00Z'))).toBe('2025-07-01')
    expect(returnsToday(Date.parse('2025-06-30T21:30:00Z'))).toBe('2025-06-30')
  })
})

describe('summarizeReturns', () => {
  it('adds up quantities, conditions, overdue lines and missing signatures per rental house', () => {
    const houses = [house('cam', 'Caméra Plus', { dueDate: '2025-06-25', returnSignatures: [signature('rentalHouse')] })]
    const items = [
      item('cam', { quantityOut: 4, quantityBack: 4 }),
      item('cam', { quantityOut: 10, quantityBack: 7, condition: 'missing', dueDate: '2025-06-18' }),
      item('cam', { quantityOut: 2, quantityBack: 2, condition: 'damaged' }),
      item('cam', { quantityOut: 1, condition: 'incomplete' }),
      item('cam', { quantityOut: 50, deletedAt: '2025-06-01T00:00:00Z' }),
    ]
    const [summary] = summarizeReturns(houses, items, TODAY)
    expect(summary).toMatchObject({
      rentalHouseId: 'cam', name: 'Caméra Plus', items: 4, quantityOut: 17, quantityBack: 13, stillOut: 4, itemsStillOut: 2, overdue: 1,
      damaged: 1, missing: 1, incomplete: 1, earliestDueDate: '2025-06-18', missingSignatures: ['production'],
    })
  })

  it('keeps items whose rental house was deleted, and houses with no items', () => {
    const summaries = summarizeReturns([house('a', 'Vide'), house('gone', 'Supprimé', { deletedAt: '2025-06-01T00:00:00Z' })], [item('gone')], TODAY)
    expect(summaries.map((s) => [s.rentalHouseId, s.house?.name, s.items, s.stillOut])).toEqual([['gone', undefined, 1, 1], ['a', 'Vide', 0, 0]])
  })

  it('orders overdue houses first, then by nearest due date, then by name; nothing out last', () => {
    const houses = [
      house('done', 'Aaa tout rendu', { dueDate: '2025-06-10' }),
      house('late2', 'Zoom Location', { dueDate: '2025-06-30' }),
      house('soon', 'Bbb', { dueDate: '2025-06-21' }),
      house('later', 'Ccc', { dueDate: '2025-06-28' }),
      house('late1', 'Éclairage 2', { dueDate: '2025-06-15' }),
      house('late0', 'Éclairage 10', { dueDate: '2025-06-15' }),
      house('empty', 'Aaa sans matériel'),
      house('nodate', 'Sans date'),
    ]
    const items = [
      item('done', { quantityOut: 2, quantityBack: 2 }),
      item('late2', { dueDate: '2025-06-19' }),
      item('soon'),
      item('later'),
      item('late1'),
      item('late0'),
      item('nodate'),
    ]
    expect(summarizeReturns(houses, items, TODAY).map((s) => s.rentalHouseId)).toEqual(
      ['late1', 'late0', 'late2', 'soon', 'later', 'nodate', 'empty', 'done'],
    )
  })

  it('agrees with a per-house recount on any data (one pass, same numbers)', () => {
    const houseIds = ['a', 'b', 'c', 'd']
    const date = fc.constantFrom('', '2025-06-18', '2025-06-20', '2025-06-22')
    const arbItem = fc.record({
      rentalHouseId: fc.constantFrom(...houseIds, 'orphan'),
      quantityOut: fc.integer({ min: 1, max: 20 }),
      back: fc.integer({ min: 0, max: 20 }),
      condition: fc.constantFrom('ok', 'damaged', 'missing', 'incomplete' as const),
      dueDate: date,
    })
    fc.assert(
      fc.property(fc.array(arbItem, { maxLength: 60 }), fc.array(date, { minLength: 4, maxLength: 4 }), (rows, houseDates) => {
        const houses = houseIds.map((id, index) => house(id, `Loueur ${id}`, { dueDate: houseDates[index] }))
        const items = rows.map((row) => item(row.rentalHouseId, { ...row, quantityBack: Math.min(row.back, row.quantityOut) }))
        const summaries = summarizeReturns(houses, items, TODAY)
        for (const id of [...houseIds, 'orphan']) {
          const mine = items.filter((candidate) => candidate.rentalHouseId === id)
          const summary = summaries.find((s) => s.rentalHouseId === id)
          if (id === 'orphan' && mine.length === 0) {
            expect(summary).toBeUndefined()
            continue
          }
          const owner = houses.find((candidate) => candidate.id === id)
          const out = mine.filter((candidate) => quantityStillOut(candidate) > 0)
          const dues = out.map((candidate) => itemDueDate(candidate, owner)).filter(Boolean).sort()
          expect(summary).toMatchObject({
            items: mine.length,
            stillOut: mine.reduce((sum, candidate) => sum + quantityStillOut(candidate), 0),
            itemsStillOut: out.length,
            overdue: mine.filter((candidate) => isOverdue(candidate, owner, TODAY)).length,
            earliestDueDate: dues[0] ?? '',
          })
        }
        const overdueFlags = summaries.map((s) => s.overdue > 0)
        expect(overdueFlags).toEqual([...overdueFlags].sort((x, y) => Number(y) - Number(x)))
      }),
    )
  })
})

describe('returnTotals', () => {
  it('sums the dashboard figures and counts returned but unsigned slips', () => {
    const houses = [
      house('a', 'A', { dueDate: '2025-06-10' }),
      house('b', 'B', { returnSignatures: [signature('rentalHouse'), signature('production')] }),
      house('c', 'C'),
    ]
    const items = [item('a', { quantityOut: 5, quantityBack: 1, condition: 'damaged' }), item('b', { quantityBack: 1 }), item('c', { quantityBack: 1 })]
    expect(returnTotals(summarizeReturns(houses, items, TODAY))).toEqual({
      rentalHouses: 3, housesStillOut: 1, housesOverdue: 1, stillOut: 4, itemsStillOut: 1, overdue: 1, problems: 1, unsignedReturned: 1,
    })
  })
})

describe('signatures', () => {
  it('lists each expected role with its latest signature, or none', () => {
    const first = signature('production', '2025-06-19T10:00:00.000Z', 'Karim')
    const again = signature('production', '2025-06-19T18:00:00.000Z', 'Lucas')
    expect(signatureLines([again, first], ['rentalHouse', 'production'])).toEqual([
      { role: 'rentalHouse', signature: undefined },
      { role: 'production', signature: again },
    ])
    expect(signatureLines(undefined, ['owner']).map((line) => line.signature)).toEqual([undefined])
  })

  it('replaces the signature of the same role and keeps the other', () => {
    const loueur = signature('rentalHouse')
    const next = withSignature([loueur, signature('production', '2025-06-18T10:00:00.000Z')], signature('production', '2025-06-19T10:00:00.000Z', 'Lucas'))
    expect(next.map((s) => [s.role, s.name])).toEqual([['rentalHouse', 'Signataire'], ['production', 'Lucas']])
  })
})

const room = (name: string, defects: string[] = [], zones: ReportEntry['rooms'][number]['zones'] = []) => ({ name, zones, condition: '', defects })
const report = (id: string, locationId: string, phase: 'entry' | 'exit', extra: Partial<ReportEntry> = {}): ReportEntry => ({
  id, locationId, phase, date: '2025-06-01', rooms: [], signatures: [], ...extra,
})

describe('returnChecklist', () => {
  const houses = [house('cam', 'Caméra', { dueDate: '2025-06-18' }), house('son', 'Son')]
  const items = [
    item('cam', { name: 'Zoom', quantityOut: 2, quantityBack: 2 }),
    item('cam', { name: 'Batterie', quantityOut: 10, quantityBack: 8, condition: 'missing', dueDate: '2025-06-25' }),
    item('cam', { name: 'Moniteur', quantityOut: 1, quantityBack: 1, condition: 'damaged' }),
    item('cam', { name: 'Trépied', quantityOut: 1 }),
    item('son', { name: 'Perche', quantityOut: 1 }),
  ]
  const locations = [{ id: 'apt', name: 'Appartement de Jeanne' }, { id: 'bur', name: 'Bureau' }, { id: 'unused', name: 'Gare' }]
  const reports = [
    report('e1', 'apt', 'entry', { rooms: [room('Séjour', ['Tache parquet'])], signatures: [signature('owner'), signature('production')] }),
    report('x1', 'apt', 'exit', { date: '2025-06-19', rooms: [room('Séjour', ['tache  parquet', 'Plinthe rayée', ' '])] }),
    report('e2', 'bur', 'entry'),
  ]

  it('sorts each rental house into back, still out (overdue first) and problems, with its signature lines', () => {
    const checklist = returnChecklist({ houses, items, locations, reports, today: TODAY })
    const camera = checklist.rentalHouses.find((entry) => entry.summary.rentalHouseId === 'cam')!
    expect(camera.back.map((line) => line.item.name)).toEqual(['Moniteur', 'Zoom'])
    expect(camera.stillOut.map((line) => [line.item.name, line.stillOut, line.dueDate, line.overdue])).toEqual([
      ['Trépied', 1, '2025-06-18', true],
      ['Batterie', 2, '2025-06-25', false],
    ])
    expect(camera.problems.map((line) => line.item.name)).toEqual(['Batterie', 'Moniteur'])
    expect(camera.signatures).toEqual([{ role: 'rentalHouse', signature: undefined }, { role: 'production', signature: undefined }])
    expect(checklist.totals).toMatchObject({ rentalHouses: 2, stillOut: 4, overdue: 1, problems: 2 })
  })

  it('lists the décors with a report: entry and exit, defects, signatures, what is new at exit', () => {
    const { decors } = returnChecklist({ houses, items, locations, reports, today: TODAY })
    expect(decors.map((decor) => decor.name)).toEqual(['Appartement de Jeanne', 'Bureau'])
    const [apartment, office] = decors
    expect(apartment!.entry?.missingSignatures).toEqual([])
    expect(apartment!.exit).toMatchObject({ defects: 2, missingSignatures: ['owner', 'production'], roomsWithDefects: [{ name: 'Séjour', defects: ['tache  parquet', 'Plinthe rayée'] }] })
    expect(apartment!.newDefects).toBe(1)
    expect(office!.exit).toBeUndefined()
    expect(office!.entry?.defects).toBe(0)
  })

  it('narrows to one rental house for its return slip', () => {
    const checklist = returnChecklist({ houses, items, locations, reports, today: TODAY, rentalHouseId: 'son' })
    expect(checklist.rentalHouses.map((entry) => entry.summary.name)).toEqual(['Son'])
    expect(checklist.decors).toEqual([])
    expect(checklist.totals.stillOut).toBe(1)
  })
})

describe('condition reports', () => {
  it('keeps the latest report of each phase and skips deleted ones', () => {
    const decors = decorReturns([{ id: 'apt', name: 'Appartement' }], [
      report('old', 'apt', 'entry', { date: '2025-05-01' }),
      report('new', 'apt', 'entry', { date: '2025-05-03' }),
      report('redo', 'apt', 'exit', { date: '2025-06-19', updatedAt: '2025-06-19T10:00:00Z' }),
      report('redo2', 'apt', 'exit', { date: '2025-06-19', updatedAt: '2025-06-19T12:00:00Z' }),
      report('gone', 'apt', 'exit', { date: '2025-06-30', deletedAt: '2025-06-30T00:00:00Z' }),
    ])
    expect([decors[0]!.entry?.report.id, decors[0]!.exit?.report.id]).toEqual(['new', 'redo2'])
  })

  it('matches rooms by name for entry against exit and names the new defects', () => {
    const rows = compareRooms(
      { rooms: [room('Séjour', ['Rayure parquet']), room('Cuisine')] },
      { rooms: [room('séjour ', ['rayure parquet', 'Éclat marbre']), room('Cave', ['Porte forcée'])] },
    )
    expect(rows.map((row) => [row.name, !!row.entry, !!row.exit, row.newDefects])).toEqual([
      ['Séjour', true, true, ['Éclat marbre']],
      ['Cuisine', true, false, []],
      ['Cave', false, true, ['Porte forcée']],
    ])
    expect(compareRooms(undefined, undefined)).toEqual([])
  })

  it('starts an exit report from the entry rooms and zones, defects to check again', () => {
    const entry = { rooms: [{ name: 'Séjour', zones: ['parquet' as const], condition: 'Bon état', defects: ['Rayure'] }] }
    expect(exitRoomsFrom(entry)).toEqual([{ name: 'Séjour', zones: ['parquet'], condition: '', defects: [] }])
    expect(entry.rooms[0]!.zones).toEqual(['parquet'])
  })

  it('names the photo slot of a room', () => {
    expect(roomPhotoSlot(' Séjour ')).toBe('room:Séjour')
  })
})
