/**
 * How the server answers a failure. A refusal a route chose (HttpError) goes out with its reason code; Fastify's own
 * refusals (malformed or oversized body, wrong type, a body too slow) keep their status with a reason code of ours;
 * a busy database is a 503 to retry; anything else is logged with what finds it again (request id, route, production)
 * and answered with a generic 500 that gives away nothing of the server's insides.
 */
import type { FastifyError, FastifyInstance } from 'fastify'
import { HttpError } from './auth'

const CLIENT_ERRORS: Record<number, string> = { 408: 'request_timeout', 413: 'too_large', 415: 'unsupported_type' }

/** SQLite's lock timeouts and PostgreSQL's serialisation failures or dropped connections: worth a retry. */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === '40001' || code === '40P01' || code === '57P01' || code === 'ECONNREFUSED'
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) return reply.code(error.statusCode).send({ error: error.code, message: error.message, ...error.extra })
    const status = error.statusCode
    if (status !== undefined && status >= 400 && status < 500) {
      if (status === 408 || status === 413) reply.header('connection', 'close')
      return reply.code(status).send({ error: CLIENT_ERRORS[status] ?? 'invalid_body', message: error.message })
    }
    const where = { reqId: request.id, method: request.method, route: request.routeOptions.url, productionId: (request.params as { pid?: string } | undefined)?.pid }
    if (isTransientDatabaseError(error)) {
      request.log.warn({ err: error, ...where }, 'database busy')
      return reply.code(503).header('retry-after', '2').send({ error: 'busy', message: 'The server is busy: try again in a moment' })
    }
    request.log.error({ err: error, ...where }, 'request failed')
    return reply.code(500).send({ error: 'server_error', message: 'Internal server error', requestId: request.id })
  })
}
