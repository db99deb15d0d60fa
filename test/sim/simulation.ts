/**
 * The sync simulation of DESIGN.md section 6: N phones, each its own Dexie database (fake-indexeddb) written
 * through the app's one write path and synced by the app's sync engine, against the real server (buildServer,
 * in-process through inject) on SQLite or PostgreSQL. Every request goes through a network this file controls,
 * driven by a seeded PRNG: requests dropped, replies dropped after the server applied the request, requests
 * duplicated, requests held and delivered later in another order, server restarts on the same database, clocks
 * skewed per phone (some beyond the server's 60 s clamp), phones offline for hours, phone apps restarted and
 * killed between pull pages, users editing while their phone syncs, the server's database restored mid-run from a
 * backup taken earlier (with the restore step on even seeds, forgotten on odd ones), and a hostile member pushing
 * oversized records, another production's records and forged clocks.
 *
 * Guarantees checked after every fault and every push the server applies:
 * - the server's mutation log holds, per client, exactly mutations 1..lastMutationId, each once, each equal to
 *   the entry the phone's write path made (nothing lost, nothing applied twice, nothing altered);
 * - lastMutationId never goes back; a push answered 200 is never lost, even across restarts;
 * - a phone's outbox is exactly its not-yet-acknowledged suffix: an entry leaves it only once a pull reported
 *   it applied;
 * - each verdict of the server (applied, unchanged, refused and why) is the one an independent reference model
 *   predicts (referenceModel.ts);
 * - after the restore, the model and the checks go back to the backup's point too; each phone's outbox checks resume
 *   once it has synced (recovered), and what the backup lost is logged again once, by the phone that made it;
 * - every change of the hostile member is refused, with its reason, and logged as a short excerpt.
 * At the end, once every phone has synced without faults until nothing moves: every phone holds exactly the
 * server's rows (all entities, tombstones included, field by field), the server's rows are the model's, meal
 * served counts are the sum of all accepted deltas (the model applies the 0..10,000 bounds), permit statuses
 * moved only along allowed edges, outboxes are empty and each phone lists exactly its refused changes.
 *
 * Requests are delivered one at a time, so a seed replays exactly; the concurrency of real writers is the
 * subject of pullPaging.test.ts.
 */
import os from 'node:os'
import path from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { clientStateKey, Dexie, RegieDatabase } from '../../src/app/db/db'
import { commitChanges, type LocalChange } from '../../src/app/db/writePath'
import { createSyncClient, SyncFailure, type Fetcher, type HttpResponse, type SyncClient } from '../../src/app/sync/syncClient'
import { joinProduction, syncProduction, uploadProduction } from '../../src/app/sync/syncEngine'
import { markRestored } from '../../src/server/restored'
import { REFUSED_ARGS_EXCERPT } from '../../src/server/sync/push'
import { ENTITY_TABLES, type BaseRecord, type EntityName } from '../../src/core/model'
import type { OutboxEntry } from '../../src/core/sync/mutations'
import type { PullResponse, PushResponse, ResetResponse } from '../../src/core/sync/protocol'
import { encodeHlc } from '../../src/core/sync/hlc'
import { buildServer } from '../../src/server/app'
import { migrateToLatest } from '../../src/server/migrations'
import type { Database } from '../../src/server/schema'
import { createSqliteStore, postgresStoreFactory, type TestStore } from '../../src/server/testDatabases'
import { newRecord, randomEdit, type Fixtures, type Registry } from './edits'
import { createRandom, type Random } from './random'
import { compareWithServer, describe, normalisedCounts, ReferenceModel, type ModelSnapshot, type SimRole } from './referenceModel'
import { installSimClock, type SimClock } from './simClock'
import { ACCESS_HEADERS, TEST_ACCESS_CODE } from '../../src/server/testAccessCode'

export interface SimOptions {
  seed: number
  devices: number
  editsPerDevice: number
  store: 'sqlite' | 'postgres'
  /** Admin URL of a PostgreSQL server (a database is created and dropped per run); required for 'postgres'. */
  databaseUrl?: string
  /** Progress lines (soak runs); silent by default. */
  log?: (line: string) => void
}

export interface SimReport {
  seed: number
  store: string
  devices: number
  mutations: number
  serverRows: number
  pushes: number
  /** Mutations in the largest push: an offline phone's backlog goes up in batches of 500. */
  largestPush: number
  pulls: number
  syncs: { ok: number; failed: number }
  faults: Record<string, number>
  rejections: Record<string, number>
  clampedClocks: number
  clampedAdjusts: number
  servedCovers: number
  acceptedTransitions: number
  finalRounds: number
  ms: number
}

export class SimFailure extends Error {
  constructor(
    readonly options: Pick<SimOptions, 'seed' | 'devices' | 'editsPerDevice' | 'store'>,
    readonly step: number,
    problem: string,
  ) {
    super(`seed ${options.seed} (${options.store}, ${options.devices} devices × ${options.editsPerDevice} edits), step ${step}: ${problem}\n` +
      `Replay: ${replayCommand(options)}`)
    this.name = 'SimFailure'
  }
}

export function replayCommand(options: Pick<SimOptions, 'seed' | 'devices' | 'editsPerDevice' | 'store'>): string {
  const pg = options.store === 'postgres' ? 'TEST_DATABASE_URL=postgres://… ' : ''
  return `${pg}npm run test:soak -- --seed ${options.seed} --devices ${options.devices} --edits ${options.editsPerDevice} --store ${options.store}`
}

/** Per request, once the phone is online. */
const FAULT_RATES = { dropRequest: 0.05, dropReply: 0.06, duplicate: 0.04, delay: 0.04 }
/** Before each request: held requests delivered in between (reordering), a server restart. */
const DELIVER_HELD_RATE = 0.15
const RESTART_RATE = 0.004
/** Before a pull from a cursor (pages already applied), the phone's app is killed. */
const KILL_MID_PULL_RATE = 0.03
/** Before each request of a phone's sync, that phone's user makes an edit. */
const EDIT_DURING_SYNC_RATE = 0.2
/** Per step of the run. */
const STEP_RATES = { sync: 0.09, deliverHeld: 0.01, restartServer: 0.0015, restartApp: 0.002, goOffline: 0.0015, hostile: 0.003 }
/** Shares of the run's edits at which the server's database is backed up, then restored from that backup. */
const BACKUP_AT = 0.3
const RESTORE_AT = 0.55
/** The server tables a backup holds (children after the productions they reference). */
const BACKED_UP_TABLES = ['productions', 'members', 'sessions', 'invites', 'clients', 'entities', 'mutation_log', 'blob_refs', 'blob_orphans', 'server_meta'] as const
/** Sim time starts on a prep Monday. */
const START = Date.UTC(2030, 2, 4, 6, 0)
const NO_DIST = path.join(os.tmpdir(), 'regie-sim-no-dist')
/** Rounds of fault-free syncs allowed to converge at the end: one pushes, one brings others' rows, one more to be sure. */
const MAX_FINAL_ROUNDS = 8

interface SimDevice {
  index: number
  dbName: string
  database: RegieDatabase
  clientId: string
  role: SimRole
  /** Wall clock offset from the server's; beyond +60 s the server clamps this phone's clocks. */
  skewMs: number
  ip: string
  client: SyncClient
  /** Every outbox entry the write path made, in mutationId order. */
  history: OutboxEntry[]
  editsLeft: number
  offlineUntil: number
  /** Highest lastMutationId of a push reply (200) that reached the phone: acknowledged, must never be lost. */
  ackedByPush: number
  /** Highest lastMutationId of a pull reply that reached the phone: entries up to it may leave the outbox. */
  ackedByPull: number
  lastPullHead: number
  /** Killed during its sync: the app starts again once the sync has unwound. */
  killed: boolean
  /** The server was restored since this phone last synced: its outbox may lack what the server lost, until it recovers. */
  behindRestore: boolean
}

/** The server's rows at one point, with what the checks knew then. */
interface Backup {
  tables: Record<string, Record<string, unknown>[]>
  model: ModelSnapshot
  checkedUpTo: Map<string, number>
}

/** A member who pushes, by hand, changes no app would make. */
interface Hostile {
  clientId: string
  token: string
  nextMutationId: number
}

interface WireRequest {
  device: SimDevice
  url: string
  method: string
  headers: Record<string, string>
  body?: string
}

let runCounter = 0

export async function runSimulation(options: SimOptions): Promise<SimReport> {
  const simulation = new Simulation(options)
  try {
    return await simulation.run()
  } finally {
    await simulation.dispose()
  }
}

class Simulation {
  private readonly random: Random
  private readonly clock: SimClock
  private store!: TestStore
  private app!: FastifyInstance
  private serverDb!: Kysely<Database>
  private readonly devices: SimDevice[] = []
  private readonly held: WireRequest[] = []
  private readonly registry: Registry = new Map()
  private fixtures!: Fixtures
  private model!: ReferenceModel
  private readonly productionId: string
  private now = START
  private edits = 0
  private step = 0
  private faulty = false
  private failure: SimFailure | null = null
  /** Per client: how far its log entries have been read and checked (the server's lastMutationId then). */
  private checkedUpTo = new Map<string, number>()
  private backup: Backup | null = null
  private restored = false
  private hostile!: Hostile
  private nextRecord = 0
  private readonly started = performance.now()
  private readonly counts = {
    pushes: 0, pulls: 0, syncsOk: 0, syncsFailed: 0, largestPush: 0,
    faults: {
      dropRequest: 0, dropReply: 0, duplicate: 0, delay: 0, offline: 0, heldDelivered: 0, serverRestart: 0, appRestart: 0, appKilledMidPull: 0, serverRestore: 0,
      hostilePushes: 0,
    } as Record<string, number>,
    rejections: {} as Record<string, number>,
  }

  constructor(private readonly options: SimOptions) {
    this.random = createRandom(options.seed)
    this.productionId = `sim-${options.seed}-production`
    this.clock = installSimClock(START)
  }

  async run(): Promise<SimReport> {
    await this.startServer()
    await this.setUpTeam()
    const totalEdits = this.options.devices * this.options.editsPerDevice
    while (this.edits < totalEdits) {
      this.step++
      this.now += this.random.int(50, 3000)
      if (!this.backup && this.edits >= totalEdits * BACKUP_AT) await this.backUp()
      if (this.backup && !this.restored && this.edits >= totalEdits * RESTORE_AT) await this.restoreBackup(this.options.seed % 2 === 0)
      const roll = this.random.next()
      let threshold = STEP_RATES.sync
      if (roll < threshold) {
        await this.sync(this.random.pick(this.devices), true)
        continue
      }
      if (roll < (threshold += STEP_RATES.deliverHeld)) {
        await this.deliverHeld(this.random.int(1, Math.max(1, this.held.length)))
        continue
      }
      if (roll < (threshold += STEP_RATES.restartServer)) {
        await this.restartServer()
        continue
      }
      if (roll < (threshold += STEP_RATES.restartApp)) {
        await this.restartApp(this.random.pick(this.devices))
        continue
      }
      if (roll < (threshold += STEP_RATES.goOffline)) {
        // A phone in a cellar or on a train: hours of edits, then one large push in several batches.
        this.random.pick(this.devices).offlineUntil = this.now + this.random.int(20, 150) * 60_000
        continue
      }
      if (roll < (threshold += STEP_RATES.hostile)) {
        await this.hostilePush()
        continue
      }
      const writers = this.devices.filter((device) => device.editsLeft > 0)
      this.edits += await this.edit(this.random.pick(writers))
    }
    const finalRounds = await this.settle()
    return this.finalChecks(finalRounds)
  }

  async dispose(): Promise<void> {
    this.clock.restore()
    for (const device of this.devices) {
      device.database.close()
      await Dexie.delete(device.dbName)
    }
    await this.app?.close()
    await this.store?.drop()
  }

  /**
   * Records the first failure and throws it. The sync client turns anything a fetcher throws into an "offline"
   * failure, so sync() looks here to tell a broken invariant from a simulated network fault.
   */
  private fail(problem: string): never {
    this.failure ??= new SimFailure(this.options, this.step, problem)
    throw this.failure
  }

  // --- server -------------------------------------------------------------------------------------------

  private async startServer(): Promise<void> {
    if (!this.store) {
      if (this.options.store === 'postgres') {
        if (!this.options.databaseUrl) throw new Error('PostgreSQL simulation needs databaseUrl')
        this.store = await postgresStoreFactory(this.options.databaseUrl)()
      } else this.store = await createSqliteStore()
    }
    const { db, dialect } = this.store.open()
    this.serverDb = db
    await migrateToLatest(db)
    // The rate limit is not under test: a seed replays a day of syncing in seconds.
    this.app = await buildServer({ db, dialect, accessCode: TEST_ACCESS_CODE, distDir: NO_DIST, rateLimitPerMinute: 1_000_000 })
  }

  /** Close the app and its connection, then start again on the same database, as a deploy or a crash would. */
  private async restartServer(): Promise<void> {
    this.counts.faults.serverRestart!++
    await this.app.close()
    await this.serverDb.destroy()
    await this.startServer()
    for (const device of this.devices) await this.checkDevice(device)
  }

  /** A backup of the server's database, the same way on SQLite and PostgreSQL: every row of every table. */
  private async backUp(): Promise<void> {
    const tables: Backup['tables'] = {}
    const db = this.serverDb as unknown as Kysely<Record<string, Record<string, unknown>>>
    for (const table of BACKED_UP_TABLES) tables[table] = await db.selectFrom(table).selectAll().execute()
    this.backup = { tables, model: this.model.snapshot(), checkedUpTo: new Map(this.checkedUpTo) }
  }

  /**
   * The operator restores the backup (with or without the restore step that gives a new epoch) and starts the
   * server again: its data goes back in time. So do the model and the checks; phones recover at their next sync.
   */
  private async restoreBackup(marked: boolean): Promise<void> {
    this.counts.faults.serverRestore!++
    this.restored = true
    const backup = this.backup!
    await this.app.close()
    const db = this.serverDb as unknown as Kysely<Record<string, Record<string, unknown>>>
    for (const table of [...BACKED_UP_TABLES].reverse()) await db.deleteFrom(table).execute()
    for (const table of BACKED_UP_TABLES) {
      const rows = backup.tables[table]!
      for (let start = 0; start < rows.length; start += 100) await db.insertInto(table).values(rows.slice(start, start + 100)).execute()
    }
    if (marked) await markRestored(this.serverDb)
    await this.serverDb.destroy()
    await this.startServer()
    this.model.restore(backup.model)
    this.checkedUpTo = new Map(backup.checkedUpTo)
    for (const device of this.devices) {
      const known = this.checkedUpTo.get(device.clientId) ?? 0
      device.ackedByPush = Math.min(device.ackedByPush, known)
      device.ackedByPull = Math.min(device.ackedByPull, known)
      device.lastPullHead = 0
      device.behindRestore = true
    }
    this.hostile.nextMutationId = (await this.serverLastMutationId(this.hostile.clientId)) + 1
  }

  /**
   * The hostile member's push: a record far past the size cap, a record claiming another production, a clock that
   * is another phone's, and a deletion of someone else's record. Every one is refused with its reason, and logged
   * as a short excerpt only.
   */
  private async hostilePush(): Promise<void> {
    this.counts.faults.hostilePushes!++
    const { hostile } = this
    const millis = this.now
    const mutation = (name: string, args: unknown, node = hostile.clientId) =>
      ({ mutationId: hostile.nextMutationId++, name, args, hlc: encodeHlc({ millis, counter: hostile.nextMutationId, node }) })
    const record = (fields: Record<string, unknown>) =>
      ({ id: `hostile-${this.step}-${hostile.nextMutationId}`, productionId: this.productionId, name: 'Intrus', intExt: 'INT', setting: 'natural', status: 'toScout', ...fields })
    const mutations = [
      mutation('location.create', { record: record({ junk: 'x'.repeat(300_000) }) }),
      mutation('location.create', { record: record({ productionId: 'someone-elses-production' }) }),
      mutation('location.create', { record: record({}) }, this.devices[0]!.clientId),
      mutation('shootDay.delete', { id: this.random.pick(this.fixtures.shootDayIds) }),
    ]
    const expected = ['record_too_large', 'wrong_production', 'forged_clock', 'forbidden']
    const response = await this.app.inject({
      method: 'POST', url: `/api/v1/productions/${this.productionId}/push`, headers: { authorization: `Bearer ${hostile.token}` },
      payload: { clientId: hostile.clientId, schemaVersion: 1, mutations }, remoteAddress: '10.0.0.99',
    })
    if (response.statusCode !== 200) this.fail(`the hostile push answered ${response.statusCode}: ${response.body.slice(0, 300)}`)
    const reasons = (response.json() as PushResponse).rejected.map((rejection) => rejection.reason)
    if (!isDeepStrictEqual(reasons, expected)) this.fail(`the hostile push was answered ${JSON.stringify(reasons)}, expected ${JSON.stringify(expected)}`)
    const logged = await this.serverDb.selectFrom('mutation_log').select((eb) => eb.fn.max(eb.fn('length', ['args'])).as('longest'))
      .where('production_id', '=', this.productionId).where('client_id', '=', hostile.clientId).executeTakeFirstOrThrow()
    if (Number(logged.longest) > REFUSED_ARGS_EXCERPT + 100) this.fail(`the hostile member's refused changes are logged with ${logged.longest} characters of arguments`)
  }

  private async deliver(request: WireRequest): Promise<HttpResponse> {
    const deviceTime = this.clock.now()
    this.now += this.random.int(1, 40)
    this.clock.set(this.now)
    try {
      const response = await this.app.inject({
        method: request.method as 'GET' | 'POST', url: request.url, headers: request.headers, remoteAddress: request.device.ip,
        ...(request.body !== undefined && { payload: request.body }),
      })
      const isSync = /\/(push|pull)/.test(request.url)
      // After the restore, a push from a phone that has not recovered yet is told to (reset, or a gap below what
      // the phone holds as acknowledged when the operator forgot the restore step).
      const told = this.restored && response.statusCode === 409 && ['reset', 'mutation_gap'].includes((response.json() as { error?: string }).error ?? '')
      if (!told && (isSync ? response.statusCode !== 200 : response.statusCode >= 300)) this.fail(`${request.method} ${request.url} answered ${response.statusCode}: ${response.body.slice(0, 300)}`)
      const body = response.json() as unknown
      if (told) {
        this.counts.pushes++
      } else if (request.url.includes('/push')) {
        this.counts.pushes++
        const sent = (JSON.parse(request.body ?? '{}') as { mutations?: unknown[] }).mutations?.length ?? 0
        this.counts.largestPush = Math.max(this.counts.largestPush, sent)
        await this.onPushApplied(request.device, this.now)
      } else this.counts.pulls++
      return { status: response.statusCode, json: async () => body }
    } finally {
      this.clock.set(deviceTime)
    }
  }

  // --- network ------------------------------------------------------------------------------------------

  private fetcherFor(device: SimDevice): Fetcher {
    return async (url, init) => {
      const request: WireRequest = { device, url, method: init.method, headers: init.headers, ...(typeof init.body === 'string' && { body: init.body }) }
      if (!this.faulty) return this.receive(device, request, await this.deliver(request))
      // The phone's user goes on editing while its sync runs: between its push and its pull, between pages.
      if (device.editsLeft > 0 && this.random.chance(EDIT_DURING_SYNC_RATE)) this.edits += await this.edit(device)
      if (this.now < device.offlineUntil) {
        this.counts.faults.offline!++
        throw new Error('offline')
      }
      // Other traffic lands while this phone waits: held requests of any phone, or a server restart.
      if (this.held.length > 0 && this.random.chance(DELIVER_HELD_RATE)) await this.deliverHeld(this.random.int(1, this.held.length))
      if (this.random.chance(RESTART_RATE)) await this.restartServer()
      if (/\/pull\?.*cursor=[1-9]/.test(url) && this.random.chance(KILL_MID_PULL_RATE)) {
        // The app dies before this pull: the pages it applied are saved with their cursor; it starts from there.
        device.killed = true
        return this.fault(device, 'appKilledMidPull')
      }
      const roll = this.random.next()
      let threshold = FAULT_RATES.dropRequest
      if (roll < threshold) return this.fault(device, 'dropRequest')
      if (roll < (threshold += FAULT_RATES.delay)) {
        // The request is stuck in the network past the phone's timeout; it reaches the server later.
        this.held.push(request)
        return this.fault(device, 'delay')
      }
      const response = await this.deliver(request)
      if (roll < (threshold += FAULT_RATES.duplicate)) {
        const again = await this.deliver(request)
        this.counts.faults.duplicate!++
        await this.checkDevice(device)
        return this.receive(device, request, this.random.chance(0.5) ? response : again)
      }
      if (roll < threshold + FAULT_RATES.dropReply) return this.fault(device, 'dropReply')
      return this.receive(device, request, response)
    }
  }

  private async fault(device: SimDevice, kind: string): Promise<never> {
    this.counts.faults[kind]!++
    await this.checkDevice(device)
    throw new Error(`simulated ${kind}`)
  }

  /** A reply that reached the phone: what it acknowledges is now the phone's to rely on. */
  private async receive(device: SimDevice, request: WireRequest, response: HttpResponse): Promise<HttpResponse> {
    const body = await response.json()
    if (response.status !== 200 || (body as ResetResponse).reset) return response
    if (request.url.includes('/push')) {
      device.ackedByPush = Math.max(device.ackedByPush, (body as PushResponse).lastMutationId)
    } else {
      const page = body as PullResponse
      if (page.lastMutationId < device.ackedByPull) this.fail(`${device.clientId}: a pull reported lastMutationId ${page.lastMutationId} after ${device.ackedByPull}`)
      if (page.head < device.lastPullHead) this.fail(`${device.clientId}: the head went back from ${device.lastPullHead} to ${page.head}`)
      if (page.cursor > page.head) this.fail(`${device.clientId}: cursor ${page.cursor} beyond head ${page.head}`)
      device.ackedByPull = page.lastMutationId
      device.lastPullHead = page.head
    }
    return response
  }

  private async deliverHeld(count: number): Promise<void> {
    for (let i = 0; i < count && this.held.length > 0; i++) {
      const [request] = this.held.splice(this.random.int(0, this.held.length - 1), 1)
      // Nobody waits for this reply any more: the phone gave up on it long ago.
      await this.deliver(request!)
      this.counts.faults.heldDelivered!++
      await this.checkDevice(request!.device)
    }
  }

  // --- phones -------------------------------------------------------------------------------------------

  private async setUpTeam(): Promise<void> {
    const run = ++runCounter
    const roles: SimRole[] = this.options.devices === 1 ? ['owner'] : ['owner', 'coordinator']
    while (roles.length < this.options.devices - 1) roles.push('member')
    if (roles.length < this.options.devices) roles.push('trainee')
    for (const [index, role] of roles.entries()) {
      const dbName = `sim-${this.options.seed}-${run}-${index}`
      const clientId = `sim${this.options.seed}-phone${index}`
      // Beyond the 60 s clamp for two phones (one far, one just past it), behind for one, within it for the rest.
      const skewMs = index === 1 ? this.random.int(61, 90) * 1000
        : index === 2 ? this.random.int(3, 10) * 60_000
          : index === 3 ? -this.random.int(2, 10) * 60_000
            : this.random.int(-45_000, 45_000)
      const device: SimDevice = {
        index, dbName, database: new RegieDatabase(dbName), clientId, role, skewMs, ip: `10.0.0.${index + 1}`, client: undefined as never,
        history: [], editsLeft: this.options.editsPerDevice, offlineUntil: 0, ackedByPush: 0, ackedByPull: 0, lastPullHead: 0, killed: false, behindRestore: false,
      }
      device.client = createSyncClient('', this.fetcherFor(device))
      // A deterministic clientId (the HLC's tie-breaker) so that a seed replays exactly.
      await device.database.meta.put({ key: clientStateKey(this.productionId), productionId: this.productionId, clientId, nextMutationId: 1, hlc: null })
      this.devices.push(device)
    }
    this.model = new ReferenceModel(new Map(this.devices.map((device) => [device.clientId, device.role])))

    // The owner prepares the production alone, then shares it; everyone joins and pulls it before going offline.
    const owner = this.devices[0]!
    const fixtures: Fixtures = { shootDayIds: [], authorityIds: [], rentalHouseIds: [], vehicleIds: [] }
    const setup: LocalChange[] = [{ op: 'create', entity: 'production', record: { id: this.productionId, productionId: this.productionId, createdAt: '', updatedAt: '', name: 'Les Heures Claires', kind: 'feature' } }]
    const fixture = (entity: EntityName, list: string[], count: number) => {
      for (let i = 0; i < count; i++) {
        const id = this.newId(entity)
        list.push(id)
        this.registry.set(entity, [...(this.registry.get(entity) ?? []), id])
        setup.push({ op: 'create', entity, record: newRecord(entity, id, this.productionId, fixtures, this.random) })
      }
    }
    fixture('shootDay', fixtures.shootDayIds, 3)
    fixture('authority', fixtures.authorityIds, 2)
    fixture('rentalHouse', fixtures.rentalHouseIds, 2)
    fixture('vehicle', fixtures.vehicleIds, 3)
    this.fixtures = fixtures
    await this.commit(owner, setup)
    const team = await uploadProduction({ id: this.productionId, name: 'Les Heures Claires' }, { displayName: 'Camille' }, owner.client, owner.database, TEST_ACCESS_CODE)
    await this.sync(owner, false)
    for (const device of this.devices.slice(1)) {
      const invite = await owner.client.createInvite(this.productionId, team.token, device.role)
      await joinProduction(invite.code, { displayName: `Phone ${device.index}` }, device.client, device.database)
      await this.sync(device, false)
    }
    // The hostile member joins like anyone, then pushes by hand; it also owns a production of its own on the server.
    const invite = await owner.client.createInvite(this.productionId, team.token, 'member')
    const joined = await this.app.inject({ method: 'POST', url: `/api/v1/invites/${invite.code}/accept`, payload: { displayName: 'Intrus' }, remoteAddress: '10.0.0.99' })
    this.hostile = { clientId: `sim${this.options.seed}-hostile`, token: (joined.json() as { token: string }).token, nextMutationId: 1 }
    const own = await this.app.inject({ method: 'POST', url: '/api/v1/productions', headers: ACCESS_HEADERS, payload: { id: 'someone-elses-production', name: 'Autre' }, remoteAddress: '10.0.0.99' })
    if (own.statusCode !== 201) this.fail(`the hostile member's own production answered ${own.statusCode}`)
  }

  private newId(entity: EntityName): string {
    return `s${this.options.seed}-${entity}-${++this.nextRecord}`
  }

  private async commit(device: SimDevice, changes: LocalChange[]): Promise<void> {
    this.clock.set(this.now + device.skewMs)
    const entries = await commitChanges(changes, device.database)
    for (const entry of entries) {
      if (entry.mutationId !== device.history.length + 1) this.fail(`${device.clientId}: the write path gave mutationId ${entry.mutationId} after ${device.history.length}`)
      device.history.push(entry)
    }
  }

  private async edit(device: SimDevice): Promise<number> {
    this.clock.set(this.now + device.skewMs)
    const changes = await randomEdit({
      database: device.database, productionId: this.productionId, fixtures: this.fixtures, registry: this.registry, random: this.random,
      newId: (entity) => this.newId(entity),
    })
    await this.commit(device, changes)
    device.editsLeft -= changes.length
    return changes.length
  }

  private async sync(device: SimDevice, faulty: boolean): Promise<void> {
    this.faulty = faulty
    this.clock.set(this.now + device.skewMs)
    try {
      await syncProduction(this.productionId, device.client, device.database)
      this.counts.syncsOk++
      device.behindRestore = false
    } catch (error) {
      if (this.failure) throw this.failure
      if (faulty && error instanceof SyncFailure && error.kind === 'offline') this.counts.syncsFailed++
      else this.fail(`${device.clientId}: sync failed: ${error instanceof SyncFailure ? `${error.kind} ${error.message} ${JSON.stringify(error.body)}` : error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error)}`)
    } finally {
      this.faulty = false
    }
    if (device.killed) {
      device.killed = false
      await this.restartApp(device)
    }
  }

  /** The app killed and started again: the same IndexedDB, a new connection. */
  private async restartApp(device: SimDevice): Promise<void> {
    this.counts.faults.appRestart!++
    device.database.close()
    device.database = new RegieDatabase(device.dbName)
    await this.checkDevice(device)
  }

  // --- invariants ---------------------------------------------------------------------------------------

  /** After each push the server handled: the new log entries, checked against the phone's history and the model. */
  private async onPushApplied(device: SimDevice, serverNow: number): Promise<void> {
    const { clientId } = device
    const seen = this.checkedUpTo.get(clientId) ?? 0
    const last = await this.serverLastMutationId(clientId)
    if (last < seen) this.fail(`${clientId}: lastMutationId went back from ${seen} to ${last}`)
    const rows = await this.serverDb.selectFrom('mutation_log').selectAll()
      .where('production_id', '=', this.productionId).where('client_id', '=', clientId).where('mutation_id', '>', seen)
      .orderBy('mutation_id').execute()
    if (rows.length !== last - seen || rows.some((row, i) => row.mutation_id !== seen + 1 + i)) {
      this.fail(`${clientId}: after mutation ${seen} the log holds ids ${rows.map((row) => row.mutation_id).join(',')} for lastMutationId ${last}`)
    }
    for (const row of rows) {
      const sent = device.history[row.mutation_id - 1]
      if (!sent) this.fail(`${clientId}#${row.mutation_id}: in the server's log but never written on the phone`)
      const args = JSON.parse(row.args) as Record<string, unknown>
      // A refused mutation's long arguments are logged as their first characters only.
      const sentText = JSON.stringify(sent.args)
      const expected = row.status === 'rejected' && sentText.length > REFUSED_ARGS_EXCERPT
        ? { excerpt: sentText.slice(0, REFUSED_ARGS_EXCERPT), length: sentText.length }
        : JSON.parse(sentText)
      if (row.name !== sent.name || row.hlc !== sent.hlc || !isDeepStrictEqual(args, expected)) {
        this.fail(`${clientId}#${row.mutation_id}: the log holds ${row.name} ${row.args} ${row.hlc}, the phone wrote ${describe({ ...sent, clientId })} ${sent.hlc}`)
      }
      const reason = row.error ? (JSON.parse(row.error) as { reason: string }).reason : null
      if (reason === 'server_error') this.fail(`${clientId}#${row.mutation_id} ${row.name}: the server failed: ${row.error}`)
      if (reason) this.counts.rejections[reason] = (this.counts.rejections[reason] ?? 0) + 1
      // The model reads what the phone sent (the server received it whole, and logged a refusal's excerpt only).
      const problem = this.model.apply({ clientId, mutationId: row.mutation_id, name: row.name, args: JSON.parse(sentText) as Record<string, unknown>, hlc: row.hlc, status: row.status, reason, serverNow })
      if (problem) this.fail(problem)
    }
    this.checkedUpTo.set(clientId, last)
  }

  private async serverLastMutationId(clientId: string): Promise<number> {
    const client = await this.serverDb.selectFrom('clients').select('last_mutation_id')
      .where('production_id', '=', this.productionId).where('client_id', '=', clientId).executeTakeFirst()
    return client?.last_mutation_id ?? 0
  }

  /** Nothing acknowledged lost, nothing applied twice, the outbox exactly the unacknowledged suffix. */
  private async checkDevice(device: SimDevice): Promise<void> {
    const { clientId } = device
    const last = await this.serverLastMutationId(clientId)
    const seen = this.checkedUpTo.get(clientId) ?? 0
    if (last !== seen) this.fail(`${clientId}: the server's lastMutationId is ${last}, its log was read up to ${seen}`)
    if (last < device.ackedByPush) this.fail(`${clientId}: a push reply acknowledged ${device.ackedByPush}, the server now has ${last}`)
    const { count } = await this.serverDb.selectFrom('mutation_log').select((eb) => eb.fn.countAll<number>().as('count'))
      .where('production_id', '=', this.productionId).where('client_id', '=', clientId).executeTakeFirstOrThrow()
    if (Number(count) !== last) this.fail(`${clientId}: ${count} log entries for lastMutationId ${last}`)
    if (last > device.history.length) this.fail(`${clientId}: the server applied ${last} mutations, the phone wrote ${device.history.length}`)

    const keys = await device.database.outbox.where('[productionId+mutationId]').between([this.productionId, 0], [this.productionId, Infinity]).primaryKeys()
    const ids = keys.map(([, id]) => id)
    const first = ids[0] ?? device.history.length + 1
    if (ids.some((id, i) => id !== first + i) || first + ids.length - 1 !== device.history.length) {
      this.fail(`${clientId}: the outbox holds ${ids.length} entries from ${first}, the phone wrote ${device.history.length}`)
    }
    const state = await device.database.meta.get(clientStateKey(this.productionId))
    if (state?.nextMutationId !== device.history.length + 1) this.fail(`${clientId}: next mutationId ${state?.nextMutationId} after ${device.history.length} written`)
    // Until it recovers, a phone's outbox lacks what the restored server lost: it puts them back at its next sync.
    if (device.behindRestore) return
    if (first - 1 > device.ackedByPull) this.fail(`${clientId}: entries up to ${first - 1} left the outbox, a pull acknowledged only ${device.ackedByPull}`)
    if (first - 1 > last) this.fail(`${clientId}: entries up to ${first - 1} left the outbox, the server has only ${last}`)
  }

  // --- the end ------------------------------------------------------------------------------------------

  /** No more faults: held requests land, then every phone syncs, round after round, until nothing moves. */
  private async settle(): Promise<number> {
    this.step++
    await this.deliverHeld(this.held.length)
    for (const device of this.devices) device.offlineUntil = 0
    for (let round = 1; round <= MAX_FINAL_ROUNDS; round++) {
      const headBefore = await this.serverHead()
      for (const device of [...this.devices].sort(() => this.random.next() - 0.5)) {
        this.now += this.random.int(1000, 5000)
        await this.sync(device, false)
      }
      const head = await this.serverHead()
      let settled = head === headBefore
      for (const device of this.devices) {
        const team = await device.database.teams.get(this.productionId)
        settled &&= team?.cursor === head && (await device.database.outbox.count()) === 0
      }
      if (settled) return round
    }
    this.fail(`the phones did not settle within ${MAX_FINAL_ROUNDS} fault-free rounds`)
  }

  private async serverHead(): Promise<number> {
    const production = await this.serverDb.selectFrom('productions').select('seq').where('id', '=', this.productionId).executeTakeFirstOrThrow()
    return production.seq
  }

  private async finalChecks(finalRounds: number): Promise<SimReport> {
    this.step++
    for (const device of this.devices) {
      await this.checkDevice(device)
      if (this.checkedUpTo.get(device.clientId) !== device.history.length) {
        this.fail(`${device.clientId}: wrote ${device.history.length} mutations, the server applied ${this.checkedUpTo.get(device.clientId)}`)
      }
    }
    const rows = await this.serverDb.selectFrom('entities').select(['entity', 'id', 'data', 'deleted', 'created_by'])
      .where('production_id', '=', this.productionId).execute()
    const serverRows = new Map(rows.map((row) => [`${row.entity}:${row.id}`, { data: JSON.parse(row.data) as Record<string, unknown>, deleted: row.deleted === 1, createdBy: row.created_by }]))

    const modelProblems = compareWithServer(this.model, serverRows)
    if (modelProblems.length > 0) this.fail(`the server's rows differ from the model:\n  ${modelProblems.slice(0, 10).join('\n  ')}`)
    // Covers served on every meal: exactly the sum of the accepted deltas, less what the 0..10,000 bounds cut.
    const served = [...serverRows].filter(([key]) => key.startsWith('meal:'))
      .reduce((sum, [, row]) => sum + Object.values(normalisedCounts(row.data.served)).reduce((a, b) => a + b, 0), 0)
    const { acceptedAdjustDelta, acceptedAdjustRaw, clampedAdjusts } = this.model.stats
    if (served !== acceptedAdjustDelta || (clampedAdjusts === 0 && served !== acceptedAdjustRaw)) {
      this.fail(`meals hold ${served} covers served, accepted adjusts add up to ${acceptedAdjustRaw} (${acceptedAdjustDelta} within bounds)`)
    }

    for (const device of this.devices) {
      const problems: string[] = []
      const held = new Set<string>()
      for (const [entity, table] of Object.entries(ENTITY_TABLES)) {
        for (const record of (await device.database.table(table).toArray()) as BaseRecord[]) {
          const key = `${entity}:${record.id}`
          held.add(key)
          const stored = serverRows.get(key)
          if (!stored) problems.push(`${key} is on the phone only`)
          else if (!isDeepStrictEqual(record, { ...stored.data, deletedAt: stored.deleted ? stored.data.deletedAt : null, ...(stored.createdBy && { createdBy: stored.createdBy }) })) {
            const fields = new Set([...Object.keys(record), ...Object.keys(stored.data)])
            const differing = [...fields].filter((field) => !isDeepStrictEqual(record[field], stored.data[field]))
            problems.push(`${key}: ${differing.map((field) => `${field} ${JSON.stringify(record[field])} on the phone, ${JSON.stringify(stored.data[field])} on the server`).join('; ')}` +
              `\n    ${key} received: ${this.model.traceOf(key)}`)
          }
        }
      }
      for (const key of serverRows.keys()) if (!held.has(key)) problems.push(`${key} is missing on the phone`)
      if (problems.length > 0) this.fail(`${device.clientId} (${device.role}) differs from the server in ${problems.length} rows:\n  ${problems.slice(0, 10).join('\n  ')}`)

      const refused = await this.serverDb.selectFrom('mutation_log').select('mutation_id')
        .where('production_id', '=', this.productionId).where('client_id', '=', device.clientId).where('status', '=', 'rejected').orderBy('mutation_id').execute()
      const listed = (await device.database.rejections.where('productionId').equals(this.productionId).primaryKeys()).map(([, id]) => id).sort((a, b) => a - b)
      const expected = refused.map((row) => row.mutation_id)
      if (!isDeepStrictEqual(listed, expected)) {
        const missing = expected.filter((id) => !listed.includes(id))
        this.fail(`${device.clientId}: the phone lists ${listed.length} refused changes, the server refused ${expected.length} (${missing.length} not shown, first ${missing.slice(0, 5).join(', ')})`)
      }
    }

    const stats = this.model.stats
    return {
      seed: this.options.seed,
      store: this.options.store,
      devices: this.devices.length,
      mutations: this.devices.reduce((sum, device) => sum + device.history.length, 0),
      serverRows: serverRows.size,
      pushes: this.counts.pushes,
      largestPush: this.counts.largestPush,
      pulls: this.counts.pulls,
      syncs: { ok: this.counts.syncsOk, failed: this.counts.syncsFailed },
      faults: this.counts.faults,
      rejections: this.counts.rejections,
      clampedClocks: stats.clampedClocks,
      clampedAdjusts: stats.clampedAdjusts,
      servedCovers: stats.acceptedAdjustDelta,
      acceptedTransitions: stats.acceptedTransitions,
      finalRounds,
      ms: Math.round(performance.now() - this.started),
    }
  }
}
