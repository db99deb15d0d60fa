/**
 * Mutations are named intents (`<entity>.create`, `<entity>.patch`, `<entity>.delete`, ...): what the outbox
 * stores and the server will validate and merge (DESIGN.md section 3).
 */
import type { EntityName, MealGroup, PermitStatus, PlacementPosition } from '../model'

export type MutationName = `${EntityName}.${'create' | 'patch' | 'delete' | 'restore'}` | 'meal.adjust' | 'permit.transition' | 'placement.move'

export interface CreateArgs {
  record: Record<string, unknown>
}
export interface PatchArgs {
  id: string
  fields: Record<string, unknown>
}
export interface DeleteArgs {
  id: string
}
/** `<entity>.restore`: a deleted record taken back out of the trash (owners and coordinators). */
export interface RestoreArgs {
  id: string
}

/** `meal.adjust`: covers added to (delta > 0) or taken from one group's served count of a meal. */
export interface AdjustArgs {
  id: string
  group: MealGroup
  delta: number
}

/** `permit.transition`: the status moved from `from` (what the author saw) to `to`, along an allowed edge. */
export interface TransitionArgs {
  id: string
  from: PermitStatus
  to: PermitStatus
}

/** `placement.move`: a vehicle dragged, turned or renumbered; the whole position is written, or none of it. */
export interface MoveArgs {
  id: string
  position: PlacementPosition
}

export type MutationArgs = CreateArgs | PatchArgs | DeleteArgs | RestoreArgs | AdjustArgs | TransitionArgs | MoveArgs

/** An outbox entry: one local change waiting to be pushed. `mutationId` is per client, from 1, gapless. */
export interface OutboxEntry {
  mutationId: number
  clientId: string
  productionId: string
  name: MutationName
  args: MutationArgs
  hlc: string
  createdAt: string
}

export const SCHEMA_VERSION = 1
