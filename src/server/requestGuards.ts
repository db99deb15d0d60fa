/**
 * Guards on what a request may send before any route reads it: a body must keep coming at a minimum average rate
 * (a client dripping a byte every 30 s is cut off with a 408 instead of holding a connection for ever), and a JSON
 * body may not nest deeper than any real record does (deep nesting is refused with a 400 instead of overflowing a
 * stack later). Sizes are Fastify's body limits (413).
 */
import { Transform, type Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { HttpError } from './auth'

/** After this grace, the bytes received so far must average at least MIN_BODY_BYTES_PER_SECOND. */
export const BODY_GRACE_MS = 10_000
export const MIN_BODY_BYTES_PER_SECOND = 1024
const CHECK_EVERY_MS = 1_000
/** Records nest a few levels (a condition report's rooms and their defects); a push adds four. */
export const MAX_JSON_DEPTH = 64

export function registerRequestGuards(app: FastifyInstance, { graceMs = BODY_GRACE_MS, minBytesPerSecond = MIN_BODY_BYTES_PER_SECOND } = {}): void {
  app.addHook('preParsing', async (request, _reply, payload) => {
    if (!hasBody(request.headers)) return payload
    return rateGuarded(payload, graceMs, minBytesPerSecond)
  })
  app.addHook('preValidation', async (request) => {
    if (tooDeep(request.body, MAX_JSON_DEPTH)) throw new HttpError(400, 'too_deep', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`)
  })
}

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  return Number(headers['content-length'] ?? 0) > 0 || headers['transfer-encoding'] !== undefined
}

/** The payload passed through, counted; too slow on average after the grace, it fails with a 408. */
function rateGuarded(payload: Readable, graceMs: number, minBytesPerSecond: number): Readable {
  const started = Date.now()
  let received = 0
  const guarded = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length
      ;(guarded as Transform & { receivedEncodedLength: number }).receivedEncodedLength = received
      done(null, chunk)
    },
  })
  const timer = setInterval(() => {
    const elapsed = Date.now() - started
    if (elapsed < graceMs || received / (elapsed / 1000) >= minBytesPerSecond) return
    clearInterval(timer)
    guarded.destroy(Object.assign(new Error('The request body arrived too slowly'), { statusCode: 408 }))
    payload.unpipe(guarded)
    payload.resume()
  }, CHECK_EVERY_MS)
  timer.unref()
  const stop = () => clearInterval(timer)
  payload.once('end', stop)
  payload.once('close', stop)
  guarded.once('close', stop)
  payload.once('error', (error) => guarded.destroy(error))
  return payload.pipe(guarded)
}

/** Whether a parsed body nests deeper than `limit`, walked without recursion. */
export function tooDeep(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object' || typeof (value as Readable).pipe === 'function') return false
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!
    if (depth > limit) return true
    for (const child of Object.values(current as object)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1])
    }
  }
  return false
}
