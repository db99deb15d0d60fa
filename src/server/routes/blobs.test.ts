import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_BLOB_BYTES } from '../../core/sync/blobRules'
import { buildServer } from '../app'
import { DEFAULT_LIMITS } from '../config'
import type { ServerContext } from '../context'
import { collectBlobs, ORPHAN_DELAY_MS } from '../maintenance'
import { createDiskBlobStore } from '../blobs/diskBlobStore'
import { migrateToLatest } from '../migrations'
import { encodeHlc } from '../../core/sync/hlc'
import { newId } from '../../core/sync/ids'
import { createSqliteStore, postgresStoreFactory, type CreateTestStore, type TestStore } from '../testDatabases'
import { ACCESS_HEADERS, TEST_ACCESS_CODE } from '../testAccessCode'

const NO_DIST = path.join(os.tmpdir(), 'regie-test-no-dist')

/** Bytes that begin like a JPEG, unique per call. */
function jpeg(size = 4096): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)])
}
const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** Every file under the blob directory, relative to it (temp files included). */
function filesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort()
}

function blobSuite(createStore: CreateTestStore) {
  let store: TestStore
  let app: FastifyInstance
  let blobDir: string
  beforeEach(async () => {
    store = await createStore()
    blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regie-blobs-'))
    const { db, dialect } = store.open()
    await migrateToLatest(db)
    app = await buildServer({ db, dialect, accessCode: TEST_ACCESS_CODE, distDir: NO_DIST, blobDir, limits: { blobBytesPerProduction: 8 * 1024 * 1024 } })
  })
  afterEach(async () => {
    await app.close()
    await store.drop()
    fs.rmSync(blobDir, { recursive: true, force: true })
  })

  async function createProduction(name = 'Les Heures Claires') {
    const response = await app.inject({ method: 'POST', url: '/api/v1/productions', headers: ACCESS_HEADERS, payload: { name, displayName: 'Camille' } })
    expect(response.statusCode).toBe(201)
    return response.json() as { productionId: string; token: string }
  }

  async function join(productionId: string, ownerToken: string, role: string) {
    const invite = await app.inject({ method: 'POST', url: `/api/v1/productions/${productionId}/invites`, headers: { authorization: `Bearer ${ownerToken}` }, payload: { role } })
    const accepted = await app.inject({ method: 'POST', url: `/api/v1/invites/${invite.json().code}/accept`, payload: { displayName: `${role} test` } })
    expect(accepted.statusCode).toBe(201)
    return accepted.json() as { token: string; sessionId: string }
  }

  const put = (token: string | null, sha256: string, payload: Buffer | Readable, contentType = 'image/jpeg') =>
    app.inject({ method: 'PUT', url: `/api/v1/blobs/${sha256}`, headers: { 'content-type': contentType, ...(token && { authorization: `Bearer ${token}` }) }, payload })
  const read = (method: 'GET' | 'HEAD', token: string | null, sha256: string) =>
    app.inject({ method, url: `/api/v1/blobs/${sha256}`, headers: token ? { authorization: `Bearer ${token}` } : {} })

  it('stores an upload under ab/cd/<sha256> and serves the same bytes back, immutable', async () => {
    const { token } = await createProduction()
    const bytes = jpeg()
    const sha256 = sha256Of(bytes)
    expect((await read('HEAD', token, sha256)).statusCode).toBe(404)

    const created = await put(token, sha256, bytes)
    expect(created.statusCode).toBe(201)
    expect(created.json()).toEqual({ sha256, size: bytes.length })
    expect(filesIn(blobDir)).toEqual([path.join(sha256.slice(0, 2), sha256.slice(2, 4), sha256)])

    const head = await read('HEAD', token, sha256)
    expect(head.statusCode).toBe(200)
    expect(head.headers['content-length']).toBe(String(bytes.length))
    expect(head.headers['content-type']).toBe('image/jpeg')
    const got = await read('GET', token, sha256)
    expect(got.statusCode).toBe(200)
    expect(got.rawPayload.equals(bytes)).toBe(true)
    expect(got.headers['content-type']).toBe('image/jpeg')
    expect(got.headers['cache-control']).toBe('private, max-age=31536000, immutable')
    expect(got.headers['x-content-type-options']).toBe('nosniff')
    expect(got.headers['content-security-policy']).toContain('sandbox')

    // The same upload again (a lost 201, a retry) changes nothing.
    expect((await put(token, sha256, bytes)).statusCode).toBe(200)
    expect((await read('GET', token, sha256)).rawPayload.equals(bytes)).toBe(true)
    expect(filesIn(blobDir)).toHaveLength(1)
  })

  it('refuses bytes that do not match their address and keeps nothing of them', async () => {
    const { token } = await createProduction()
    const claimed = sha256Of(jpeg())
    const response = await put(token, claimed, jpeg())
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ error: 'hash_mismatch' })
    expect((await read('HEAD', token, claimed)).statusCode).toBe(404)
    expect(filesIn(blobDir)).toEqual([])
  })

  it('accepts only the allowed types, checked against the first bytes too', async () => {
    const { token } = await createProduction()
    const html = Buffer.from('<html><script>alert(1)</script></html>')
    const asHtml = await put(token, sha256Of(html), html, 'text/html')
    expect(asHtml.statusCode).toBe(415)
    expect(asHtml.json()).toMatchObject({ error: 'unsupported_type' })
    const disguised = await put(token, sha256Of(html), html, 'image/png')
    expect(disguised.statusCode).toBe(415)
    const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n')
    expect((await put(token, sha256Of(pdf), pdf, 'application/pdf; charset=binary')).statusCode).toBe(201)
    expect((await read('GET', token, sha256Of(pdf))).headers['content-type']).toBe('application/pdf')
    expect(filesIn(blobDir)).toHaveLength(1)
  })

  it('refuses uploads over the size limit, announced or streamed', async () => {
    const { token } = await createProduction()
    const announced = await app.inject({
      method: 'PUT', url: `/api/v1/blobs/${'a'.repeat(64)}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg', 'content-length': String(MAX_BLOB_BYTES + 1) }, payload: jpeg(),
    })
    expect(announced.statusCode).toBe(413)
    // A chunked body carries no length: the limit is enforced while it streams.
    const big = jpeg(MAX_BLOB_BYTES + 1)
    const streamed = await put(token, sha256Of(big), Readable.from([big.subarray(0, 1 << 20), big.subarray(1 << 20)]))
    expect(streamed.statusCode).toBe(413)
    expect(streamed.json()).toMatchObject({ error: 'too_large' })
    expect(filesIn(blobDir)).toEqual([])
  })

  it('answers 400 to anything but a lower-case hex SHA-256, before touching storage', async () => {
    const { token } = await createProduction()
    const bytes = jpeg()
    const bad = [sha256Of(bytes).toUpperCase(), sha256Of(bytes).slice(1), '..%2F..%2F..%2Fetc%2Fpasswd', `${'%2e%2e%2f'.repeat(3)}regie.sqlite`, `${sha256Of(bytes)}%00`]
    for (const address of bad) {
      for (const method of ['HEAD', 'GET'] as const) expect((await read(method, token, address)).statusCode, `${method} ${address}`).toBe(400)
      expect((await put(token, address, bytes)).statusCode, `PUT ${address}`).toBe(400)
      expect((await put(null, address, bytes)).statusCode, `anonymous PUT ${address}`).toBe(400)
    }
    expect(filesIn(blobDir)).toEqual([])
  })

  it("never shows one production's blob to another, which may still upload and then read the same bytes", async () => {
    const a = await createProduction('Production A')
    const b = await createProduction('Production B')
    const bytes = jpeg()
    const sha256 = sha256Of(bytes)
    expect((await put(a.token, sha256, bytes)).statusCode).toBe(201)

    const unknown = await read('GET', b.token, sha256Of(jpeg()))
    for (const method of ['HEAD', 'GET'] as const) {
      const response = await read(method, b.token, sha256)
      expect(response.statusCode).toBe(404)
      // Indistinguishable from a blob nobody has.
      expect(response.body).toBe(method === 'GET' ? unknown.body : '')
    }
    // Already on disk, but B must still send every byte: a wrong one is refused and grants nothing.
    const forged = Buffer.from(bytes)
    forged[forged.length - 1]! ^= 0xff
    expect((await put(b.token, sha256, forged)).statusCode).toBe(400)
    expect((await read('HEAD', b.token, sha256)).statusCode).toBe(404)

    expect((await put(b.token, sha256, bytes)).statusCode).toBe(201)
    expect((await read('GET', b.token, sha256)).rawPayload.equals(bytes)).toBe(true)
    expect(filesIn(blobDir)).toHaveLength(1)
  })

  it('lets viewers read but not upload', async () => {
    const { productionId, token } = await createProduction()
    const viewer = await join(productionId, token, 'viewer')
    const bytes = jpeg()
    const refused = await put(viewer.token, sha256Of(bytes), bytes)
    expect(refused.statusCode).toBe(403)
    expect(filesIn(blobDir)).toEqual([])
    expect((await put(token, sha256Of(bytes), bytes)).statusCode).toBe(201)
    expect((await read('GET', viewer.token, sha256Of(bytes))).rawPayload.equals(bytes)).toBe(true)
  })

  it('refuses callers without a valid token, and sessions that were revoked', async () => {
    const { productionId, token } = await createProduction()
    const member = await join(productionId, token, 'member')
    const bytes = jpeg()
    const sha256 = sha256Of(bytes)
    expect((await put(null, sha256, bytes)).statusCode).toBe(401)
    expect((await put('not-a-real-token-but-long-enough', sha256, bytes)).statusCode).toBe(401)
    expect((await read('GET', null, sha256)).statusCode).toBe(401)
    expect((await read('HEAD', null, sha256)).statusCode).toBe(401)
    expect((await put(member.token, sha256, bytes)).statusCode).toBe(201)

    const revoke = await app.inject({ method: 'DELETE', url: `/api/v1/productions/${productionId}/sessions/${member.sessionId}`, headers: { authorization: `Bearer ${token}` } })
    expect(revoke.statusCode).toBe(204)
    const other = jpeg()
    expect((await put(member.token, sha256Of(other), other)).json()).toMatchObject({ error: 'revoked' })
    expect((await read('GET', member.token, sha256)).statusCode).toBe(403)
    expect((await read('HEAD', member.token, sha256)).statusCode).toBe(403)
  })

  it('takes two concurrent uploads of the same blob and keeps one intact file', async () => {
    const a = await createProduction('Production A')
    const b = await createProduction('Production B')
    const bytes = jpeg(3 * 1024 * 1024)
    const sha256 = sha256Of(bytes)
    // Streamed in small chunks so both writes interleave.
    const chunks = () => Readable.from(Array.from({ length: 48 }, (_, i) => bytes.subarray(i * 65536, (i + 1) * 65536)))
    const responses = await Promise.all([put(a.token, sha256, chunks()), put(a.token, sha256, chunks()), put(b.token, sha256, chunks())])
    for (const response of responses) expect([200, 201]).toContain(response.statusCode)
    expect(responses.filter((response) => response.statusCode === 201)).toHaveLength(2)

    const stored = path.join(blobDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256)
    expect(sha256Of(fs.readFileSync(stored))).toBe(sha256)
    expect(filesIn(blobDir)).toEqual([path.relative(blobDir, stored)])
    for (const token of [a.token, b.token]) expect((await read('GET', token, sha256)).rawPayload.equals(bytes)).toBe(true)
  })
  it("refuses new bytes past the production's blob quota with 507; bytes it already has cost nothing", async () => {
    const { token } = await createProduction()
    const first = jpeg(5 * 1024 * 1024)
    expect((await put(token, sha256Of(first), first)).statusCode).toBe(201)
    const second = jpeg(4 * 1024 * 1024)
    const refused = await put(token, sha256Of(second), second)
    expect(refused.statusCode).toBe(507)
    expect(refused.json()).toMatchObject({ error: 'quota_blobs', limit: 8 * 1024 * 1024 })
    expect((await put(token, sha256Of(first), first)).statusCode).toBe(200)
    // Another production has its own quota.
    const other = await createProduction('Autre film')
    expect((await put(other.token, sha256Of(second), second)).statusCode).toBe(201)
  })

  it('never collects a blob a record names; collects the others after the grace period, bytes on a later pass', async () => {
    const { productionId, token } = await createProduction()
    const named = jpeg()
    const orphan = jpeg()
    for (const bytes of [named, orphan]) expect((await put(token, sha256Of(bytes), bytes)).statusCode).toBe(201)
    const node = newId()
    const photo = { id: newId(), productionId, ownerId: 'loc-1', ownerEntity: 'location', sha256: sha256Of(named), mime: 'image/jpeg', width: 10, height: 10, size: named.length }
    const pushed = await app.inject({
      method: 'POST', url: `/api/v1/productions/${productionId}/push`, headers: { authorization: `Bearer ${token}` },
      payload: { clientId: node, schemaVersion: 1, mutations: [{ mutationId: 1, name: 'photo.create', args: { record: photo }, hlc: encodeHlc({ millis: Date.now(), counter: 0, node }) }] },
    })
    expect(pushed.json()).toMatchObject({ rejected: [] })

    const { db, dialect } = store.open()
    const context: ServerContext = { db, dialect, limits: { ...DEFAULT_LIMITS, blobGraceDays: 7 }, epoch: '' }
    const files = createDiskBlobStore(blobDir)
    const day = 86_400_000
    expect(await collectBlobs(context, files, Date.now() + 6 * day)).toEqual({ refsDropped: 0, filesDeleted: 0 })
    expect(await collectBlobs(context, files, Date.now() + 8 * day)).toEqual({ refsDropped: 1, filesDeleted: 0 })
    expect((await read('HEAD', token, sha256Of(orphan))).statusCode).toBe(404)
    expect(await collectBlobs(context, files, Date.now() + 8 * day + ORPHAN_DELAY_MS + 1000)).toEqual({ refsDropped: 0, filesDeleted: 1 })
    expect(filesIn(blobDir)).toEqual([path.join(sha256Of(named).slice(0, 2), sha256Of(named).slice(2, 4), sha256Of(named))])
    // A year on, the named photo is still there.
    expect(await collectBlobs(context, files, Date.now() + 365 * day)).toEqual({ refsDropped: 0, filesDeleted: 0 })
    expect((await read('GET', token, sha256Of(named))).rawPayload.equals(named)).toBe(true)
  })

  it('keeps bytes uploaded again while they waited as an orphan', async () => {
    const { token } = await createProduction()
    const bytes = jpeg()
    await put(token, sha256Of(bytes), bytes)
    const { db, dialect } = store.open()
    const context: ServerContext = { db, dialect, limits: { ...DEFAULT_LIMITS, blobGraceDays: 7 }, epoch: '' }
    const files = createDiskBlobStore(blobDir)
    expect(await collectBlobs(context, files, Date.now() + 8 * 86_400_000)).toMatchObject({ refsDropped: 1 })
    expect((await put(token, sha256Of(bytes), bytes)).statusCode).toBe(201)
    // The next pass, once the orphan would have been due: the new reference is within its grace period.
    expect(await collectBlobs(context, files, Date.now() + ORPHAN_DELAY_MS + 1000)).toEqual({ refsDropped: 0, filesDeleted: 0 })
    expect((await read('GET', token, sha256Of(bytes))).rawPayload.equals(bytes)).toBe(true)
  })
}

describe('blob routes on SQLite', () => {
  blobSuite(createSqliteStore)
})

describe.skipIf(!process.env.TEST_DATABASE_URL)('blob routes on PostgreSQL', () => {
  blobSuite(postgresStoreFactory(process.env.TEST_DATABASE_URL ?? ''))
})
