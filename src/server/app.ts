/** Builds the HTTP server: security headers and rate limits, the /api routes, and the built PWA on the same port. */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { Kysely } from 'kysely'
import { defaultMapConfig, type MapConfig } from '../core/model/mapConfig'
import { DEFAULT_LIMITS, type ServerLimits } from './config'
import type { ServerContext } from './context'
import type { DialectName } from './db'
import { registerErrorHandling } from './errors'
import { registerHealthRoute } from './health'
import { startMaintenance } from './maintenance'
import { registerRequestGuards } from './requestGuards'
import { createDiskBlobStore } from './blobs/diskBlobStore'
import { registerBlobRoutes } from './routes/blobs'
import { registerEventRoutes } from './routes/events'
import { registerHistoryRoutes } from './routes/history'
import { registerInviteRoutes } from './routes/invites'
import { registerMemberRoutes } from './routes/members'
import { registerProductionRoutes } from './routes/productions'
import { registerMapConfigRoute } from './routes/mapConfig'
import { registerSyncRoutes } from './routes/sync'
import { isAppPage, registerPwaFiles, sendAppShell } from './pwa'
import type { Database } from './schema'
import { registerSecurity } from './security'
import { readEpoch } from './sessions'
import { createPokeHub, type PokeLimits } from './sync/pokeHub'

export interface BuildServerOptions {
  db: Kysely<Database>
  dialect: DialectName
  /** Absolute path of the `vite build` output. */
  distDir: string
  /** The code that creating a production needs (accessCode.ts). */
  accessCode: string
  /** Absolute directory of blob bytes; without it the blob routes are not served (tests of other routes). */
  blobDir?: string
  /** With PostgreSQL: the URL for the one LISTEN connection that shares live pokes between server processes. */
  databaseUrl?: string | undefined
  /** Caps and heartbeat of the live event streams (tests shorten them). */
  liveEvents?: Partial<PokeLimits>
  logger?: FastifyServerOptions['logger']
  /** The address phones reach the server at (ServerConfig.publicUrl): invites answer with a full link on it. */
  publicUrl?: string | undefined
  /**
   * API requests per session and minute (RATE_LIMIT_PER_MINUTE). Only load tests raise it: a paging reader or a
   * simulated phone on a fast machine asks for more pages a minute than any phone on set would.
   */
  rateLimitPerMinute?: number
  /** Quotas and delays (ServerConfig.limits); tests lower them. */
  limits?: Partial<ServerLimits>
  /** Which reverse proxies to believe for the client's address and protocol (ServerConfig.trustProxy). */
  trustProxy?: boolean | string[]
  /** Purges the trash and collects unreferenced blobs now and then (maintenance.ts); tests run it by hand. */
  maintenance?: boolean
  /** Base maps and geocoder handed to the app (readMapConfig); the built-in ones when not given. */
  mapConfig?: MapConfig
}

export const BODY_LIMIT_BYTES = 1024 * 1024
/** A socket silent this long is closed (the event streams send a heartbeat every 25 s). */
export const IDLE_TIMEOUT_MS = 60_000
/** A request must have arrived whole within this (a 25 MB document on a slow set connection fits). */
export const REQUEST_TIMEOUT_MS = 10 * 60_000
export const HEADERS_TIMEOUT_MS = 20_000

export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    connectionTimeout: IDLE_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    trustProxy: options.trustProxy ?? false,
  })
  app.server.headersTimeout = HEADERS_TIMEOUT_MS
  const context: ServerContext = {
    db: options.db,
    dialect: options.dialect,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    epoch: await readEpoch(options.db),
  }
  // The map's tile servers and geocoder are the only other origins the CSP lets the app reach.
  const mapConfig = options.mapConfig ?? defaultMapConfig()
  await registerSecurity(app, { perMinute: options.rateLimitPerMinute, mapConfig })
  registerRequestGuards(app)
  registerErrorHandling(app)

  // API answers describe live data: no browser, proxy or service worker may reuse them.
  app.addHook('onRequest', async (request, reply) => {
    if (isApiPath(request.url)) reply.header('Cache-Control', 'no-store')
  })
  registerHealthRoute(app, context)
  registerProductionRoutes(app, context, { accessCode: options.accessCode })
  registerInviteRoutes(app, context, { publicUrl: options.publicUrl })
  registerMemberRoutes(app, context)
  const pokes = await createPokeHub({ db: options.db, dialect: options.dialect, databaseUrl: options.databaseUrl, limits: options.liveEvents, log: app.log })
  // Open streams are ended before the server waits for its requests to finish, or shutdown would wait for ever.
  app.addHook('preClose', async () => pokes.endStreams())
  app.addHook('onClose', async () => pokes.close())
  registerSyncRoutes(app, context, pokes)
  registerEventRoutes(app, context, pokes)
  registerHistoryRoutes(app, context)
  registerMapConfigRoute(app, mapConfig)
  const blobStore = options.blobDir ? createDiskBlobStore(options.blobDir) : undefined
  if (blobStore) await registerBlobRoutes(app, context, blobStore)
  if (options.maintenance) {
    const stop = startMaintenance(context, blobStore, app.log)
    app.addHook('onClose', async () => stop())
  }
  await registerPwaFiles(app, options.distDir)

  // Unknown routes count against the rate limit too, so probing for paths is throttled like everything else.
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, (request, reply) => {
    if (isApiPath(request.url)) return reply.code(404).send({ error: 'not_found' })
    if (isAppPage(request)) return sendAppShell(reply, options.distDir)
    return reply.code(404).type('text/plain; charset=utf-8').send('Not found\n')
  })
  return app
}

function isApiPath(url: string): boolean {
  return /^\/api(\/|\?|$)/.test(url)
}
