import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { precompressDirectory } from '../../scripts/precompressAssets'
import { buildServer } from './app'
import { migrateToLatest } from './migrations'
import { RATE_LIMIT_PER_MINUTE } from './security'
import { NO_DIST, useTestApp } from './testApp'
import { createSqliteStore, postgresStoreFactory, type CreateTestStore, type TestStore } from './testDatabases'
import { TEST_ACCESS_CODE } from './testAccessCode'

function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'regie-dist-'))
}


function healthSuite(createStore: CreateTestStore) {
  let store: TestStore
  let app: FastifyInstance
  useTestApp(createStore, (opened) => ({ store, app } = opened))

  it('reports ok with the database dialect', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ ok: true, name: 'regie', db: store.dialect, schemaVersion: 1 })
    expect(response.headers['cache-control']).toBe('no-store')
  })

  it('answers 503 when the database is gone', async () => {
    await app.close()
    const { db, dialect } = store.open()
    app = await buildServer({ db, dialect, accessCode: TEST_ACCESS_CODE, distDir: NO_DIST })
    await db.destroy()
    const response = await app.inject({ method: 'GET', url: '/api/health' })
    expect(response.statusCode).toBe(503)
    expect(response.json()).toEqual({ ok: false, error: 'database_unavailable' })
  })
}

describe('GET /api/health on SQLite', () => {
  healthSuite(createSqliteStore)
})

describe.skipIf(!process.env.TEST_DATABASE_URL)('GET /api/health on PostgreSQL', () => {
  healthSuite(postgresStoreFactory(process.env.TEST_DATABASE_URL ?? ''))
})

describe('HTTP server', () => {
  const distDir = makeTempDir()
  // Long enough for the build's compressed copies to be smaller, as every real bundle is.
  const appScript = Array.from({ length: 100 }, (_, i) => `console.log("écran ${i}")`).join('\n')
  let store: TestStore
  let app: FastifyInstance
  beforeAll(async () => {
    fs.writeFileSync(path.join(distDir, 'index.html'), `<!doctype html><title>Régie</title>${'<p>Régie</p>'.repeat(40)}`)
    fs.writeFileSync(path.join(distDir, 'sw.js'), 'self.addEventListener("fetch", () => {})\n'.repeat(20))
    fs.mkdirSync(path.join(distDir, 'assets'))
    fs.writeFileSync(path.join(distDir, 'assets', 'index-B4x9kQ2a.js'), appScript)
    await precompressDirectory(distDir)
    store = await createSqliteStore()
    const { db, dialect } = store.open()
    await migrateToLatest(db)
    app = await buildServer({ db, dialect, accessCode: TEST_ACCESS_CODE, distDir })
  })
  afterAll(async () => {
    await app.close()
    await store.drop()
    fs.rmSync(distDir, { recursive: true, force: true })
  })

  it('answers unknown API routes with a JSON 404', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const response = await app.inject({ method, url: '/api/v1/nothing-here' })
      expect(response.statusCode).toBe(404)
      expect(response.headers['content-type']).toMatch(/^application\/json/)
      expect(response.json()).toEqual({ error: 'not_found' })
    }
  })

  it('sends security headers and rate limits', async () => {
    const response = await app.inject({ method: 'GET', url: '/' })
    const csp = String(response.headers['content-security-policy'])
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("connect-src 'self'")
    expect(csp).toContain("img-src 'self' data: blob: https://data.geopf.fr https://tile.openstreetmap.org;")
    expect(csp).not.toContain('unsafe-eval')
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    const api = await app.inject({ method: 'GET', url: '/api/health' })
    expect(api.headers['x-ratelimit-limit']).toBe('600')
  })

  it('rate limits the API per client but never the app\'s own files (a crew installs the PWA on one Wi-Fi)', async () => {
    for (let i = 0; i < RATE_LIMIT_PER_MINUTE + 20; i++) {
      const asset = await app.inject({ method: 'GET', url: '/', remoteAddress: '10.0.0.7' })
      expect(asset.statusCode).toBe(200)
    }
    const statuses = new Set<number>()
    for (let i = 0; i < RATE_LIMIT_PER_MINUTE + 1; i++) {
      statuses.add((await app.inject({ method: 'GET', url: '/api/health', remoteAddress: '10.0.0.8' })).statusCode)
    }
    expect([...statuses].sort()).toEqual([200, 429])
  })

  it('limits request bodies to 1 MiB', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/health',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ padding: 'x'.repeat(1024 * 1024) }),
    })
    expect(response.statusCode).toBe(413)
  })

  it('serves index.html for client-side routes so a reload works', async () => {
    const response = await app.inject({ method: 'GET', url: '/p/abc/locations?tab=map' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^text\/html/)
    expect(response.headers['cache-control']).toBe('no-cache')
    expect(response.body).toContain('<title>Régie</title>')
  })

  it('revalidates the shell and the service worker but caches hashed assets for good', async () => {
    const root = await app.inject({ method: 'GET', url: '/' })
    expect(root.statusCode).toBe(200)
    expect(root.headers['cache-control']).toBe('no-cache')
    const worker = await app.inject({ method: 'GET', url: '/sw.js' })
    expect(worker.headers['cache-control']).toBe('no-cache')
    const asset = await app.inject({ method: 'GET', url: '/assets/index-B4x9kQ2a.js' })
    expect(asset.statusCode).toBe(200)
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  it('sends the build\'s brotli or gzip copy of a file to a browser that accepts it, and the file itself otherwise', async () => {
    const url = '/assets/index-B4x9kQ2a.js'
    const brotli = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } })
    expect(brotli.statusCode).toBe(200)
    expect(brotli.headers['content-encoding']).toBe('br')
    expect(brotli.headers['content-type']).toMatch(/^application\/javascript/)
    expect(brotli.headers.vary).toBe('Accept-Encoding')
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(Number(brotli.headers['content-length'])).toBeLessThan(appScript.length)
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(appScript)

    const gzip = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(appScript)

    for (const headers of [{}, { 'accept-encoding': 'identity' }]) {
      const plain = await app.inject({ method: 'GET', url, headers })
      expect(plain.headers['content-encoding']).toBeUndefined()
      expect(plain.headers.vary).toBe('Accept-Encoding')
      expect(plain.body).toBe(appScript)
    }
  })

  it('sends the shell and the service worker compressed and still revalidated', async () => {
    for (const url of ['/', '/p/abc/locations', '/sw.js']) {
      const response = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } })
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-encoding']).toBe('br')
      expect(response.headers['cache-control']).toBe('no-cache')
      expect(brotliDecompressSync(response.rawPayload).toString()).toBe(fs.readFileSync(path.join(distDir, url === '/sw.js' ? 'sw.js' : 'index.html'), 'utf8'))
    }
  })

  it('answers a missing file with 404, not with the app shell', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/index-old.js' })
    expect(response.statusCode).toBe(404)
    expect(response.body).not.toContain('<title>')
  })
})

describe('HTTP server before the app is built', () => {
  it('explains how to build it', async () => {
    const store = await createSqliteStore()
    const { db, dialect } = store.open()
    await migrateToLatest(db)
    const emptyDist = makeTempDir()
    const app = await buildServer({ db, dialect, accessCode: TEST_ACCESS_CODE, distDir: emptyDist })
    try {
      for (const url of ['/', '/p/abc/locations']) {
        const response = await app.inject({ method: 'GET', url })
        expect(response.statusCode).toBe(503)
        expect(response.body).toContain('npm run build')
      }
    } finally {
      await app.close()
      await store.drop()
      fs.rmSync(emptyDist, { recursive: true, force: true })
    }
  })
})
