/**
 * A hostile review of the trust routes: what a member, a revoked coordinator or a thief holding an owner's phone
 * could still do. Each test names the rule it holds the server to.
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildServer } from '../app'
import { DEFAULT_LIMITS } from '../config'
import type { ServerContext } from '../context'
import { collectBlobs, ORPHAN_DELAY_MS } from '../maintenance'
import { createDiskBlobStore } from '../blobs/diskBlobStore'
import { migrateToLatest } from '../migrations'
import { ACCESS_HEADERS, TEST_ACCESS_CODE } from '../testAccessCode'
import { NO_DIST } from '../testApp'
import { createSqliteStore, postgresStoreFactory, type CreateTestStore, type TestStore } from '../testDatabases'

interface Session { productionId: string; token: string; memberId: string; sessionId: string; role: string; recoveryCode?: string }

const QUOTA = 8 * 1024 * 1024

function jpeg(size: number): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)])
}
const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** Every stored blob file (temp files excluded). */
function blobFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile() && !entry.parentPath.endsWith('tmp'))
    .map((entry) => entry.name)
    .sort()
}

function hostileSuite(createStore: CreateTestStore) {
  let store: TestStore
  let app: FastifyInstance
  let blobDir: string
  let context: ServerContext
  beforeEach(async () => {
    store = await createStore()
    blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regie-hostile-'))
    const { db, dialect } = store.open()
    await migrateToLatest(db)
    app = await buildServer({ db, dialect, accessCode: TEST_ACCESS_CODE, distDir: NO_DIST, blobDir, limits: { blobBytesPerProduction: QUOTA } })
    context = { db, dialect, limits: { ...DEFAULT_LIMITS, blobBytesPerProduction: QUOTA }, epoch: '' }
  })
  afterEach(async () => {
    await app.close()
    await store.drop()
    fs.rmSync(blobDir, { recursive: true, force: true })
  })

  const auth = (token: string) => ({ authorization: `Bearer ${token}` })

  async function createProduction(): Promise<Session> {
    const response = await app.inject({ method: 'POST', url: '/api/v1/productions', headers: ACCESS_HEADERS, payload: { name: 'Les Heures Claires', displayName: 'Camille' } })
    expect(response.statusCode).toBe(201)
    return response.json()
  }
  const invite = (caller: Session, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: `/api/v1/productions/${caller.productionId}/invites`, headers: auth(caller.token), payload })
  const accept = (code: string, displayName: string) => app.inject({ method: 'POST', url: `/api/v1/invites/${code}/accept`, payload: { displayName } })
  async function join(owner: Session, role: string, displayName: string): Promise<Session> {
    const accepted = await accept((await invite(owner, { role })).json().code, displayName)
    expect(accepted.statusCode).toBe(201)
    return { ...accepted.json(), productionId: owner.productionId }
  }

  describe('blob quota', () => {
    it('keeps no bytes on disk of an upload refused past the quota, even streamed without a length', async () => {
      const owner = await createProduction()
      const first = jpeg(5 * 1024 * 1024)
      expect((await app.inject({ method: 'PUT', url: `/api/v1/blobs/${sha256Of(first)}`, headers: { ...auth(owner.token), 'content-type': 'image/jpeg' }, payload: first })).statusCode).toBe(201)
      // Chunked: no content-length, so the check before writing cannot refuse it.
      for (let attempt = 0; attempt < 3; attempt++) {
        const more = jpeg(4 * 1024 * 1024)
        const refused = await app.inject({
          method: 'PUT', url: `/api/v1/blobs/${sha256Of(more)}`, headers: { ...auth(owner.token), 'content-type': 'image/jpeg' },
          payload: Readable.from([more.subarray(0, 1 << 20), more.subarray(1 << 20)]),
        })
        expect(refused.statusCode).toBe(507)
      }
      // Nothing references the refused bytes, and the collector never looks at them: they would stay for ever.
      const far = Date.now() + 365 * 86_400_000
      await collectBlobs(context, createDiskBlobStore(blobDir), far)
      await collectBlobs(context, createDiskBlobStore(blobDir), far + ORPHAN_DELAY_MS + 1000)
      // The accepted upload, referenced by no record, is collected too: nothing at all may remain.
      expect(blobFiles(blobDir)).toEqual([])
    })

    it('gives the last room to one of two uploads racing for it, and keeps nothing of the other', async () => {
      const owner = await createProduction()
      const address = await app.listen({ port: 0, host: '127.0.0.1' })
      const photos = [jpeg(5 * 1024 * 1024), jpeg(5 * 1024 * 1024)]
      const results = await Promise.all(photos.map((bytes) => fetch(`${address}/api/v1/blobs/${sha256Of(bytes)}`, {
        method: 'PUT', headers: { ...auth(owner.token), 'content-type': 'image/jpeg' }, body: new Uint8Array(bytes),
      })))
      expect(results.map((result) => result.status).sort()).toEqual([201, 507])
      const kept = photos[results.findIndex((result) => result.status === 201)]!
      const { db } = store.open()
      const refs = await db.selectFrom('blob_refs').select('sha256').where('production_id', '=', owner.productionId).execute()
      expect(refs.map((ref) => ref.sha256)).toEqual([sha256Of(kept)])
      // The refused bytes go on the collector's next passes; the accepted ones stay while referenced.
      await collectBlobs(context, createDiskBlobStore(blobDir), Date.now() + ORPHAN_DELAY_MS + 1000)
      expect(blobFiles(blobDir)).toEqual([sha256Of(kept)])
    })
  })

  describe('invites of a revoked member', () => {
    it('stop letting anyone in once the coordinator who made them is revoked', async () => {
      const owner = await createProduction()
      const coordinator = await join(owner, 'coordinator', 'Lou')
      // Before being revoked, Lou makes a crew link for herself.
      const crewLink = (await invite(coordinator, { role: 'member', maxUses: 50, expiresInHours: 24 * 30 })).json()
      expect((await app.inject({ method: 'DELETE', url: `/api/v1/productions/${owner.productionId}/members/${coordinator.memberId}`, headers: auth(owner.token) })).statusCode).toBe(204)
      const back = await accept(crewLink.code, 'Lou again')
      expect(back.statusCode).toBe(410)
    })
  })

  describe('the last owner', () => {
    it('stays when two owners step down at the same moment', async () => {
      const founder = await createProduction()
      const second = await join(founder, 'coordinator', 'Sam')
      // Over real sockets, as two phones would send it (inject runs one request after the other).
      const address = await app.listen({ port: 0, host: '127.0.0.1' })
      const send = (caller: Session, method: string, url: string, body?: unknown) => fetch(`${address}${url}`, {
        method, headers: { ...auth(caller.token), ...(body !== undefined && { 'content-type': 'application/json' }) }, ...(body !== undefined && { body: JSON.stringify(body) }),
      })
      const stepDown = (caller: Session) => send(caller, 'PATCH', `/api/v1/productions/${caller.productionId}/members/${caller.memberId}`, { role: 'coordinator' })
      const { db } = store.open()
      const owners = async () => (await db.selectFrom('members').select('id').where('production_id', '=', founder.productionId).where('role', '=', 'owner')
        .where('revoked_at', 'is', null).execute()).length
      for (let attempt = 0; attempt < 20; attempt++) {
        // Both owners again (straight in the database: the race is what is tested, not the promotion).
        await db.updateTable('members').set({ role: 'owner' }).where('production_id', '=', founder.productionId).execute()
        await Promise.all([founder, second].map((caller) => send(caller, 'GET', `/api/v1/productions/${caller.productionId}/members`)))
        const results = await Promise.all([stepDown(founder), stepDown(second)])
        expect(results.map((result) => result.status).sort()).toEqual([200, 409])
        expect(await owners()).toBe(1)
      }
    })
  })

  describe('a stolen owner phone', () => {
    // Open finding (hostile review), not fixed here: recovery hands back a session of the same owner member, so the
    // stolen phone may sign it out as "one of its own devices" (and make itself device links meanwhile). Marked
    // `fails` until recovery cuts the member's other sessions and device links, or opens a new owner member.
    it.fails('cannot sign out the session its owner got back with the recovery code', async () => {
      const stolen = await createProduction()
      const recovered = await app.inject({ method: 'POST', url: '/api/v1/recover', payload: { recoveryCode: stolen.recoveryCode } })
      expect(recovered.statusCode).toBe(201)
      const owner = recovered.json() as Session
      // The thief sees the new device in the list and signs it out as "one of its own".
      const cut = await app.inject({ method: 'DELETE', url: `/api/v1/productions/${stolen.productionId}/sessions/${owner.sessionId}`, headers: auth(stolen.token) })
      expect(cut.statusCode).not.toBe(204)
      const pull = await app.inject({ method: 'GET', url: `/api/v1/productions/${stolen.productionId}/pull?clientId=phone-0001`, headers: auth(owner.token) })
      expect(pull.statusCode).toBe(200)
    })
  })
}

describe('hostile review on SQLite', () => {
  hostileSuite(createSqliteStore)
})

describe.skipIf(!process.env.TEST_DATABASE_URL)('hostile review on PostgreSQL', () => {
  hostileSuite(postgresStoreFactory(process.env.TEST_DATABASE_URL ?? ''))
})
