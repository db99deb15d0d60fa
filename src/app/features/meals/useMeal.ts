/** The meal of the route (`:id`) and its shoot day, following the database. */
import { useRoute } from 'vue-router'
import type { Meal, ShootDay } from '../../../core/model'
import { useLiveQuery } from '../../db/useLiveQuery'
import { repositoryFor } from '../records/repositories'

export function useRouteMeal() {
  const route = useRoute()
  const productionId = String(route.params.pid)
  const id = String(route.params.id)
  const { data: meal, loading } = useLiveQuery(() => repositoryFor<Meal>('meal').liveOne(productionId, id), undefined as Meal | undefined)
  const { data: day } = useLiveQuery(
    () => (meal.value ? repositoryFor<ShootDay>('shootDay').liveOne(productionId, meal.value.shootDayId) : null),
    undefined as ShootDay | undefined,
  )
  return { productionId, id, meal, day, loading }
}
