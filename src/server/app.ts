/** Builds the HTTP server: security headers and rate limits, the /api routes, and the built PWA on the same port. */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { Kysely } from 'kysely'
import { defaultMapConfig, type MapConfig } from '../core/model/mapConfig'
import type { DialectName } from './db'
import { HttpError } from './auth'
import { createDiskBlobStore } from './blobs/diskBlobStore'
import { registerHealthRoute } from './health'
import { registerBlobRoutes } from './routes/blobs'
import { registerEventRoutes } from './routes/events'
import { registerHistoryRoutes } from './routes/history'
import { registerMapConfigRoute } from './routes/mapConfig'
import { registerSyncRoutes } from './routes/sync'
import { registerTeamRoutes } from './routes/team'
import { isAppPage, registerPwaFiles, sendAppShell } from './pwa'
import type { Database } from './schema'
import { registerSecurity } from './security'
import { createPokeHub, type PokeLimits } from './sync/pokeHub'

export interface BuildServerOptions {
  db: Kysely<Database>
  dialect: DialectName
  /** Absolute path of the `vite build` output. */
  distDir: string
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
  /** Base maps and geocoder handed to the app (readMapConfig); the built-in ones when not given. */
  mapConfig?: MapConfig
}

export const BODY_LIMIT_BYTES = 1024 * 1024

export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: BODY_LIMIT_BYTES })
  // The map's tile servers and geocoder are the only other origins the CSP lets the app reach.
  const mapConfig = options.mapConfig ?? defaultMapConfig()
  await registerSecurity(app, { perMinute: options.rateLimitPerMinute, mapConfig })

  // API answers describe live data: no browser, proxy or service worker may reuse them.
  app.addHook('onRequest', async (request, reply) => {
    if (isApiPath(request.url)) reply.header('Cache-Control', 'no-store')
  })
  // Routes throw HttpError for a refusal with a reason; everything else keeps Fastify's own answer (400, 413...).
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof HttpError) return reply.code(error.statusCode).send({ error: error.code, message: error.message })
    return reply.send(error)
  })
  registerHealthRoute(app, options.db, options.dialect)
  registerTeamRoutes(app, options.db, { publicUrl: options.publicUrl })
  const pokes = await createPokeHub({ db: options.db, dialect: options.dialect, databaseUrl: options.databaseUrl, limits: options.liveEvents, log: app.log })
  // Open streams are ended before the server waits for its requests to finish, or shutdown would wait for ever.
  app.addHook('preClose', async () => pokes.endStreams())
  app.addHook('onClose', async () => pokes.close())
  registerSyncRoutes(app, options.db, options.dialect, pokes)
  registerEventRoutes(app, options.db, pokes)
  registerHistoryRoutes(app, options.db)
  registerMapConfigRoute(app, mapConfig)
  if (options.blobDir) await registerBlobRoutes(app, options.db, createDiskBlobStore(options.blobDir))
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
