import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Location } from '../../../core/model'
import { db } from '../../db/db'
import { useNoticeStore } from '../../ui/noticeStore'
import { repositoryFor } from '../records/repositories'
import { decorPoints, statusCounts } from './locationMapPoints'
import { useLocationPosition } from './useLocationPosition'

const t = (key: string) => key

async function newLocation(): Promise<Location> {
  const created = await repositoryFor<Location>('location').create('p-map', { name: 'Cour carrée', intExt: 'EXT', setting: 'natural', status: 'option' })
  if (!created.ok) throw new Error('create')
  return created.record
}

beforeEach(() => setActivePinia(createPinia()))

describe('placing a décor on the map', () => {
  it('saves latitude and longitude in one patch, rounded to 6 decimals', async () => {
    const location = await newLocation()
    const { savePosition } = useLocationPosition()
    expect(await savePosition(location, { lat: 48.86012345678, lng: 2.33712345678 })).toBe(true)
    expect(await repositoryFor<Location>('location').get(location.productionId, location.id)).toMatchObject({ lat: 48.860123, lng: 2.337123 })
    const patch = (await db.outbox.toArray()).at(-1)!
    expect(patch).toMatchObject({ name: 'location.patch', args: { id: location.id, fields: { lat: 48.860123, lng: 2.337123 } } })
    expect(useNoticeStore().notices.at(-1)).toMatchObject({ tone: 'success', key: 'map.place.saved' })
  })

  it('refuses a position outside valid ranges with the schema\'s message, and writes nothing', async () => {
    const location = await newLocation()
    const before = await db.outbox.count()
    const { savePosition } = useLocationPosition()
    // A tap on the copy of the world east of the antimeridian.
    expect(await savePosition(location, { lat: 48.86, lng: 362.33 })).toBe(false)
    expect(useNoticeStore().notices.at(-1)).toMatchObject({ tone: 'error', key: 'validation.longitude' })
    expect(await savePosition(location, { lat: 91, lng: 2.3 })).toBe(false)
    expect(useNoticeStore().notices.at(-1)).toMatchObject({ tone: 'error', key: 'validation.latitude' })
    expect(await db.outbox.count()).toBe(before)
    expect((await repositoryFor<Location>('location').get(location.productionId, location.id))?.lng ?? null).toBeNull()
  })
})

describe('décors as map points', () => {
  const base = { productionId: 'p', createdAt: '', updatedAt: '', deletedAt: null, intExt: 'INT', setting: 'natural' }
  const locations = [
    { ...base, id: 'a', name: 'A', status: 'confirmed', lat: 48.8, lng: 2.3 },
    { ...base, id: 'b', name: 'B', status: 'rejected', lat: 48.9, lng: 2.4 },
    { ...base, id: 'c', name: 'C', status: 'confirmed', lat: null, lng: null },
  ] as unknown as Location[]

  it('keeps only the décors with a position, coloured and labelled by status', () => {
    const points = decorPoints(locations, t, { open: () => undefined, move: () => undefined })
    expect(points.map((point) => point.id)).toEqual(['a', 'b'])
    expect(points[0]).toMatchObject({ color: '#2a7d4f', label: 'A (options.locationStatus.confirmed)' })
    expect(points[0]!.popup!().textContent).toContain('map.popup.open')
  })

  it('counts the placed décors per status for the legend', () => {
    expect(statusCounts(locations).filter((entry) => entry.count)).toEqual([{ status: 'confirmed', count: 1 }, { status: 'rejected', count: 1 }])
  })
})
