import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { db } from '../../db/db'
import { liveTeamSyncSummaries, type TeamSyncSummary } from '../../db/syncStore'
import { i18n } from '../../i18n'
import SyncTeams from './SyncTeams.vue'

afterEach(async () => {
  await Promise.all([db.teams.clear(), db.outbox.clear(), db.rejections.clear(), db.records('production').clear()])
})

const firstValue = <T>(observable: { subscribe(next: (value: T) => void): { unsubscribe(): void } }) =>
  new Promise<T>((resolve) => {
    const subscription = observable.subscribe((value) => {
      resolve(value)
      queueMicrotask(() => subscription.unsubscribe())
    })
  })

const link = (productionId: string, fields: { lastSyncAt?: string | null; lastError?: string | null } = {}) =>
  ({ productionId, serverUrl: '', token: 't', memberId: 'm', sessionId: 's', role: 'member', cursor: 0, lastSyncAt: null, lastError: null, ...fields })

describe('the Synchronisation screen\'s shared productions', () => {
  it('lists each team production with its last sync, its last error in French, its waiting and refused changes', async () => {
    await db.records('production').bulkPut([
      { id: 'p1', productionId: 'p1', name: 'Les Heures Claires', createdAt: '', updatedAt: '' },
      { id: 'p2', productionId: 'p2', name: 'Mogador', createdAt: '', updatedAt: '' },
    ])
    await db.teams.bulkPut([link('p1', { lastSyncAt: '2026-11-23T21:00:00.000Z', lastError: 'revoked' }), link('p2')])
    const entry = (productionId: string, mutationId: number) =>
      ({ productionId, mutationId, clientId: 'c', name: 'location.patch' as const, args: { id: 'l', fields: {} }, hlc: '', createdAt: '' })
    await db.outbox.bulkPut([entry('p1', 1), entry('p1', 2), entry('p2', 1)])
    await db.rejections.put({ productionId: 'p2', mutationId: 7, name: 'location.patch', args: { id: 'l', fields: {} }, reason: 'forbidden', createdAt: '' })

    const summaries = await firstValue<TeamSyncSummary[]>(liveTeamSyncSummaries())
    expect(summaries.map(({ productionName, pending, rejected }) => [productionName, pending, rejected])).toEqual([['Les Heures Claires', 2, 0], ['Mogador', 1, 1]])

    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:rest(.*)*', component: { render: () => null } }] })
    const wrapper = mount(SyncTeams, { props: { summaries }, global: { plugins: [i18n, router] } })
    const first = wrapper.get('[data-testid="sync-team-p1"]').text()
    expect(first).toContain('2 modifications en attente')
    expect(wrapper.get('[data-testid="sync-team-p1"] [data-testid="sync-team-error"]').text()).toContain('déconnecté')
    const second = wrapper.get('[data-testid="sync-team-p2"]').text()
    expect(second).toContain('Pas encore synchronisé.')
    expect(second).toContain('1 modification refusée par l\'équipe')
    expect(wrapper.find('[data-testid="sync-team-p2"] [data-testid="sync-team-error"]').exists()).toBe(false)
  })
})
