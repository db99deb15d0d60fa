/**
 * `GET /api/health`: proves the process answers and the database takes a write (for load balancers and humans). A
 * database that can be read but not written (a full disk, a lock held by a stuck backup, a damaged file) is not
 * healthy: phones could pull but every push would fail.
 */
import type { FastifyInstance } from 'fastify'
import { SCHEMA_VERSION } from '../core/sync/mutations'
import type { ServerContext } from './context'

export function registerHealthRoute(app: FastifyInstance, { db, dialect }: ServerContext): void {
  app.get('/api/health', async (request, reply) => {
    try {
      const now = new Date().toISOString()
      await db.insertInto('server_meta').values({ key: 'health_checked_at', value: now })
        .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: now })).execute()
    } catch (error) {
      request.log.error({ err: error }, 'health check: the database did not take a write')
      return reply.code(503).send({ ok: false, error: 'database_unavailable' })
    }
    return { ok: true, name: 'regie', db: dialect, schemaVersion: SCHEMA_VERSION }
  })
}
