/** Server tests: each test gets a migrated throwaway database (SQLite or PostgreSQL) and the API server on it. */
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach } from 'vitest'
import { buildServer, type BuildServerOptions } from './app'
import { migrateToLatest } from './migrations'
import type { CreateTestStore, TestStore } from './testDatabases'
import { TEST_ACCESS_CODE } from './testAccessCode'

/** A dist directory that does not exist: the API alone, no built app. */
export const NO_DIST = path.join(os.tmpdir(), 'regie-test-no-dist')

/**
 * Opens a fresh store and server before each test of the suite (handed to `ready`), closes and drops them after.
 * `options`: what the suite's server is built with besides the store (lower limits, a blob directory).
 */
export function useTestApp(
  createStore: CreateTestStore,
  ready: (opened: { store: TestStore; app: FastifyInstance }) => void,
  options: () => Partial<BuildServerOptions> = () => ({}),
): void {
  let opened: { store: TestStore; app: FastifyInstance } | undefined
  beforeEach(async () => {
    const store = await createStore()
    const { db, dialect } = store.open()
    await migrateToLatest(db)
    opened = { store, app: await buildServer({ db, dialect, accessCode: TEST_ACCESS_CODE, distDir: NO_DIST, ...options() }) }
    ready(opened)
  })
  afterEach(async () => {
    await opened?.app.close()
    await opened?.store.drop()
    opened = undefined
  })
}
