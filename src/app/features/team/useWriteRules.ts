/**
 * What this phone's member may do to a production's records, by the shared rules (core/rules/roles.ts) the server
 * applies: a production kept only on this phone is its owner's; in a team, members and trainees delete only what
 * they created, and only owners and coordinators take records back out of the trash. Screens hide the rest.
 */
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import type { EntityName } from '../../../core/model'
import { isRole, mayRestore, mayWrite } from '../../../core/rules/roles'
import { useSyncStatusStore } from '../../sync/syncStatusStore'

export function useWriteRules(productionId: MaybeRefOrGetter<string>, productionKind: MaybeRefOrGetter<string | undefined> = undefined) {
  const status = useSyncStatusStore()
  const team = computed(() => status.teams.find((candidate) => candidate.productionId === toValue(productionId)))
  const actor = computed(() => {
    const link = team.value
    if (!link || !isRole(link.role)) return null
    return { role: link.role, memberId: link.memberId, productionKind: toValue(productionKind) ?? 'feature' }
  })
  /** Whether the record may be deleted from this phone (the server would take it). */
  const mayDelete = (entity: EntityName, record: object | undefined) => {
    const createdBy = (record as { createdBy?: unknown } | undefined)?.createdBy
    return actor.value === null || mayWrite(actor.value, entity, typeof createdBy === 'string' ? createdBy : undefined, 'delete')
  }
  const mayRestoreHere = computed(() => actor.value === null || mayRestore(actor.value.role))
  return { mayDelete, mayRestore: mayRestoreHere }
}
