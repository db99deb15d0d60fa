/** Routes: the production picker, a production's overview and, per entity view, list / detail / form. */
import { createRouter, createWebHistory, START_LOCATION, type RouteRecordRaw } from 'vue-router'
import { lastProduction } from './features/productions/lastProduction'

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'productions', component: () => import('./features/productions/ProductionsView.vue') },
  { path: '/productions/new', name: 'production-new', component: () => import('./features/productions/ProductionFormView.vue') },
  { path: '/sync', name: 'sync', component: () => import('./features/sync/SyncView.vue') },
  { path: '/settings', name: 'settings', component: () => import('./features/settings/SettingsView.vue') },
  { path: '/join/:code?', name: 'join', component: () => import('./features/team/JoinView.vue') },
  { path: '/p/:pid/team', name: 'team', component: () => import('./features/team/TeamView.vue') },
  { path: '/p/:pid', name: 'production', component: () => import('./features/productions/ProductionHome.vue') },
  { path: '/p/:pid/edit', name: 'production-edit', component: () => import('./features/productions/ProductionFormView.vue') },
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
router.beforeEach((to, from) => {
  const last = from === START_LOCATION && to.path === '/' ? lastProduction() : null
  return last ? `/p/${last}` : true
})
