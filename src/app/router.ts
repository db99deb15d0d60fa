/** Routes: the production picker, a production's overview and, per entity view, list / detail / form. */
import { createRouter, createWebHistory, START_LOCATION, type RouteRecordRaw } from 'vue-router'
import { lastProduction } from './features/productions/lastProduction'
// The picker is a new phone's first screen: bundled with the app, it paints without a second round trip.
import ProductionsView from './features/productions/ProductionsView.vue'
import { loadAllMessages } from './i18n'

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'productions', component: ProductionsView },
  { path: '/productions/new', name: 'production-new', component: () => import('./features/productions/ProductionFormView.vue') },
  { path: '/sync', name: 'sync', component: () => import('./features/sync/SyncView.vue') },
  { path: '/settings', name: 'settings', component: () => import('./features/settings/SettingsView.vue') },
  { path: '/join/:code?', name: 'join', component: () => import('./features/team/JoinView.vue') },
  { path: '/recover', name: 'recover', component: () => import('./features/team/RecoverView.vue') },
  { path: '/p/:pid/team', name: 'team', component: () => import('./features/team/TeamView.vue') },
  { path: '/p/:pid', name: 'production', component: () => import('./features/productions/ProductionHome.vue') },
  { path: '/p/:pid/edit', name: 'production-edit', component: () => import('./features/productions/ProductionFormView.vue') },
  { path: '/p/:pid/trash', name: 'trash', component: () => import('./features/productions/TrashView.vue') },
  // Meals: the days' services, the on-set counter and the totals (the :view param keeps the tab highlighted).
  { path: '/p/:pid/:view(meal-plan)', name: 'meal-plan', component: () => import('./features/meals/MealPlanView.vue') },
  { path: '/p/:pid/:view(meal-plan)/rules', name: 'meal-rules', component: () => import('./features/meals/MealRulesView.vue') },
  { path: '/p/:pid/:view(meal-totals)', name: 'meal-totals', component: () => import('./features/meals/MealTotalsView.vue') },
  // Ranked above ':view(meals)/:id', which would otherwise take "new" for an id.
  { path: '/p/:pid/:view(meals)/new', name: 'meal-new', component: () => import('./features/records/RecordFormView.vue') },
  { path: '/p/:pid/:view(meals)/:id', name: 'meal-detail', component: () => import('./features/meals/MealDetailView.vue') },
  { path: '/p/:pid/:view(meals)/:id/count', name: 'meal-counter', component: () => import('./features/meals/MealCounterView.vue') },
  // Returns: what is still out, one rental house's return and slip, condition reports room by room, and their printouts.
  { path: '/p/:pid/:view(returns)', name: 'returns', component: () => import('./features/returns/ReturnsDashboard.vue') },
  { path: '/p/:pid/:view(returns)/print', name: 'returns-print', component: () => import('./features/returns/ReturnsChecklistPrint.vue') },
  { path: '/p/:pid/:view(rental-houses)/:id/return', name: 'rental-house-return', component: () => import('./features/returns/ReturnsHouseView.vue') },
  { path: '/p/:pid/:view(condition-reports)/:id/rooms', name: 'condition-report-rooms', component: () => import('./features/returns/ReturnsReportRooms.vue') },
  { path: '/p/:pid/:view(condition-reports)/:id/print', name: 'condition-report-print', component: () => import('./features/returns/ReturnsReportPrint.vue') },
  { path: '/p/:pid/:view(condition-reports)/compare/:locationId', name: 'condition-report-compare', component: () => import('./features/returns/ReturnsReportCompare.vue') },
  // Permits: the overview by urgency, one request with its workflow, its printout, and authorities with the catalogue.
  { path: '/p/:pid/:view(permit-overview)', name: 'permit-overview', component: () => import('./features/permits/PermitOverviewView.vue') },
  { path: '/p/:pid/:view(authorities)', name: 'authorities', component: () => import('./features/permits/AuthorityListView.vue') },
  // Ranked above ':view(permits)/:id' (a static segment beats a param), which would otherwise take "new" for an id.
  { path: '/p/:pid/:view(permits)/new', name: 'permit-new', component: () => import('./features/records/RecordFormView.vue') },
  { path: '/p/:pid/:view(permits)/:id/print', name: 'permit-print', component: () => import('./features/permits/PermitPrintView.vue') },
  { path: '/p/:pid/:view(permits)/:id', name: 'permit-detail', component: () => import('./features/permits/PermitDetailView.vue') },
  // Sun study of a décor for a shoot date (computed offline); ?date=yyyy-mm-dd&time=HH:MM.
  { path: '/p/:pid/:view(locations)/:id/sun', name: 'location-sun', component: () => import('./features/locations/sun/SunStudyView.vue') },
  // Décors: the list with ZIP export / import, the scouting dossier (A4), the candidates of one script décor side by
  // side, and the décor page with its competing candidates. ':view(locations)/new' is ranked above ':view(locations)/:id'.
  { path: '/p/:pid/:view(locations)', name: 'locations', component: () => import('./features/locations/exchange/LocationListView.vue') },
  { path: '/p/:pid/:view(locations)/new', name: 'location-new', component: () => import('./features/records/RecordFormView.vue') },
  { path: '/p/:pid/:view(locations)/compare', name: 'location-compare', component: () => import('./features/locations/dossier/LocationCompareView.vue') },
  { path: '/p/:pid/:view(locations)/:id/dossier', name: 'location-dossier', component: () => import('./features/locations/dossier/LocationDossierPrint.vue') },
  { path: '/p/:pid/:view(locations)/:id', name: 'location-detail', component: () => import('./features/locations/dossier/LocationDetailView.vue') },
  // The décors' map (Leaflet loads with it and with the décor page's small map only).
  { path: '/p/:pid/:view(locations-map)', name: 'locations-map', component: () => import('./features/locations/LocationMapView.vue') },
  // One shoot day's vehicle plan (?day=<shootDayId>): vehicles at real scale, kerbs, base camp, city rules checked live.
  { path: '/p/:pid/:view(vehicle-plan)', name: 'vehicle-plan', component: () => import('./features/placements/plan/VehiclePlanView.vue') },
  // Vehicle plan printouts (?day=<id>): the plan at scale with its lists, and the residents' notice (?day=<id>[,<id>...]).
  { path: '/p/:pid/:view(vehicle-plan)/print', name: 'vehicle-plan-print', component: () => import('./features/placements/print/VehiclePlanPrintView.vue') },
  { path: '/p/:pid/:view(vehicle-plan)/notice', name: 'residents-notice', component: () => import('./features/placements/print/ResidentsNoticeView.vue') },
  // The city rules vehicle plans are checked against: chosen, explained, imported and exported as JSON.
  { path: '/p/:pid/:view(city-rules)', name: 'city-rules', component: () => import('./features/settings/SettingsCityRules.vue') },
  { path: '/p/:pid/:view', name: 'list', component: () => import('./features/records/RecordListView.vue') },
  { path: '/p/:pid/:view/new', name: 'new', component: () => import('./features/records/RecordFormView.vue') },
  { path: '/p/:pid/:view/:id', name: 'detail', component: () => import('./features/records/RecordDetailView.vue') },
  { path: '/p/:pid/:view/:id/edit', name: 'edit', component: () => import('./features/records/RecordFormView.vue') },
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
})

// Opening the app lands on the production last worked on; the logo still leads to the picker afterwards.
router.beforeEach(async (to, from) => {
  const last = from === START_LOCATION && to.path === '/' ? lastProduction() : null
  if (last) return `/p/${last}`
  // The picker speaks with the first screen's messages; every other screen waits for the rest.
  if (to.name !== 'productions') await loadAllMessages()
  return true
})
