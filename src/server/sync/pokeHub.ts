/**
 * Live pokes (DESIGN.md section 4): once a push has committed, every open event stream of that production is told
 * the production's new head, so the phones behind them pull at once instead of at their next periodic sync. A poke
 * carries a number and nothing else: the pull that follows is authorised as usual. One hub per server process.
 * With PostgreSQL a committed push also NOTIFYs a channel, and every process LISTENs on one dedicated connection
 * and pokes its own streams, so servers behind a load balancer share pokes.
 * Guarantees: never a poke before its push committed; open streams are capped per session and per process; a
 * stream of a revoked session or member is closed at the next heartbeat. Pokes are best effort: a lost one costs
 * a delay until the next periodic sync, never data.
 */
import type { FastifyBaseLogger } from 'fastify'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import type { DialectName } from '../db'
import type { Database } from '../schema'

/** One open event stream, as the hub sees it: the route owns the HTTP side. */
export interface PokeSubscriber {
  readonly productionId: string
  readonly sessionId: string
  poke(head: number): void
  heartbeat(): void
  /** Ends the stream; the route then calls `remove`. */
  close(): void
}

export interface PokeLimits {
  /** Open streams in this process; past it new ones get 429 (each holds a socket and a little memory). */
  maxStreams: number
  /** Open streams per device session: the leading tab needs one; a reload may overlap the old one briefly. */
  maxStreamsPerSession: number
  /** Comment lines keep proxies from closing idle streams and let clients notice a dead connection. */
  heartbeatMs: number
}

export const DEFAULT_POKE_LIMITS: PokeLimits = { maxStreams: 2_000, maxStreamsPerSession: 3, heartbeatMs: 25_000 }

export const POKE_CHANNEL = 'regie_pokes'

export type PokeRefusal = 'process_full' | 'session_full' | 'closing'

export interface PokeHubOptions {
  db: Kysely<Database>
  dialect: DialectName
  /** With PostgreSQL: the URL of the dedicated LISTEN connection. Without it, pokes stay within this process. */
  databaseUrl?: string | undefined
  limits?: Partial<PokeLimits>
  log?: Pick<FastifyBaseLogger, 'warn' | 'error'>
}

const REVOCATION_QUERY_CHUNK = 500
const RECONNECT_MAX_MS = 30_000

export type PokeHub = Awaited<ReturnType<typeof createPokeHub>>

export async function createPokeHub(options: PokeHubOptions) {
  const { db, log } = options
  const limits = { ...DEFAULT_POKE_LIMITS, ...options.limits }
  const byProduction = new Map<string, Set<PokeSubscriber>>()
  const bySession = new Map<string, Set<PokeSubscriber>>()
  let open = 0
  let closing = false

  function join<K>(index: Map<K, Set<PokeSubscriber>>, key: K, subscriber: PokeSubscriber) {
    const set = index.get(key) ?? new Set()
    set.add(subscriber)
    index.set(key, set)
  }
  function leave<K>(index: Map<K, Set<PokeSubscriber>>, key: K, subscriber: PokeSubscriber): boolean {
    const set = index.get(key)
    if (!set?.delete(subscriber)) return false
    if (set.size === 0) index.delete(key)
    return true
  }

  /** Registers a stream, or says why not. */
  function add(subscriber: PokeSubscriber): PokeRefusal | null {
    if (closing) return 'closing'
    if (open >= limits.maxStreams) return 'process_full'
    if ((bySession.get(subscriber.sessionId)?.size ?? 0) >= limits.maxStreamsPerSession) return 'session_full'
    join(byProduction, subscriber.productionId, subscriber)
    join(bySession, subscriber.sessionId, subscriber)
    open++
    return null
  }

  function remove(subscriber: PokeSubscriber): void {
    if (leave(byProduction, subscriber.productionId, subscriber)) open--
    leave(bySession, subscriber.sessionId, subscriber)
  }

  function fanOut(productionId: string, head: number): void {
    for (const subscriber of byProduction.get(productionId) ?? []) subscriber.poke(head)
  }

  async function headOf(productionId: string): Promise<number> {
    const row = await db.selectFrom('productions').select('seq').where('id', '=', productionId).executeTakeFirst()
    return row?.seq ?? 0
  }

  const listener = options.dialect === 'postgres' && options.databaseUrl
    ? await listenForPokes(options.databaseUrl, {
      onPoke: fanOut,
      // Pokes sent while the connection was down are lost: tell every stream here its production's head now.
      onReconnect: () => {
        for (const productionId of byProduction.keys()) headOf(productionId).then((head) => fanOut(productionId, head), () => undefined)
      },
      log,
    })
    : null

  /** Called after a push committed with the production's new head. Never throws: the push has succeeded. */
  function announce(productionId: string, head: number): void {
    fanOut(productionId, head)
    // Our own notification comes back through LISTEN too; streams ignore a head they have already been sent.
    if (listener) {
      sql`select pg_notify(${POKE_CHANNEL}, ${JSON.stringify({ productionId, head })})`.execute(db)
        .catch((error: unknown) => log?.warn({ err: error, productionId, head }, 'live pokes: NOTIFY failed'))
    }
  }

  async function closeRevoked(): Promise<void> {
    const sessionIds = [...bySession.keys()]
    for (let start = 0; start < sessionIds.length; start += REVOCATION_QUERY_CHUNK) {
      const rows = await db.selectFrom('sessions')
        .innerJoin('members', (on) => on.onRef('members.production_id', '=', 'sessions.production_id').onRef('members.id', '=', 'sessions.member_id'))
        .select('sessions.id as id')
        .where('sessions.id', 'in', sessionIds.slice(start, start + REVOCATION_QUERY_CHUNK))
        .where((eb) => eb.or([eb('sessions.revoked_at', 'is not', null), eb('members.revoked_at', 'is not', null)]))
        .execute()
      for (const { id } of rows) for (const subscriber of bySession.get(id) ?? []) subscriber.close()
    }
  }

  const heartbeat = setInterval(() => {
    for (const set of byProduction.values()) for (const subscriber of set) subscriber.heartbeat()
    closeRevoked().catch((error: unknown) => log?.warn({ err: error }, 'live pokes: revocation check failed'))
  }, limits.heartbeatMs)
  heartbeat.unref()

  /** Ends every stream and refuses new ones: an open stream would otherwise hold the server's shutdown. */
  function endStreams(): void {
    closing = true
    clearInterval(heartbeat)
    for (const set of [...byProduction.values()]) for (const subscriber of [...set]) subscriber.close()
  }

  return {
    add,
    remove,
    announce,
    headOf,
    openStreams: () => open,
    endStreams,
    async close(): Promise<void> {
      endStreams()
      await listener?.close()
    },
  }
}

interface ListenEvents {
  onPoke(productionId: string, head: number): void
  onReconnect(): void
  log?: Pick<FastifyBaseLogger, 'warn' | 'error'> | undefined
}

/**
 * One dedicated PostgreSQL connection LISTENing for pokes, reconnected with backoff when it drops (a database
 * restart, a failover). Resolves once the first attempt has succeeded or failed: a server starts either way.
 */
async function listenForPokes(databaseUrl: string, events: ListenEvents) {
  let current: pg.Client | null = null
  let failures = 0
  let closed = false
  let retry: ReturnType<typeof setTimeout> | undefined

  function drop(client: pg.Client, error?: Error) {
    if (current !== client) return
    current = null
    client.end().catch(() => undefined)
    if (closed) return
    failures++
    events.log?.warn({ err: error }, 'live pokes: LISTEN connection lost, reconnecting')
    retry = setTimeout(() => void connect(), Math.min(RECONNECT_MAX_MS, 500 * 2 ** failures) * (0.5 + Math.random()))
    retry.unref()
  }

  async function connect(): Promise<void> {
    // TCP keepalive notices a connection lost without a word (a failover); the timeout keeps startup from hanging.
    const client = new pg.Client({ connectionString: databaseUrl, keepAlive: true, connectionTimeoutMillis: 10_000 })
    current = client
    client.on('notification', (message) => {
      if (message.channel !== POKE_CHANNEL || !message.payload) return
      const poke = parsePoke(message.payload)
      if (poke) events.onPoke(poke.productionId, poke.head)
    })
    client.on('error', (error) => drop(client, error))
    client.on('end', () => drop(client))
    try {
      await client.connect()
      await client.query(`LISTEN ${POKE_CHANNEL}`)
    } catch (error) {
      drop(client, error instanceof Error ? error : new Error(String(error)))
      return
    }
    if (closed) {
      await client.end().catch(() => undefined)
      return
    }
    if (failures > 0) events.onReconnect()
    failures = 0
  }

  await connect()
  return {
    async close(): Promise<void> {
      closed = true
      clearTimeout(retry)
      const client = current
      current = null
      await client?.end().catch(() => undefined)
    },
  }
}

function parsePoke(payload: string): { productionId: string; head: number } | null {
  try {
    const value = JSON.parse(payload) as { productionId?: unknown; head?: unknown }
    if (typeof value.productionId === 'string' && typeof value.head === 'number' && Number.isSafeInteger(value.head)) {
      return { productionId: value.productionId, head: value.head }
    }
  } catch {
    // A payload from something else on this channel: ignored.
  }
  return null
}
