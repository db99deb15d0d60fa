/**
 * Serves the built PWA from the dist directory. Hashed files under /assets/ never change, so browsers keep them for a
 * year; everything else (index.html, sw.js, the manifest) is revalidated on every load so a new release is picked up.
 * Text files go out as the brotli or gzip copy the build wrote beside them (scripts/precompressAssets.ts) when the
 * browser accepts it. Client-side routes (/p/abc/locations) get index.html, so reloading any page of the app works.
 */
import fs from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

const IMMUTABLE = 'public, max-age=31536000, immutable'
const REVALIDATE = 'no-cache'

export const NOT_BUILT_MESSAGE =
  "Régie's web app has not been built yet. Run `npm run build` (or start the server with `npm start`, which builds it), then restart the server.\n"

export async function registerPwaFiles(app: FastifyInstance, distDir: string): Promise<void> {
  // @fastify/static needs an existing root; without one every page answers NOT_BUILT_MESSAGE instead.
  if (!fs.existsSync(distDir)) return
  const assetsDir = path.join(distDir, 'assets') + path.sep
  await app.register(fastifyStatic, {
    root: distDir,
    cacheControl: false,
    preCompressed: true,
    setHeaders(res, filePath) {
      res.setHeader('Cache-Control', filePath.startsWith(assetsDir) ? IMMUTABLE : REVALIDATE)
      // The same URL answers compressed or not by Accept-Encoding: caches between must keep the two apart.
      res.setHeader('Vary', 'Accept-Encoding')
    },
  })
}

/**
 * A GET for a path whose last segment has no file extension is a page of the app. A missing file (/assets/old.js)
 * must stay a 404: answering it with index.html would hand HTML to a script tag and let the service worker cache it.
 */
export function isAppPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false
  const pathname = request.url.split('?')[0] ?? ''
  const lastSegment = pathname.slice(pathname.lastIndexOf('/') + 1)
  return !lastSegment.includes('.')
}

export function sendAppShell(reply: FastifyReply, distDir: string): FastifyReply {
  if (!fs.existsSync(path.join(distDir, 'index.html'))) {
    return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT_MESSAGE)
  }
  return reply.code(200).sendFile('index.html')
}
