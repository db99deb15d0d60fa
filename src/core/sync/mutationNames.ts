/** Mutation names (`location.patch`), kept apart from the wire schemas so the app can read them without loading those. */
import { isEntityName, type EntityName } from '../model'

export type MutationOp = 'create' | 'patch' | 'delete' | 'restore' | 'adjust' | 'transition' | 'move'

/** Operations beyond create / patch / delete, and the one entity each applies to. */
const SPECIAL_OPS: Partial<Record<MutationOp, EntityName>> = { adjust: 'meal', transition: 'permit', move: 'placement' }

/** `location.patch` → {entity: 'location', op: 'patch'}; anything else (unknown entity or op) → null. */
export function parseMutationName(name: string): { entity: EntityName; op: MutationOp } | null {
  const [entity, op, ...rest] = name.split('.')
  if (rest.length > 0 || !entity || !isEntityName(entity)) return null
  if (op === 'create' || op === 'patch' || op === 'delete' || op === 'restore') return { entity, op }
  if ((op === 'adjust' || op === 'transition' || op === 'move') && SPECIAL_OPS[op] === entity) return { entity, op }
  return null
}
