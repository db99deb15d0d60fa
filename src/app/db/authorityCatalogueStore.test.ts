import { afterEach, describe, expect, it } from 'vitest'
import type { Authority } from '../../core/model'
import { AUTHORITY_CATALOGUE, catalogueAuthorityId } from '../../core/rules/authorityCatalogue'
import { newId } from '../../core/sync/ids'
import { addMissingCatalogue, liveMissingCatalogue } from './authorityCatalogueStore'
import { db } from './db'
import { createRepository } from './repository'

const authorities = createRepository<Authority>('authority')

function firstValue<T>(observable: { subscribe(next: (value: T) => void): { unsubscribe(): void } }): Promise<T> {
  return new Promise((resolve) => {
    const subscription = observable.subscribe((value) => {
      resolve(value)
      queueMicrotask(() => subscription.unsubscribe())
    })
  })
}

afterEach(async () => {
  await Promise.all([db.records('authority').clear(), db.outbox.clear(), db.meta.clear()])
})

describe('adding the authorities catalogue', () => {
  it('creates every entry once, with editable records and their outbox entries; a second tap adds nothing', async () => {
    const pid = newId()
    expect(await firstValue(liveMissingCatalogue(pid))).toHaveLength(AUTHORITY_CATALOGUE.length)
    expect(await addMissingCatalogue(pid)).toBe(AUTHORITY_CATALOGUE.length)
    const rows = await authorities.list(pid)
    expect(rows.map((row) => row.id).sort()).toEqual(AUTHORITY_CATALOGUE.map((entry) => catalogueAuthorityId(pid, entry.key)).sort())
    expect(rows.find((row) => row.id === catalogueAuthorityId(pid, 'parisFilm'))).toMatchObject({ leadTime: 15, leadTimeUnit: 'workingDays', kind: 'cityHall' })
    expect(await db.outbox.where('productionId').equals(pid).count()).toBe(AUTHORITY_CATALOGUE.length)
    expect(await firstValue(liveMissingCatalogue(pid))).toEqual([])
    expect(await addMissingCatalogue(pid)).toBe(0)
    expect(await db.outbox.where('productionId').equals(pid).count()).toBe(AUTHORITY_CATALOGUE.length)
  })

  it('adds only what lacks, and never brings back an authority the user deleted or edited', async () => {
    const pid = newId()
    await authorities.create(pid, { name: 'Préfecture de police – bureau des tournages', kind: 'prefecture', leadTime: 10, leadTimeUnit: 'workingDays' })
    expect(await addMissingCatalogue(pid)).toBe(AUTHORITY_CATALOGUE.length - 1)
    const ratp = catalogueAuthorityId(pid, 'ratp')
    await authorities.remove(pid, ratp)
    const sncf = catalogueAuthorityId(pid, 'sncf')
    expect(await authorities.update(pid, sncf, { leadTime: 21 })).toMatchObject({ ok: true })
    expect(await firstValue(liveMissingCatalogue(pid))).toEqual([])
    expect(await addMissingCatalogue(pid)).toBe(0)
    expect(await authorities.get(pid, ratp)).toBeUndefined()
    expect(await authorities.get(pid, sncf)).toMatchObject({ leadTime: 21 })
  })
})
