/** Sync routes: push a batch of mutations, pull changes after a cursor (DESIGN.md section 3); a push that changed something pokes the production's live streams. */
import type { FastifyInstance } from 'fastify'
import * as v from 'valibot'
import { PROTOCOL_VERSION, PullQuerySchema, PushRequestSchema } from '../../core/sync/protocol'
import { authenticate, HttpError } from '../auth'
import { sendCompressedJson } from '../compressedJson'
import type { ServerContext } from '../context'
import type { PokeHub } from '../sync/pokeHub'
import { readPullJson } from '../sync/pull'
import { applyPush } from '../sync/push'

/** A push of 2,000 mutations with their records fits; anything larger is refused before parsing. */
export const PUSH_BODY_LIMIT = 8 * 1024 * 1024

export function registerSyncRoutes(app: FastifyInstance, context: ServerContext, pokes: PokeHub): void {
  app.post<{ Params: { pid: string } }>('/api/v1/productions/:pid/push', { bodyLimit: PUSH_BODY_LIMIT }, async (request, reply) => {
    const caller = await authenticate(context, request, request.params.pid)
    const schemaVersion = (request.body as { schemaVersion?: unknown } | null)?.schemaVersion
    if (typeof schemaVersion === 'number' && schemaVersion < PROTOCOL_VERSION) {
      return reply.code(426).send({ error: 'upgrade_required', message: 'This version of Régie is too old to sync: reload the app to update it.' })
    }
    const parsed = v.safeParse(PushRequestSchema, request.body)
    if (!parsed.success) throw new HttpError(400, 'invalid_body', parsed.issues.slice(0, 5).map((issue) => `${v.getDotPath(issue) ?? ''} ${issue.message}`.trim()).join('; '))
    const outcome = await applyPush(context, caller, parsed.output)
    // applyPush has committed by now: a phone poked here pulls rows that are really there.
    if (outcome.status === 200 && outcome.head !== undefined) pokes.announce(caller.productionId, outcome.head)
    return reply.code(outcome.status).send(outcome.body)
  })

  app.get<{ Params: { pid: string } }>('/api/v1/productions/:pid/pull', async (request, reply) => {
    const caller = await authenticate(context, request, request.params.pid)
    const query = v.safeParse(PullQuerySchema, request.query)
    if (!query.success) throw new HttpError(400, 'invalid_query', 'clientId, cursor and limit (1-1000) are expected')
    const page = await readPullJson(context, { productionId: caller.productionId, ...query.output })
    return sendCompressedJson(request, reply, page)
  })
}
