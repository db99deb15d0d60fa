import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LocationSchema } from '../model'
import { encodeHlc } from './hlc'
import { mergeCreate, mergeDelete, mergePatch, type StoredRow } from './merge'

const hlc = (millis: number, node = 'device-a', counter = 0) => encodeHlc({ millis, counter, node })
const T0 = Date.UTC(2026, 10, 23, 9)
const decor = { id: 'loc-1', productionId: 'p1', name: 'Cave voûtée', intExt: 'INT', setting: 'natural', status: 'toScout' }

function created(): StoredRow {
  const result = mergeCreate(undefined, decor, hlc(T0), 'p1', LocationSchema)
  if (!result.ok) throw new Error(result.reason)
  return result.row
}

describe('mergeCreate', () => {
  it('inserts a valid record with a clock per field and server timestamps', () => {
    const row = created()
    expect(row.data).toMatchObject({ ...decor, deletedAt: null, updatedAt: new Date(T0).toISOString() })
    expect(row.clocks.name).toBe(hlc(T0))
    expect(row.clocks.id).toBeUndefined()
    expect(row.deleted).toBe(false)
  })

  it('is idempotent: a second create changes nothing, even with other values', () => {
    const row = created()
    const again = mergeCreate(row, { ...decor, name: 'Autre' }, hlc(T0 + 5), 'p1', LocationSchema)
    expect(again).toEqual({ ok: true, row, changed: false })
  })

  it('refuses an invalid record with field errors, and a record of another production', () => {
    expect(mergeCreate(undefined, { ...decor, lat: 123 }, hlc(T0), 'p1', LocationSchema)).toMatchObject({
      ok: false, reason: 'invalid', details: { lat: 'validation.latitude' },
    })
    expect(mergeCreate(undefined, decor, hlc(T0), 'p2', LocationSchema)).toMatchObject({ ok: false, reason: 'wrong_production' })
  })
})

describe('mergePatch', () => {
  it('applies a newer value per field and keeps an older one out', () => {
    const row = created()
    const newer = mergePatch(row, { name: 'Cave du bar' }, hlc(T0 + 10), LocationSchema)
    expect(newer).toMatchObject({ ok: true, changed: true, row: { data: { name: 'Cave du bar' } } })
    if (!newer.ok) throw new Error()
    const older = mergePatch(newer.row, { name: 'Ancien nom', status: 'scouted' }, hlc(T0 + 5), LocationSchema)
    if (!older.ok) throw new Error()
    expect(older.row.data.name).toBe('Cave du bar')
    expect(older.row.data.status).toBe('scouted')
  })

  it('breaks a tie of the same millisecond by counter then node, the same way everywhere', () => {
    const row = created()
    const a = mergePatch(row, { name: 'A' }, hlc(T0 + 1, 'device-a'), LocationSchema)
    if (!a.ok) throw new Error()
    const b = mergePatch(a.row, { name: 'B' }, hlc(T0 + 1, 'device-b'), LocationSchema)
    if (!b.ok) throw new Error()
    expect(b.row.data.name).toBe('B')
  })

  it('refuses patches of missing, deleted or protected fields, and invalid results', () => {
    const row = created()
    expect(mergePatch(undefined, { name: 'x' }, hlc(T0 + 1), LocationSchema)).toMatchObject({ ok: false, reason: 'not_found' })
    expect(mergePatch(row, { productionId: 'p2' }, hlc(T0 + 1), LocationSchema)).toMatchObject({ ok: false, reason: 'forbidden_field' })
    expect(mergePatch(row, { status: 'demolished' }, hlc(T0 + 1), LocationSchema)).toMatchObject({ ok: false, reason: 'invalid', details: { status: 'validation.choice' } })
    const deleted = mergeDelete(row, hlc(T0 + 2))
    if (!deleted.ok) throw new Error()
    expect(mergePatch(deleted.row, { name: 'trop tard' }, hlc(T0 + 3), LocationSchema)).toMatchObject({ ok: false, reason: 'deleted' })
  })

  it('converges: any order of the same patches gives the same row', () => {
    const patch = fc.record({
      field: fc.constantFrom('name', 'status', 'address', 'noise'),
      millis: fc.integer({ min: 1, max: 50 }),
      node: fc.constantFrom('a', 'b', 'c'),
      value: fc.string({ maxLength: 8 }),
    })
    // Every mutation has its own HLC (the counter makes them unique, as a device's clock does).
    fc.assert(
      fc.property(fc.array(patch, { minLength: 1, maxLength: 12 }), fc.infiniteStream(fc.nat()), (patches, seeds) => {
        const valueFor = (p: (typeof patches)[number]) => (p.field === 'status' ? ['toScout', 'scouted', 'option'][p.value.length % 3] : p.value)
        const apply = (order: typeof patches) =>
          order.reduce((row, p) => {
            const result = mergePatch(row, { [p.field]: valueFor(p) }, hlc(T0 + p.millis, p.node, patches.indexOf(p)), LocationSchema)
            return result.ok ? result.row : row
          }, created())
        const shuffled = [...patches].sort(() => (seeds.next().value % 3) - 1)
        const [x, y] = [apply(patches), apply(shuffled)]
        expect(y.data).toEqual(x.data)
        expect(y.clocks).toEqual(x.clocks)
      }),
    )
  })
})

describe('mergeDelete', () => {
  it('tombstones once; deleting again changes nothing', () => {
    const row = created()
    const deleted = mergeDelete(row, hlc(T0 + 1))
    expect(deleted).toMatchObject({ ok: true, changed: true, row: { deleted: true, data: { deletedAt: new Date(T0 + 1).toISOString() } } })
    if (!deleted.ok) throw new Error()
    expect(mergeDelete(deleted.row, hlc(T0 + 2))).toEqual({ ok: true, row: deleted.row, changed: false })
    expect(mergeDelete(undefined, hlc(T0))).toMatchObject({ ok: false, reason: 'not_found' })
  })
})
