/** How the plan screen's parts reach the day's plan (records, analysis, numbers) without passing it down by hand. */
import { inject, provide, type ComputedRef, type InjectionKey, type Ref } from 'vue'
import type { useDayPlan } from '../useDayPlan'

export type PlanContext = ReturnType<typeof useDayPlan> & {
  productionId: Ref<string>
  dayId: Ref<string>
  /** Each placement's number on the map and in the list. */
  numbers: ComputedRef<Map<string, number>>
}

const PLAN_KEY: InjectionKey<PlanContext> = Symbol('regie-vehicle-plan')

export function providePlan(context: PlanContext): void {
  provide(PLAN_KEY, context)
}

export function injectPlan(): PlanContext {
  const context = inject(PLAN_KEY)
  if (!context) throw new Error('A plan part must be placed inside the vehicle plan screen')
  return context
}
