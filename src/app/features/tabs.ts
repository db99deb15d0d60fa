/**
 * Bottom navigation: the five stores; each tab lists its screens (the first is where the tab leads). Kept apart
 * from the entity views so the shell (and the first screen) does not load every view and its schemas.
 */
import type { TabKey } from './records/entityView'

export const TABS: { key: Exclude<TabKey, 'days'>; routes: string[] }[] = [
  { key: 'locations', routes: ['locations', 'locations-map'] },
  { key: 'vehicles', routes: ['vehicle-plan', 'placements', 'vehicles'] },
  { key: 'permits', routes: ['permit-overview', 'permits', 'authorities'] },
  { key: 'meals', routes: ['meal-plan', 'meals', 'meal-totals'] },
  { key: 'returns', routes: ['returns', 'inventory', 'rental-houses', 'condition-reports'] },
]

export function siblingRoutes(route: string): string[] {
  return TABS.find((tab) => tab.routes.includes(route))?.routes ?? [route]
}
