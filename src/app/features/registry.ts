/** Every entity view and the bottom-navigation tab it lives under. */
import type { EntityName } from '../../core/model'
import { conditionReportView } from './inventory/conditionReportView'
import { inventoryItemView } from './inventory/inventoryItemView'
import { rentalHouseView } from './inventory/rentalHouseView'
import { locationView } from './locations/locationView'
import { mealView } from './meals/mealView'
import { authorityView } from './permits/authorityView'
import { permitView } from './permits/permitView'
import { placementView } from './placements/placementView'
import { vehicleView } from './placements/vehicleView'
import { productionView } from './productions/productionView'
import { shootDayView } from './days/shootDayView'
import type { EntityView } from './records/entityView'

export const VIEWS = [
  locationView, placementView, vehicleView, permitView, authorityView, mealView, inventoryItemView, rentalHouseView,
  conditionReportView, shootDayView,
] as unknown as EntityView[]

export function viewForRoute(route: string): EntityView | undefined {
  return VIEWS.find((view) => view.route === route)
}

export function viewForEntity(entity: EntityName): EntityView {
  if (entity === 'production') return productionView as unknown as EntityView
  const view = VIEWS.find((candidate) => candidate.entity === entity)
  if (!view) throw new Error(`No view for ${entity}`)
  return view
}

// The bottom-navigation tabs live in ./tabs: the shell reads them without loading every view.
export { siblingRoutes, TABS } from './tabs'
