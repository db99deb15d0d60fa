import { describe, expect, it } from 'vitest'
import { encodeHlc } from '../../core/sync/hlc'
import { historyColumns, historyEntry, type LoggedChange } from './history'

const clock = (millis: number) => encodeHlc({ millis, counter: 0, node: 'phone-1' })
const logged = (name: string, args: unknown, at: number, fields: Partial<LoggedChange> = {}): LoggedChange => ({
  name, args: JSON.stringify(args), hlc: clock(at), merge_hlc: clock(at), status: 'applied', error: null, author: 'Sami', ...fields,
})

describe('historyColumns', () => {
  it('names the record of a create or of any change by id, and keeps the merge clock', () => {
    expect(historyColumns({ name: 'location.create', args: { record: { id: 'l1' } } }, clock(5))).toEqual({ entity: 'location', record_id: 'l1', merge_hlc: clock(5) })
    expect(historyColumns({ name: 'meal.adjust', args: { id: 'm1', group: 'crew', delta: 2 } }, undefined)).toEqual({ entity: 'meal', record_id: 'm1', merge_hlc: null })
  })

  it('names no record for an unknown mutation or unreadable arguments', () => {
    expect(historyColumns({ name: 'teleport.create', args: { record: { id: 'l1' } } }, clock(5)).entity).toBeNull()
    expect(historyColumns({ name: 'location.patch', args: { id: 42 } }, clock(5)).record_id).toBeNull()
    expect(historyColumns({ name: 'location.patch', args: { id: 'x'.repeat(65) } }, clock(5)).record_id).toBeNull()
    expect(historyColumns({ name: 'location.patch', args: null }, clock(5))).toEqual({ entity: null, record_id: null, merge_hlc: clock(5) })
  })
})

describe('historyEntry', () => {
  const current = { data: { status: 'sent', served: { crew: 5 }, name: 'Cave' }, clocks: { status: clock(20), name: clock(30) } }

  it('shows a permit transition as its new status, overwritten once a later one moved it', () => {
    expect(historyEntry(logged('permit.transition', { id: 'p', from: 'draft', to: 'sent' }, 20), current)).toMatchObject({ op: 'transition', fields: { status: 'sent' }, overwritten: [] })
    expect(historyEntry(logged('permit.transition', { id: 'p', from: 'sent', to: 'granted' }, 10), current)!.overwritten).toEqual(['status'])
  })

  it('never marks a meal adjustment overwritten: counts add up', () => {
    expect(historyEntry(logged('meal.adjust', { id: 'm', group: 'crew', delta: -2 }, 10), current)).toMatchObject({ fields: { served: { crew: -2 } }, overwritten: [] })
  })

  it('shows a move as where the vehicle went, without the kerb\'s id or the empty street fields', () => {
    const position = { lat: 48.87, lng: 2.34, heading: 90, kerbId: 'k-1', street: 'Rue des Martyrs', side: 'even', fromNumber: null, toNumber: null }
    const moved = { data: { ...position, heading: 180 }, clocks: { lat: clock(20), lng: clock(20), heading: clock(20) } }
    expect(historyEntry(logged('placement.move', { id: 'pl', position }, 10), moved)).toMatchObject({
      op: 'move', fields: { lat: 48.87, lng: 2.34, heading: 90, street: 'Rue des Martyrs', side: 'even' }, overwritten: ['heading'],
    })
    expect(Object.keys(historyEntry(logged('placement.move', { id: 'pl', position }, 10), moved)!.fields)).not.toContain('kerbId')
  })

  it('calls a checklist change overwritten only when a line it wrote lost, not when another line moved', () => {
    const documents = [{ id: 'kbis', kind: 'kbis', done: true }, { id: 'insuranceCertificate', kind: 'insuranceCertificate', done: true }]
    const permit = { data: { documents }, clocks: { documents: clock(1), 'documents#kbis': clock(10), 'documents#insuranceCertificate': clock(20) } }
    expect(historyEntry(logged('permit.patch', { id: 'p', fields: { documents: [{ id: 'kbis', kind: 'kbis', done: true }] } }, 10), permit)!.overwritten).toEqual([])
    expect(historyEntry(logged('permit.patch', { id: 'p', fields: { documents: [{ id: 'insuranceCertificate', kind: 'insuranceCertificate', done: false }] } }, 15), permit)!.overwritten).toEqual(['documents'])
  })

  it('does not call a value overwritten when the field holds it anyway', () => {
    expect(historyEntry(logged('location.patch', { id: 'l', fields: { name: 'Cave' } }, 10), current)!.overwritten).toEqual([])
  })

  it('falls back to the sent clock for rows logged before merge clocks were kept, and reads a refusal reason', () => {
    expect(historyEntry(logged('location.patch', { id: 'l', fields: { name: 'Cave' } }, 30, { merge_hlc: null }), current)!.at).toBe(new Date(30).toISOString())
    const refused = historyEntry(logged('location.patch', { id: 'l', fields: { name: 'X' } }, 40, { status: 'rejected', error: JSON.stringify({ reason: 'forbidden' }) }), current)
    expect(refused).toMatchObject({ status: 'rejected', reason: 'forbidden', overwritten: [] })
    expect(historyEntry(logged('location.teleport', {}, 40), current)).toBeNull()
  })
})
