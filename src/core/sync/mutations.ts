/**
 * Mutations are named intents (`<entity>.create`, `<entity>.patch`, `<entity>.delete`, ...): what the outbox
 * stores and the server will validate and merge (DESIGN.md section 3).
 */
import type { EntityName } from '../model'

export type MutationName = `${EntityName}.${'create' | 'patch' | 'delete'}`

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

export type MutationArgs = CreateArgs | PatchArgs | DeleteArgs

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
