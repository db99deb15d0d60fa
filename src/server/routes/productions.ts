/**
 * Productions on this server: creating one needs the server's access code (header X-Regie-Access-Code) and makes
 * its creator the owner, with a recovery code shown once; the recovery code gives back an owner session from any
 * device (a lost or stolen phone) and can be replaced by an owner who holds it. Every refusal names its reason.
 */
import type { FastifyInstance } from 'fastify'
import * as v from 'valibot'
import { PRODUCTION_KINDS } from '../../core/model'
import { newId } from '../../core/sync/ids'
import { accessCodeMatches, ACCESS_CODE_HEADER } from '../accessCode'
import { authenticate, hashSecret, HttpError, readableCode, secretMatches } from '../auth'
import type { ServerContext } from '../context'
import { openSession } from '../sessions'
import { listMembers } from './members'
import { parseInput } from './parse'

const name = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120))
const id = v.pipe(v.string(), v.regex(/^[0-9A-Za-z-]{8,64}$/))
const CreateProductionSchema = v.object({
  id: v.optional(id),
  name,
  kind: v.optional(v.picklist(PRODUCTION_KINDS), 'feature'),
  displayName: v.optional(name, 'Propriétaire'),
  deviceLabel: v.optional(name, 'Appareil'),
})
const RecoveryCode = v.pipe(v.string(), v.trim(), v.regex(/^[A-Za-z0-9_-]{16,128}$/))
const RecoverSchema = v.object({ recoveryCode: RecoveryCode, deviceLabel: v.optional(name, 'Appareil') })
export const RECOVERY_CODE_HEADER = 'x-regie-recovery-code'

/** The production's recovery code given with a request (header), when it is the right one. */
export async function holdsRecoveryCode(context: ServerContext, productionId: string, given: unknown): Promise<boolean> {
  if (typeof given !== 'string' || given.length > 128) return false
  const production = await context.db.selectFrom('productions').select('recovery_hash').where('id', '=', productionId).executeTakeFirst()
  return secretMatches(given.trim(), production?.recovery_hash)
}

export function registerProductionRoutes(app: FastifyInstance, context: ServerContext, { accessCode }: { accessCode: string }): void {
  const { db } = context

  app.post('/api/v1/productions', async (request, reply) => {
    const given = request.headers[ACCESS_CODE_HEADER]
    if (given === undefined) throw new HttpError(401, 'access_code_required', "Creating a production on this server needs the server's access code")
    if (!accessCodeMatches(accessCode, given)) throw new HttpError(401, 'access_code_invalid', 'This is not the access code of this server')
    const body = parseInput(CreateProductionSchema, request.body)
    // A local production keeps its id when uploaded, so its records need no renaming; a taken id is refused and
    // the app gives its production a fresh one (a production id is never a credential).
    const productionId = body.id ?? newId()
    const memberId = newId()
    const recoveryCode = newRecoveryCode()
    const now = new Date().toISOString()
    const created = await db.transaction().execute(async (trx) => {
      const exists = await trx.selectFrom('productions').select('id').where('id', '=', productionId).executeTakeFirst()
      if (exists) return false
      await trx.insertInto('productions').values({ id: productionId, name: body.name, kind: body.kind, created_at: now, recovery_hash: hashSecret(recoveryCode) }).execute()
      await trx.insertInto('members').values({ production_id: productionId, id: memberId, display_name: body.displayName, role: 'owner', created_at: now }).execute()
      return true
    })
    if (!created) throw new HttpError(409, 'production_exists', 'A production with this id already exists on this server')
    const { token, sessionId } = await openSession(db, productionId, memberId, body.deviceLabel)
    return reply.code(201).send({ productionId, memberId, sessionId, role: 'owner', token, recoveryCode, epoch: context.epoch })
  })

  // The owner's way back in from any device, with the recovery code alone (it names its production): an owner session,
  // and the devices signed in, to cut off the lost one.
  app.post('/api/v1/recover', async (request, reply) => {
    const body = parseInput(RecoverSchema, request.body)
    const production = await db.selectFrom('productions').select(['id', 'name', 'kind', 'recovery_hash'])
      .where('recovery_hash', '=', hashSecret(body.recoveryCode)).executeTakeFirst()
    if (!production || !secretMatches(body.recoveryCode, production.recovery_hash)) {
      throw new HttpError(401, 'recovery_code_invalid', 'This recovery code opens no production on this server')
    }
    const productionId = production.id
    const owner = await db.selectFrom('members').select(['id', 'display_name']).where('production_id', '=', productionId)
      .where('role', '=', 'owner').where('revoked_at', 'is', null).orderBy('created_at').executeTakeFirst()
    const memberId = owner?.id ?? newId()
    if (!owner) {
      await db.insertInto('members').values({ production_id: productionId, id: memberId, display_name: 'Propriétaire', role: 'owner', created_at: new Date().toISOString() }).execute()
    }
    const { token, sessionId } = await openSession(db, productionId, memberId, body.deviceLabel)
    const members = await listMembers(context, { productionId, memberId, role: 'owner' })
    return reply.code(201).send({
      productionId, productionName: production.name, kind: production.kind, memberId, sessionId, role: 'owner', token, epoch: context.epoch, members,
    })
  })

  // A new recovery code (the old one stops working). An owner may make the first one; replacing one needs it, so a
  // stolen owner phone cannot lock the real owner out.
  app.post<{ Params: { pid: string } }>('/api/v1/productions/:pid/recovery-code', async (request, reply) => {
    const caller = await authenticate(context, request, request.params.pid)
    if (caller.role !== 'owner') throw new HttpError(403, 'forbidden', 'Only an owner replaces the recovery code')
    const production = await db.selectFrom('productions').select('recovery_hash').where('id', '=', caller.productionId).executeTakeFirstOrThrow()
    if (production.recovery_hash && !(await holdsRecoveryCode(context, caller.productionId, request.headers[RECOVERY_CODE_HEADER]))) {
      throw new HttpError(403, 'recovery_code_required', 'Replacing the recovery code needs the current one')
    }
    const recoveryCode = newRecoveryCode()
    await db.updateTable('productions').set({ recovery_hash: hashSecret(recoveryCode) }).where('id', '=', caller.productionId).execute()
    return reply.code(201).send({ recoveryCode })
  })
}

/** Six groups of five (about 149 bits), easy to copy from paper. */
const newRecoveryCode = () => readableCode(6)
