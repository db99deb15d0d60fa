/** Security headers and request rate limits applied to every response (DESIGN.md section 5). */
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import { defaultMapConfig, mapConfigOrigins, type MapConfig } from '../core/model/mapConfig'
import { bearerToken, hashSecret } from './auth'

/**
 * API requests per device session and minute (per address for requests without a session). A whole crew on one
 * set's Wi-Fi shares one address, so a session, not an address, is what gets limited: one phone syncing hard never
 * slows the others. The app's own files are not counted: installing the PWA fetches every asset (over a hundred),
 * and a crew installing it together must never be refused half-way (a service worker whose precache gets a 429
 * never installs).
 */
export const RATE_LIMIT_PER_MINUTE = 600

/**
 * The doors open without a session (creating a production with the access code, reading and accepting an invite,
 * recovering a production with its recovery code), per address: stricter, yet enough for a crew of sixty scanning
 * the invite's QR code together at the morning briefing.
 */
export const OPEN_DOOR_LIMIT = { max: 60, timeWindow: 5 * 60_000 }
const OPEN_DOORS = new Set([
  'POST /api/v1/productions', 'GET /api/v1/invites/:code', 'POST /api/v1/invites/:code/accept', 'POST /api/v1/recover',
])

/**
 * Made-up tokens would each get a fresh session limit. An address whose requests are refused as unknown tokens more
 * often than this is limited per address again, tokens or not, until its window ends: the crew behind it then shares
 * one limit, and whoever makes up tokens gets no more than that. Guessing an access or recovery code goes through the
 * open doors, limited per address already.
 */
export const UNKNOWN_TOKEN_LIMIT = { max: 30, timeWindow: 60_000 }

/**
 * `mapConfig`: the base maps and geocoder the app is handed (src/server/mapConfig.ts); the CSP names exactly their
 * origins. Tiles show as images (img-src) and are fetched by the service worker, by area downloads and by printed maps
 * (connect-src); the geocoder is fetched (connect-src). The built-in ones when not given.
 * `perMinute`: the session limit, RATE_LIMIT_PER_MINUTE unless a load test raises it.
 */
export async function registerSecurity(
  app: FastifyInstance,
  { mapConfig = defaultMapConfig(), perMinute = RATE_LIMIT_PER_MINUTE }: { mapConfig?: MapConfig; perMinute?: number | undefined } = {},
): Promise<void> {
  const origins = mapConfigOrigins(mapConfig)
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Vue binds `style` attributes at runtime.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Map tiles come from the configured tile servers; photos and printed maps are shown from blob: URLs.
        imgSrc: ["'self'", 'data:', 'blob:', ...origins.tiles],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...new Set([...origins.tiles, ...origins.geocoder])],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // No upgrade-insecure-requests: on set the server is often reached over plain http on a LAN address.
      },
    },
    // Tile servers (OpenStreetMap's among them) refuse browser requests that carry no Referer.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    frameguard: { action: 'deny' },
    // Sent below, over https only: on plain http (a laptop on the set's Wi-Fi) it means nothing.
    hsts: false,
  })
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=15552000; includeSubDomains')
  })
  // Before the limiter registers: it reads each route's own limit as the route is added.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    if (methods.some((method) => OPEN_DOORS.has(`${method} ${route.url}`)) && route.config?.rateLimit === undefined) {
      route.config = { ...route.config, rateLimit: { ...OPEN_DOOR_LIMIT, keyGenerator: (request) => `door:${request.ip}` } }
    }
  })
  const limitedPerAddressUntil = new Map<string, number>()
  const limitedPerAddress = (address: string) => {
    const until = limitedPerAddressUntil.get(address)
    if (until !== undefined && until <= Date.now()) limitedPerAddressUntil.delete(address)
    return until !== undefined && until > Date.now()
  }
  await app.register(rateLimit, {
    max: perMinute,
    timeWindow: '1 minute',
    // A hash of the session token (never the token itself), or the address.
    keyGenerator: (request) => {
      const token = bearerToken(request)
      return token && !limitedPerAddress(request.ip) ? `session:${hashSecret(token)}` : `address:${request.ip}`
    },
    allowList: (request) => !request.url.startsWith('/api/'),
  })
  const countUnknownToken = app.createRateLimit({ ...UNKNOWN_TOKEN_LIMIT, keyGenerator: (request) => `unknown-token:${request.ip}` })
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode !== 401 || !bearerToken(request)) return
    const counted = await countUnknownToken(request)
    if (!counted.isAllowed && counted.isExceeded) limitedPerAddressUntil.set(request.ip, Date.now() + counted.ttl)
  })
}
