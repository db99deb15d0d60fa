/** Security headers and request rate limits applied to every response (DESIGN.md section 5). */
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import { readTileOrigins } from './config'

/**
 * API requests per client IP and minute. Generous: a whole crew on one set's Wi-Fi shares one address. The app's
 * own files are not counted: installing the PWA fetches every asset (over a hundred), and a crew installing it
 * together must never be refused half-way (a service worker whose precache gets a 429 never installs).
 */
export const RATE_LIMIT_PER_MINUTE = 600

/**
 * `tileOrigins`: the map tile servers (ServerConfig.tileOrigins). The service worker fetches the tiles it caches and
 * the app downloads areas for offline, both under connect-src; read from the environment when not given.
 */
export async function registerSecurity(app: FastifyInstance, tileOrigins: string[] = readTileOrigins()): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Vue binds `style` attributes at runtime.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Map tiles come from a configurable https tile server; photos are shown from blob: URLs.
        imgSrc: ["'self'", 'data:', 'blob:', 'https:', ...tileOrigins.filter((origin) => origin.startsWith('http:'))],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...tileOrigins],
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
  })
  await app.register(rateLimit, {
    max: RATE_LIMIT_PER_MINUTE,
    timeWindow: '1 minute',
    allowList: (request) => !request.url.startsWith('/api/'),
  })
}
