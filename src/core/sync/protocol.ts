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

/** The server's epoch as the phone knows it: a database restored from a backup has another (DESIGN.md section 3). */
const epoch = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/))

export const PushRequestSchema = v.object({
  clientId,
  schemaVersion: v.pipe(v.number(), v.integer()),
  mutations: v.pipe(v.array(PushMutationSchema), v.maxLength(MAX_MUTATIONS_PER_PUSH)),
  epoch: v.optional(epoch),
  /**
   * Sent after a reset, when the phone re-sends what a restored server lost: the first mutation may then come after a
   * gap (changes older than the phone kept, lost with the server's database) instead of being refused for it.
   */
  recovery: v.optional(v.boolean()),
})
export type PushRequest = v.InferOutput<typeof PushRequestSchema>

export const PullQuerySchema = v.object({
  clientId,
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number)), '0'),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/), v.transform(Number), v.minValue(1), v.maxValue(MAX_PULL_LIMIT)), '500'),
  /** The last mutationId whose outcome the client already holds: refused mutations are listed from the next one. */
  acked: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number))),
  epoch: v.optional(epoch),
})

export const CreateArgsSchema = v.object({ record: v.looseObject({ id: recordId, productionId: recordId }) })
export const PatchArgsSchema = v.object({ id: recordId, fields: v.record(v.pipe(v.string(), v.maxLength(64)), v.unknown()) })
export const DeleteArgsSchema = v.object({ id: recordId })
export const RestoreArgsSchema = v.object({ id: recordId })
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
  /** The member who created the record (members delete only what they created); null for rows older than that. */
  createdBy?: string | null
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
  /** The server's epoch: the phone sends it back with every request. */
  epoch?: string
  reset?: undefined
}

/**
 * The answer to a pull (or push) from another epoch, or with a cursor beyond the head: the server's database was
 * restored from a backup. The phone pulls the production again from zero and re-sends what the server lost.
 */
export interface ResetResponse {
  reset: true
  epoch: string
  head: number
}
