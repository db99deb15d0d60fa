/**
 * Record history: GET /api/v1/productions/:pid/history/:entity/:id lists the changes the mutation log holds for
 * one record, newest first, with who made them and which values were overwritten (sync/history.ts). Any member
 * may read it, viewers too, as they may pull; a session of another production gets the plain 403 of every route.
 */
import type { FastifyInstance } from 'fastify'
import * as v from 'valibot'
import { ENTITY_NAMES } from '../../core/model'
import { authenticate, HttpError } from '../auth'
import type { ServerContext } from '../context'
import { readHistory } from '../sync/history'

const ParamsSchema = v.object({
  entity: v.picklist(ENTITY_NAMES),
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
})

export function registerHistoryRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get<{ Params: { pid: string; entity: string; id: string } }>('/api/v1/productions/:pid/history/:entity/:id', async (request, reply) => {
    const caller = await authenticate(context, request, request.params.pid)
    const params = v.safeParse(ParamsSchema, request.params)
    if (!params.success) throw new HttpError(400, 'invalid_params', 'A known entity and a record id of 1 to 64 characters are expected')
    return reply.send(await readHistory(context.db, caller.productionId, params.output.entity, params.output.id))
  })
}
