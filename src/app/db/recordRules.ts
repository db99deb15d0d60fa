/**
 * The schemas and merge rules a write checks, loaded with the first write rather than with the first screen
 * (repository.ts imports this module lazily): reading and listing need none of them.
 */
export { ENTITIES, validate } from '../../core/model'
export { ENTITY_RULES } from '../../core/sync/merge'
