/**
 * The server's edges as an attacker or an unlucky operator meets them: slow and deep bodies, internal errors,
 * proxies, https-only headers, a database that cannot be written, file permissions, the access code's file and
 * the start-up integrity check.
 */
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import Fastify from 'fastify'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { accessCodeMatches, resolveAccessCode } from './accessCode'
import { buildServer } from './app'
import { readTrustProxy } from './config'
import { checkSqliteIntegrity, openDatabase, SQLITE_FILE_NAME } from './db'
import { registerErrorHandling } from './errors'
import { migrateToLatest } from './migrations'
import { registerRequestGuards, tooDeep } from './requestGuards'
import { registerSecurity } from './security'
import { TEST_ACCESS_CODE } from './testAccessCode'
import { NO_DIST } from './testApp'
import { createSqliteStore } from './testDatabases'

const temp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'regie-hardening-'))
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('request guards', () => {
  it('cuts off a body that trickles in, with a 408, and keeps serving others', async () => {
    const app = Fastify()
    registerRequestGuards(app, { graceMs: 300, minBytesPerSecond: 1024 })
    registerErrorHandling(app)
    app.post('/echo', async (request) => ({ got: request.body }))
    await app.listen({ port: 0, host: '127.0.0.1' })
    cleanups.push(() => app.close())
    const { port } = app.server.address() as net.AddressInfo

    const answer = await new Promise<string>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write('POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{')
      })
      let received = ''
      socket.on('data', (chunk) => (received += chunk.toString()))
      socket.on('close', () => resolve(received))
      // One byte every 200 ms: far below 1 kB/s.
      const drip = setInterval(() => socket.writable && socket.write(' '), 200)
      socket.on('close', () => clearInterval(drip))
    })
    expect(answer).toMatch(/^HTTP\/1\.1 408/)
    expect(answer).toContain('"error":"request_timeout"')

    const normal = await fetch(`http://127.0.0.1:${port}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' })
    expect(await normal.json()).toEqual({ got: { a: 1 } })
  })

  it('refuses JSON nested deeper than any record with a 400, not a stack overflow', async () => {
    const app = Fastify()
    registerRequestGuards(app)
    registerErrorHandling(app)
    app.post('/echo', async () => ({ ok: true }))
    cleanups.push(() => app.close())
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`
    const response = await app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload: deep })
    expect([response.statusCode, response.json().error]).toEqual([400, 'too_deep'])
    expect(tooDeep({ a: [{ b: { c: 1 } }] }, 4)).toBe(false)
    expect(tooDeep({ a: [{ b: { c: [1] } }] }, 4)).toBe(true)
  })
})

describe('errors', () => {
  it('answers an internal failure with a generic 500 that names the request, and a busy database with a 503', async () => {
    const app = Fastify()
    registerErrorHandling(app)
    app.get('/boom', async () => {
      throw new Error('Maximum call stack size exceeded at secret/internal/path.ts')
    })
    app.get('/busy', async () => {
      throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })
    })
    cleanups.push(() => app.close())
    const boom = await app.inject({ url: '/boom' })
    expect(boom.statusCode).toBe(500)
    expect(boom.json()).toEqual({ error: 'server_error', message: 'Internal server error', requestId: expect.any(String) })
    expect(boom.body).not.toContain('secret')
    const busy = await app.inject({ url: '/busy' })
    expect([busy.statusCode, busy.json().error, busy.headers['retry-after']]).toEqual([503, 'busy', '2'])
  })
})

describe('behind a reverse proxy', () => {
  it('sends HSTS only over https, as the trusted proxy says', async () => {
    const app = Fastify({ trustProxy: readTrustProxy('127.0.0.1') })
    await registerSecurity(app)
    app.get('/', async (request) => ({ ip: request.ip, protocol: request.protocol }))
    cleanups.push(() => app.close())
    const plain = await app.inject({ url: '/' })
    expect(plain.headers['strict-transport-security']).toBeUndefined()
    const proxied = await app.inject({ url: '/', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' } })
    expect(proxied.headers['strict-transport-security']).toContain('max-age=')
    expect(proxied.json()).toEqual({ ip: '203.0.113.7', protocol: 'https' })
    // An untrusted peer cannot claim to be someone else.
    const direct = Fastify({ trustProxy: readTrustProxy(undefined) })
    direct.get('/', async (request) => ({ ip: request.ip }))
    cleanups.push(() => direct.close())
    expect((await direct.inject({ url: '/', headers: { 'x-forwarded-for': '203.0.113.7' } })).json()).toEqual({ ip: '127.0.0.1' })
  })

  it('reads TRUST_PROXY as true or a list of addresses, and refuses anything else', () => {
    expect(readTrustProxy('')).toBe(false)
    expect(readTrustProxy('true')).toBe(true)
    expect(readTrustProxy('10.0.0.1, 192.168.0.0/16,loopback')).toEqual(['10.0.0.1', '192.168.0.0/16', 'loopback'])
    expect(() => readTrustProxy('nginx.local')).toThrow(/TRUST_PROXY/)
  })
})

describe('health and durability', () => {
  it('answers 503 when the database can be read but not written', async () => {
    const store = await createSqliteStore()
    cleanups.push(() => store.drop())
    const { db, dialect } = store.open()
    await migrateToLatest(db)
    const app = await buildServer({ db, dialect, accessCode: TEST_ACCESS_CODE, distDir: NO_DIST })
    cleanups.push(() => app.close())
    expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200)
    await sql`create trigger refuse_writes before update on server_meta begin select raise(abort, 'disk full'); end`.execute(db)
    await sql`create trigger refuse_inserts before insert on server_meta begin select raise(abort, 'disk full'); end`.execute(db)
    const refused = await app.inject({ url: '/api/health' })
    expect([refused.statusCode, refused.json()]).toEqual([503, { ok: false, error: 'database_unavailable' }])
  })

  it('runs SQLite with full fsync, keeps its files and the blobs to the server user only', async () => {
    const dir = temp()
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }))
    const opened = openDatabase({ dataDir: path.join(dir, 'data') })
    cleanups.push(() => opened.db.destroy())
    await migrateToLatest(opened.db)
    const synchronous = await sql<{ synchronous: number }>`pragma synchronous`.execute(opened.db)
    expect(synchronous.rows[0]!.synchronous).toBe(2)
    const mode = (file: string) => fs.statSync(file).mode & 0o777
    expect(mode(path.join(dir, 'data'))).toBe(0o700)
    expect(mode(path.join(dir, 'data', SQLITE_FILE_NAME))).toBe(0o600)
    expect(mode(path.join(dir, 'data', `${SQLITE_FILE_NAME}-wal`))).toBe(0o600)
  })

  it('finds a damaged database at start', () => {
    const dir = temp()
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }))
    expect(checkSqliteIntegrity(dir)).toBeNull()
    fs.writeFileSync(path.join(dir, SQLITE_FILE_NAME), Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0x5a)]))
    expect(checkSqliteIntegrity(dir)).toEqual(expect.any(String))
  })
})

describe('the access code', () => {
  it('is made once on first start, kept readable by the server user only, then read back; the environment wins', () => {
    const dir = temp()
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }))
    const first = resolveAccessCode(undefined, dir)
    expect(first).toMatchObject({ source: 'created', code: expect.stringMatching(/^([A-Z2-9]{5}-){3}[A-Z2-9]{5}$/) })
    expect(fs.statSync(first.file!).mode & 0o777).toBe(0o600)
    expect(resolveAccessCode(undefined, dir)).toEqual({ code: first.code, source: 'file', file: first.file })
    expect(resolveAccessCode('MY-OWN-CODE-2026', dir)).toEqual({ code: 'MY-OWN-CODE-2026', source: 'environment' })
    expect(accessCodeMatches(first.code, first.code.toLowerCase().replace(/-/g, '- '))).toBe(true)
    expect(accessCodeMatches(first.code, undefined)).toBe(false)
    fs.writeFileSync(first.file!, 'bad')
    expect(() => resolveAccessCode(undefined, dir)).toThrow(/access code/)
  })
})
