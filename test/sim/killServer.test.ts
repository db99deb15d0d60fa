/**
 * kill -9 in the middle of pushes: the real server (`node --import tsx src/server/main.ts`, SQLite in a temp
 * DATA_DIR) is killed at random moments while a client pushes a long stream of mutations in batches of 1,000,
 * then started again, several times. Guarantees: every mutation acknowledged (a 200 reply received) is applied,
 * each mutation is applied at most once (the log holds exactly 1..lastMutationId, the décors created and the
 * covers counted match it), and a batch sent again after a restart applies nothing twice. A pull page applied
 * by a phone killed before its next page is covered by teamSync.test.ts ("resumes a pull from its saved cursor").
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { encodeHlc } from '../../src/core/sync/hlc'
import type { PushResponse } from '../../src/core/sync/protocol'
import { openDatabase } from '../../src/server/db'
import { createRandom } from './random'
import { ACCESS_HEADERS, TEST_ACCESS_CODE } from '../../src/server/testAccessCode'

const ROOT = path.resolve(import.meta.dirname, '../..')
const TOTAL = 15_000
const BATCH = 1000
const KILLS = 5
const seed = Number(process.env.SIM_SEED_BASE ?? 1)

interface RunningServer {
  child: ChildProcess
  url: string
}

async function startServer(dataDir: string): Promise<RunningServer> {
  const env: NodeJS.ProcessEnv = { ...process.env, REGIE_ACCESS_CODE: TEST_ACCESS_CODE, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', DIST_DIR: path.join(dataDir, 'no-dist'), LOG_LEVEL: 'error' }
  delete env.DATABASE_URL
  // node with tsx as a loader, not the tsx CLI: one process, so SIGKILL kills the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 60_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /running on http:\/\/localhost:(\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(`http://127.0.0.1:${match[1]}`)
      }
    })
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)))
  })
  return { child, url }
}

function kill(server: RunningServer): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve()
    server.child.once('exit', () => resolve())
    server.child.kill('SIGKILL')
  })
}

/** The client's stream: one meal, then décors created and covers counted on it, in a fixed order. */
function stream(productionId: string, clientId: string) {
  const random = createRandom(seed)
  const mealId = `meal-${clientId}`
  return Array.from({ length: TOTAL }, (_, index) => {
    const mutationId = index + 1
    const hlc = encodeHlc({ millis: Date.now() - 120_000, counter: mutationId, node: clientId })
    if (mutationId === 1) return { mutationId, name: 'meal.create', args: { record: { id: mealId, productionId, shootDayId: 'day-1', service: 'lunch', served: {} } }, hlc }
    if (random.chance(0.4)) return { mutationId, name: 'meal.adjust', args: { id: mealId, group: 'crew', delta: 1 }, hlc }
    return { mutationId, name: 'location.create', args: { record: { id: `loc-${mutationId}`, productionId, name: `Décor ${mutationId}`, intExt: 'INT', setting: 'natural', status: 'toScout' } }, hlc }
  })
}

/** What the stopped server's database holds for the client: checked directly in the SQLite file. */
async function stored(dataDir: string, productionId: string, clientId: string) {
  const { db } = openDatabase({ dataDir })
  try {
    const client = await db.selectFrom('clients').select('last_mutation_id').where('production_id', '=', productionId).where('client_id', '=', clientId).executeTakeFirst()
    const log = await db.selectFrom('mutation_log').select(['mutation_id', 'name', 'status'])
      .where('production_id', '=', productionId).where('client_id', '=', clientId).orderBy('mutation_id').execute()
    const rows = await db.selectFrom('entities').select(['entity', 'id', 'data']).where('production_id', '=', productionId).execute()
    const meal = rows.find((row) => row.entity === 'meal')
    return {
      last: client?.last_mutation_id ?? 0,
      log,
      locations: rows.filter((row) => row.entity === 'location').length,
      crew: meal ? (JSON.parse(meal.data) as { served: { crew?: number } }).served.crew ?? 0 : 0,
    }
  } finally {
    await db.destroy()
  }
}

describe('a server killed with SIGKILL in the middle of pushes', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regie-kill-'))
  let server: RunningServer | undefined

  afterAll(async () => {
    if (server) await kill(server)
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it(`applies every acknowledged mutation exactly once across ${KILLS} kills (seed ${seed})`, async () => {
    const random = createRandom(seed + 1)
    server = await startServer(dataDir)
    const created = await fetch(`${server.url}/api/v1/productions`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...ACCESS_HEADERS }, body: JSON.stringify({ name: 'Coupure', displayName: 'Camille' }),
    })
    const { productionId, token } = (await created.json()) as { productionId: string; token: string }
    const clientId = `killed-client-${seed}`
    const mutations = stream(productionId, clientId)
    const push = async (url: string, batch: typeof mutations) => {
      const response = await fetch(`${url}/api/v1/productions/${productionId}/push`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ clientId, schemaVersion: 1, mutations: batch }),
      })
      expect(response.status).toBe(200)
      return (await response.json()) as PushResponse
    }
    /** Exactly once: the log is 1..last with nothing twice, and the rows say the same as the log. */
    const expectExactlyOnce = (state: Awaited<ReturnType<typeof stored>>) => {
      expect(state.log.map((entry) => entry.mutation_id)).toEqual(Array.from({ length: state.last }, (_, i) => i + 1))
      expect(state.log.every((entry) => entry.status === 'applied')).toBe(true)
      expect(state.locations).toBe(state.log.filter((entry) => entry.name === 'location.create').length)
      expect(state.crew).toBe(state.log.filter((entry) => entry.name === 'meal.adjust').length)
    }

    // Two first batches: the first warms the server up, the second times a push on this machine.
    let acknowledged = (await push(server.url, mutations.slice(0, BATCH))).lastMutationId
    const started = performance.now()
    acknowledged = (await push(server.url, mutations.slice(acknowledged, acknowledged + BATCH))).lastMutationId
    let pushMs = performance.now() - started
    let killedMidPush = 0
    for (let round = 0; round < KILLS; round++) {
      // The client pushes from its first unacknowledged mutation on, batch after batch, until the server dies.
      const url = server.url
      let inFlight = false
      let requests = 0
      const pushing = (async () => {
        for (let from = acknowledged; from < TOTAL; from = acknowledged) {
          inFlight = true
          requests++
          const sent = performance.now()
          const reply = await push(url, mutations.slice(from, from + BATCH))
          pushMs = performance.now() - sent
          inFlight = false
          acknowledged = Math.max(acknowledged, reply.lastMutationId)
        }
      })().catch((error: unknown) => {
        // The connection dying with the server is expected; any answer but 200 is not.
        if (!(error instanceof TypeError)) throw error
      })
      // The kill lands in the first or second request of the round, at a random point of it (timed on this
      // machine's last push), whatever the machine's speed: the stream never runs out before the last kill.
      const target = random.int(1, 2)
      while (requests < target && acknowledged < TOTAL) await new Promise((resolve) => setTimeout(resolve, 2))
      await new Promise((resolve) => setTimeout(resolve, (random.int(5, 95) / 100) * pushMs))
      if (inFlight) killedMidPush++
      await kill(server)
      await pushing

      const state = await stored(dataDir, productionId, clientId)
      expect(state.last).toBeGreaterThanOrEqual(acknowledged)
      expectExactlyOnce(state)

      server = await startServer(dataDir)
      // The batch the client was sending when the server died, sent again as it was: nothing in it applies twice.
      const again = mutations.slice(acknowledged, acknowledged + BATCH)
      if (again.length > 0) {
        const reply = await push(server.url, again)
        expect(reply.skipped).toBe(Math.min(state.last - acknowledged, again.length))
        expect(reply.applied + reply.skipped).toBe(again.length)
        acknowledged = reply.lastMutationId
      }
    }
    while (acknowledged < TOTAL) acknowledged = (await push(server.url, mutations.slice(acknowledged, acknowledged + BATCH))).lastMutationId
    // The whole stream again: every mutation skipped.
    for (let from = 0; from < TOTAL; from += BATCH) expect(await push(server.url, mutations.slice(from, from + BATCH))).toMatchObject({ applied: 0, skipped: BATCH })
    await kill(server)
    const final = await stored(dataDir, productionId, clientId)
    expect(final.last).toBe(TOTAL)
    expectExactlyOnce(final)
    // Kills must have landed during pushes, or this proved nothing about them.
    expect(killedMidPush).toBeGreaterThanOrEqual(KILLS - 1)
  }, 240_000)
})
