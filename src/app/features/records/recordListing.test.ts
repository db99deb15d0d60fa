import { describe, expect, it } from 'vitest'
import type { BaseRecord, Location } from '../../../core/model'
import { locationView } from '../locations/locationView'
import type { EntityView } from './entityView'
import { listRecords } from './recordListing'

const view = locationView as unknown as EntityView
const noRefs = () => undefined

function location(id: string, fields: Partial<Location>): Location {
  return {
    id, productionId: 'p', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: `2026-01-0${id.length}T00:00:00.000Z`, deletedAt: null,
    name: id, scriptDecor: '', intExt: 'INT', setting: 'natural', status: 'toScout', contacts: [], rooms: [], advantages: [], nuisances: [],
    arrangements: [], ...fields,
  } as Location
}

const records = [
  location('Église Saint-Eustache', { status: 'confirmed', intExt: 'INT', address: '2 impasse Saint-Eustache' }),
  location('Quai de la Tournelle', { status: 'scouted', intExt: 'EXT', scriptDecor: 'QUAI DE SEINE – EXT' }),
  location('Appartement Belleville', { status: 'confirmed', intExt: 'INT', scriptDecor: 'APPARTEMENT DE JEANNE – INT' }),
]

describe('listRecords', () => {
  it('finds records by words of any searched field, ignoring case and accents', () => {
    const found = listRecords(records, view, { text: 'eglise EUSTACHE', filters: {}, sort: 'name' }, noRefs)
    expect(found.map((r) => r.name)).toEqual(['Église Saint-Eustache'])
    expect(listRecords(records, view, { text: 'jeanne', filters: {}, sort: 'name' }, noRefs).map((r) => r.name)).toEqual(['Appartement Belleville'])
  })

  it('applies every active filter and ignores empty ones', () => {
    const found = listRecords(records, view, { text: '', filters: { status: 'confirmed', intExt: '' }, sort: 'name' }, noRefs)
    expect(found.map((r) => r.name)).toEqual(['Appartement Belleville', 'Église Saint-Eustache'])
    expect(listRecords(records, view, { text: '', filters: { status: 'confirmed', intExt: 'EXT' }, sort: 'name' }, noRefs)).toEqual([])
  })

  it('sorts by the chosen sort, with French collation, and falls back to the first sort', () => {
    expect(listRecords(records, view, { text: '', filters: {}, sort: 'name' }, noRefs).map((r) => r.name)).toEqual([
      'Appartement Belleville', 'Église Saint-Eustache', 'Quai de la Tournelle',
    ])
    expect(listRecords(records, view, { text: '', filters: {}, sort: 'status' }, noRefs).map((r) => r.status)).toEqual(['scouted', 'confirmed', 'confirmed'])
    expect(listRecords(records, view, { text: '', filters: {}, sort: 'unknown' }, noRefs)[0]!.name).toBe('Appartement Belleville')
  })

  it('does not reorder the input array', () => {
    const input = [...records]
    listRecords(input, view, { text: '', filters: {}, sort: 'name' }, noRefs)
    expect(input).toEqual(records)
  })
})

describe('sorting by a referenced record', () => {
  it('re-sorts when the referenced records arrive after the list (keys are not kept from an empty lookup)', async () => {
    const { placementView } = await import('../placements/placementView')
    const placement = (id: string, shootDayId: string): BaseRecord =>
      ({ id, productionId: 'p', createdAt: '', updatedAt: '', deletedAt: null, vehicleId: 'v', shootDayId, arrival: '07:00' })
    const rows = [placement('late', 'd2'), placement('early', 'd1')]
    const view = placementView as unknown as EntityView
    listRecords(rows, view, { text: '', filters: {}, sort: 'day' }, () => undefined)
    const days = { d1: { date: '2027-03-01' }, d2: { date: '2027-03-02' } } as Record<string, unknown>
    const refs = ((entity: string, id?: string) => (entity === 'shootDay' && id ? days[id] : undefined)) as never
    expect(listRecords(rows, view, { text: '', filters: {}, sort: 'day' }, refs).map((r) => r.id)).toEqual(['early', 'late'])
  })
})
