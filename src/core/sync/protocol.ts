/**
 * The wire format of sync (DESIGN.md section 3), shared by the app and the server: push and pull bodies,
 * mutation names and their argument schemas. The server validates every request with these before it
 * touches the database.
 */
import * as v from 'valibot'
import { choice, MEAL_GROUPS, MSG, PERMIT_STATUSES, type EntityName } from '../model'
import { MAX_GROUP_COVERS } from '../rules/mealCounter'

/** Bumped only when the wire format changes incompatibly; older clients get 426 and are asked to update. */
export const PROTOCOL_VERSION = 1
export const MAX_MUTATIONS_PER_PUSH = 2000
export const MAX_PULL_LIMIT = 1000

const clientId = v.pipe(v.string(), v.regex(/^[0-9A-Za-z-]{8,64}$/, 'invalid clientId'))
const recordId = v.pipe(v.string(), v.minLength(1), v.maxLength(64))
const hlc = v.pipe(v.string(), v.regex(/^\d{15}:[0-9a-z]{5}:[0-9A-Za-z-]{1,64}$/, 'invalid hlc'))

export const PushMutationSchema = v.object({
  mutationId: v.pipe(v.number(), v.integer(), v.minValue(1)),
  name: v.pipe(v.string(), v.maxLength(64)),
  args: v.unknown(),
  hlc,
})
export type PushMutation = v.InferOutput<typeof PushMutationSchema>

export const PushRequestSchema = v.object({
  clientId,
  schemaVersion: v.pipe(v.number(), v.integer()),
  mutations: v.pipe(v.array(PushMutationSchema), v.maxLength(MAX_MUTATIONS_PER_PUSH)),
})
export type PushRequest = v.InferOutput<typeof PushRequestSchema>

export const PullQuerySchema = v.object({
  clientId,
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number)), '0'),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/), v.transform(Number), v.minValue(1), v.maxValue(MAX_PULL_LIMIT)), '500'),
  /** The last mutationId whose outcome the client already holds: refused mutations are listed from the next one. */
  acked: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number))),
})

export const CreateArgsSchema = v.object({ record: v.looseObject({ id: recordId, productionId: recordId }) })
export const PatchArgsSchema = v.object({ id: recordId, fields: v.record(v.pipe(v.string(), v.maxLength(64)), v.unknown()) })
export const DeleteArgsSchema = v.object({ id: recordId })
/** `meal.adjust`: one counting gesture, covers added to (or taken from) one group of a meal. */
export const AdjustArgsSchema = v.object({
  id: recordId,
  group: choice(MEAL_GROUPS),
  delta: v.pipe(
    v.number(MSG.number),
    v.integer(MSG.integer),
    v.check((delta) => Math.abs(delta) <= MAX_GROUP_COVERS, MSG.tooLarge),
  ),
})
/** `permit.transition`: a status change with the status its author saw, so the server can compare and set. */
export const TransitionArgsSchema = v.object({ id: recordId, from: choice(PERMIT_STATUSES), to: choice(PERMIT_STATUSES) })

const finite = v.pipe(v.number(), v.finite())
/** `placement.move`: the whole position; its ranges are checked with the placement's own schema when merged. */
export const MoveArgsSchema = v.object({
  id: recordId,
  position: v.object({
    lat: v.nullable(finite), lng: v.nullable(finite), heading: finite,
    kerbId: v.string(), street: v.string(), fromNumber: v.nullable(finite), toNumber: v.nullable(finite), side: v.string(),
  }),
})

export { parseMutationName, type MutationOp } from './mutationNames'

/** One changed row, as a pull returns it. */
export interface SyncChange {
  entity: EntityName
  id: string
  data: Record<string, unknown>
  deleted: boolean
  seq: number
}

export interface SyncRejection {
  mutationId: number
  name: string
  reason: string
  details?: Record<string, string>
}

export interface PushResponse {
  lastMutationId: number
  applied: number
  skipped: number
  rejected: SyncRejection[]
}

export interface PullResponse {
  changes: SyncChange[]
  cursor: number
  hasMore: boolean
  head: number
  lastMutationId: number
  rejections: SyncRejection[]
}
