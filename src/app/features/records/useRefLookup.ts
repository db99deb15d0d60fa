/** Live maps of the records a view refers to (vehicles of placements, days of meals...), as one lookup function. */
import { computed, type Ref } from 'vue'
import type { BaseRecord, EntityName } from '../../../core/model'
import { useLiveQuery } from '../../db/useLiveQuery'
import type { RefLookup } from './entityView'
import { repositoryFor } from './repositories'

export function useRefLookup(entities: readonly EntityName[], productionId: Ref<string>) {
  const maps = entities.map((entity) => {
    const { data } = useLiveQuery(() => repositoryFor(entity).live(productionId.value), [] as BaseRecord[])
    return [entity, computed(() => new Map(data.value.map((record) => [record.id, record])))] as const
  })
  const lists = Object.fromEntries(maps.map(([entity, map]) => [entity, computed(() => [...map.value.values()])]))
  const lookup = computed<RefLookup>(() => {
    const resolved = new Map(maps.map(([entity, map]) => [entity, map.value]))
    return (entity, id) => (id ? resolved.get(entity)?.get(id) : undefined)
  })
  return { lookup, lists: lists as Partial<Record<EntityName, Readonly<Ref<BaseRecord[]>>>> }
}
