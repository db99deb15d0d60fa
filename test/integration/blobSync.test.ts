/**
 * Photos between two phones through the real server over real HTTP (the browser's fetch path): a photo taken
 * before the production was shared goes up with the upload queue once it is, and is marked sent only then; a
 * member's phone fetches it lazily and gets the same bytes; a phone of another production gets nothing.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { commitChanges } from '../../src/app/db/writePath'
import { fetchBlob } from '../../src/app/sync/blobFetch'
import { uploadPendingBlobs } from '../../src/app/sync/blobQueue'
import { TEST_ACCESS_CODE } from '../../src/server/testAccessCode'
import { joinProduction, syncProduction, uploadProduction } from '../../src/app/sync/syncEngine'
import type { Photo } from '../../src/core/model'
import { newId } from '../../src/core/sync/ids'
import { useTestServer } from './harness'

const server = useTestServer({ http: true })

function phone(name: string) {
  const device = server.phone(name)
  return { ...device, productions: device.repository('production'), photos: device.repository<Photo>('photo') }
}

/** A JPEG-looking photo, as the camera component would store it: bytes pending upload and the photo record. */
async function takePhoto(device: ReturnType<typeof phone>, productionId: string, ownerId: string) {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`cave voûtée ${Math.random()}`.repeat(2000))])
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  await device.database.blobs.add({
    sha256, blob: new Blob([bytes], { type: 'image/jpeg' }), mime: 'image/jpeg', size: bytes.length,
    createdAt: new Date().toISOString(), productionId, pending: 1,
  })
  await device.database.blobUploads.add({ productionId, sha256, createdAt: new Date().toISOString() })
  const now = new Date().toISOString()
  const record = { id: newId(), productionId, createdAt: now, updatedAt: now, deletedAt: null, ownerId, ownerEntity: 'location', sha256, mime: 'image/jpeg', size: bytes.length }
  await commitChanges([{ op: 'create', entity: 'photo', record }], device.database)
  return { bytes, sha256 }
}

describe('blobs between two phones', () => {
  it('uploads a photo once the production is shared, and another phone fetches the same bytes', async () => {
    const client = server.client()
    const ad = phone('ad')
    const created = await ad.productions.create('', { name: 'Les Heures Claires', kind: 'feature' })
    if (!created.ok) throw new Error('production')
    const pid = created.record.id
    const photo = await takePhoto(ad, pid, 'decor-cave')

    // Not shared yet: the queue leaves the photo on the phone, still pending.
    expect(await uploadPendingBlobs(pid, client, ad.database)).toMatchObject({ uploaded: 0 })
    expect((await ad.database.blobs.get(photo.sha256))?.pending).toBe(1)

    const team = await uploadProduction({ id: pid, name: 'Les Heures Claires' }, { displayName: 'Camille' }, client, ad.database, TEST_ACCESS_CODE)
    await syncProduction(pid, client, ad.database)
    expect(await uploadPendingBlobs(pid, client, ad.database)).toEqual({ uploaded: 1, remaining: 0, error: null })
    expect((await ad.database.blobs.get(photo.sha256))?.pending).toBe(0)

    const regie = phone('regie')
    const invite = await client.createInvite(pid, team.token, 'member')
    await joinProduction(invite.code, { displayName: 'Sami' }, client, regie.database)
    await syncProduction(pid, client, regie.database)
    const [pulled] = await regie.photos.list(pid)
    expect(pulled?.sha256).toBe(photo.sha256)
    expect(await regie.database.blobs.get(photo.sha256)).toBeUndefined()

    const fetched = await fetchBlob(pid, pulled!.sha256, client, regie.database)
    expect(fetched).not.toBeNull()
    expect(Buffer.from(await fetched!.arrayBuffer()).equals(photo.bytes)).toBe(true)
    expect(await regie.database.blobs.get(photo.sha256)).toMatchObject({ pending: 0, mime: 'image/jpeg', productionId: pid })

    // A phone of another production knows the address but gets nothing: not even that the file exists.
    const stranger = phone('stranger')
    const other = await stranger.productions.create('', { name: 'Autre film', kind: 'feature' })
    if (!other.ok) throw new Error('production')
    await uploadProduction({ id: other.record.id, name: 'Autre film' }, { displayName: 'Lou' }, client, stranger.database, TEST_ACCESS_CODE)
    expect(await fetchBlob(other.record.id, photo.sha256, client, stranger.database)).toBeNull()
    expect(await stranger.database.blobs.count()).toBe(0)
  })
})
