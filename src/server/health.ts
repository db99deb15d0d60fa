/** `GET /api/health`: proves the process answers and the database accepts a query (for load balancers and humans). */
import { sql, type Kysely } from 'kysely'
import type { FastifyInstance } from 'fastify'
import { SCHEMA_VERSION } from '../core/sync/mutations'
import type { DialectName } from './db'
import type { Database } from './schema'

export function registerHealthRoute(app: FastifyInstance, db: Kysely<Database>, dialect: DialectName): void {
  app.get('/api/health', async (request, reply) => {
    try {
      await sql`select 1`.execute(db)
    } catch (error) {
      request.log.error({ err: error }, 'health check: database query failed')
      return reply.code(503).send({ ok: false, error: 'database_unavailable' })
    }
    return { ok: true, name: 'regie', db: dialect, schemaVersion: SCHEMA_VERSION }
  })
}
