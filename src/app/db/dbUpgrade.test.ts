// @vitest-environment node
// A phone updated from the version whose blobs carried their own "pending" flag keeps every upload waiting.
import { afterEach, expect, it } from 'vitest'
import { pendingBlobs } from './blobQueueStore'
import { Dexie, RegieDatabase } from './db'

const name = `upgrade-${Math.random().toString(36).slice(2)}`
afterEach(() => Dexie.delete(name))

it('queues for upload, per production, the blobs a version-2 database had pending', async () => {
  const old = new Dexie(name)
  old.version(2).stores({ blobs: 'sha256, [productionId+pending]' })
  const blob = (sha: string, productionId: string, pending: 0 | 1) =>
    ({ sha256: sha.repeat(64), blob: new Blob([sha]), mime: 'image/jpeg', size: 1, createdAt: `2026-01-05T08:00:0${sha === 'a' ? 2 : 1}.000Z`, productionId, pending })
  await old.table('blobs').bulkAdd([blob('a', 'team', 1), blob('b', 'team', 1), blob('c', 'team', 0), blob('d', 'local', 1)])
  old.close()

  const upgraded = new RegieDatabase(name)
  expect((await pendingBlobs('team', upgraded)).map((row) => row.sha256[0])).toEqual(['b', 'a'])
  expect((await pendingBlobs('local', upgraded)).map((row) => row.sha256[0])).toEqual(['d'])
  expect(await upgraded.blobs.count()).toBe(4)
  upgraded.close()
})
