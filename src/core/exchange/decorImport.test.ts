import { describe, expect, it } from 'vitest'
import type { Location } from '../model/location'
import type { Photo } from '../model/photo'
import { copyIdOf, importBatches, lookUpHolders, planDecorImport, type DecorImportUnit, type ImportedEntity, type ImportTarget } from './decorImport'
import { createPace } from './pace'

const location = (id: string) => ({ id, productionId: 'prod-a', name: `Décor ${id}` }) as Location
const photo = (id: string, ownerId: string, sha256 = `${id}-sha`) => ({ id, productionId: 'prod-a', ownerId, sha256 }) as Photo
const manifest = { locations: [location('l1'), location('l2')], photos: [photo('ph1', 'l1'), photo('ph2', 'l1'), photo('ph3', 'l2')] }

/** A phone's records: which production holds each id, as the database would answer. */
function device(held: Record<string, string> = {}) {
  const records = new Map(Object.entries(held))
  const target = (productionId: string, newIds: string[] = []): ImportTarget => ({
    productionId, holderOf: (_entity, id) => records.get(id), newId: () => newIds.shift() ?? 'no-more-ids',
  })
  /** What the import writes, as the transaction of each batch would. */
  const write = (units: DecorImportUnit[]) => {
    for (const unit of units) for (const record of [unit.location, ...unit.photos]) records.set(record.id, record.productionId)
  }
  return { records, target, write }
}

const plan = (target: ImportTarget, records = manifest) => planDecorImport(records, target, createPace())

describe('planning an import', () => {
  it('keeps the ids on a device that does not hold them, moving everything to the target production', async () => {
    const result = await plan(device().target('prod-b'))
    expect(result).toMatchObject({ present: 0, copies: 0, photos: 3 })
    expect(result.units.map(({ location, photos }) => [location.id, location.productionId, photos.map((p) => [p.id, p.ownerId, p.productionId])])).toEqual([
      ['l1', 'prod-b', [['ph1', 'l1', 'prod-b'], ['ph2', 'l1', 'prod-b']]],
      ['l2', 'prod-b', [['ph3', 'l2', 'prod-b']]],
    ])
  })

  it('leaves what the production holds already, so an import stopped half-way resumes where it stopped', async () => {
    const phone = device()
    const first = await plan(phone.target('prod-b'))
    phone.write(first.units.slice(0, 1))
    const again = await plan(phone.target('prod-b'))
    expect(again).toMatchObject({ present: 1, copies: 0, photos: 1 })
    expect(again.units).toEqual(first.units.slice(1))
    phone.write(again.units)
    expect(await plan(phone.target('prod-b'))).toEqual({ units: [], present: 2, copies: 0, photos: 0 })
  })

  it('brings in as a copy a décor another production holds, with an id found again by the next import', async () => {
    const phone = device({ l1: 'prod-a', ph1: 'prod-a' })
    const first = await plan(phone.target('prod-b'))
    expect(first).toMatchObject({ present: 0, copies: 1, photos: 3 })
    const copy = copyIdOf('prod-b', 'l1')
    expect(first.units[0]!.location.id).toBe(copy)
    expect(first.units[0]!.photos.map((p) => [p.id, p.ownerId])).toEqual([[copyIdOf('prod-b', 'ph1'), copy], ['ph2', copy]])
    phone.write(first.units)
    expect(await plan(phone.target('prod-b'))).toMatchObject({ units: [], present: 2, copies: 0 })
    // The original is never touched.
    expect(phone.records.get('l1')).toBe('prod-a')
  })

  it('makes copy ids that look like UUIDs, differ per production and never repeat for other ids', () => {
    expect(copyIdOf('prod-b', 'l1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(copyIdOf('prod-b', 'l1')).toBe(copyIdOf('prod-b', 'l1'))
    expect(copyIdOf('prod-c', 'l1')).not.toBe(copyIdOf('prod-b', 'l1'))
    expect(new Set(Array.from({ length: 1000 }, (_, i) => copyIdOf('prod-b', `l${i}`))).size).toBe(1000)
  })

  it('takes a fresh id only for a crafted file whose copy id is taken elsewhere too', async () => {
    const phone = device({ l1: 'prod-a', [copyIdOf('prod-b', 'l1')]: 'prod-c', 'fresh-1': 'prod-a' })
    const result = await plan(phone.target('prod-b', ['fresh-1', 'fresh-2']))
    expect(result.units[0]!.location.id).toBe('fresh-2')
  })
})

describe('the duplicate check on 100,000 décors', () => {
  it('asks about each id once (its copy id too where needed) and compares no record with the others', async () => {
    const n = 100_000
    const many = {
      locations: Array.from({ length: n }, (_, i) => location(`l${i}`)),
      photos: Array.from({ length: n }, (_, i) => photo(`p${i}`, `l${i}`)),
    }
    // One décor in ten is on the phone in another production, one in ten already in this one.
    const held = new Map<string, string>()
    for (let i = 0; i < n; i += 10) held.set(`l${i}`, 'prod-a').set(`l${i + 1}`, 'prod-b')
    let asked = 0
    let lookUps = 0
    const lookUp = async (_entity: ImportedEntity, ids: string[]) => {
      lookUps++
      asked += ids.length
      return new Map(ids.filter((id) => held.has(id)).map((id) => [id, held.get(id)!]))
    }
    const holderOf = await lookUpHolders(many, 'prod-b', lookUp, createPace())
    expect(asked).toBe(2 * n + n / 10)
    expect(lookUps).toBeLessThanOrEqual((2 * n) / 500 + n / 500)

    let questions = 0
    const result = await planDecorImport(many, { productionId: 'prod-b', holderOf: (entity, id) => (questions++, holderOf(entity, id)), newId: () => 'unused' }, createPace())
    expect(result).toMatchObject({ present: n / 10, copies: n / 10, photos: n - n / 10 })
    expect(questions).toBeLessThanOrEqual(2 * (2 * n))
  }, 60_000)
})

describe('batches', () => {
  const unit = (id: string, photos: Photo[]): DecorImportUnit => ({ location: location(id), photos, copy: false })
  const size = () => 10

  it('hold whole décors with their photos, within the records and bytes of one transaction', () => {
    const units = [unit('a', [photo('a1', 'a'), photo('a2', 'a')]), unit('b', [photo('b1', 'b')]), unit('c', []), unit('d', [photo('d1', 'd')])]
    const ids = (batches: DecorImportUnit[][]) => batches.map((batch) => batch.map((u) => u.location.id))
    expect(ids(importBatches(units, size, { records: 5, bytes: 1000 }))).toEqual([['a', 'b'], ['c', 'd']])
    expect(ids(importBatches(units, size, { records: 100, bytes: 15 }))).toEqual([['a'], ['b', 'c'], ['d']])
    // A décor bigger than a batch goes alone, whole.
    expect(ids(importBatches(units, size, { records: 2, bytes: 1000 }))).toEqual([['a'], ['b'], ['c'], ['d']])
  })

  it('count bytes shared by several photos once per batch', () => {
    const shared = [unit('a', [photo('a1', 'a', 'same')]), unit('b', [photo('b1', 'b', 'same')]), unit('c', [photo('c1', 'c', 'other')])]
    expect(importBatches(shared, size, { records: 100, bytes: 15 }).map((batch) => batch.length)).toEqual([2, 1])
  })
})
