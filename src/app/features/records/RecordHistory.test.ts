import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { HistoryResponse } from '../../../core/sync/history'
import { db } from '../../db/db'
import { i18n } from '../../i18n'
import RecordHistory from './RecordHistory.vue'

const PID = 'prod-record-history'
const team = { productionId: PID, serverUrl: '', token: 'token-of-this-phone-abcdef', memberId: 'm1', sessionId: 's1', role: 'member', cursor: 0, lastSyncAt: null, lastError: null }

const answer: HistoryResponse = {
  truncated: false,
  entries: [
    { at: '2026-03-02T10:05:00.000Z', author: 'Sami', op: 'patch', fields: { name: 'Cave du bar', status: 'scouted' }, overwritten: [], status: 'applied' },
    { at: '2026-03-02T10:04:00.000Z', author: 'Camille', op: 'patch', fields: { name: 'Cave (AD)', parking: 'Rue Mouffetard' }, overwritten: ['name'], status: 'applied' },
    { at: '2026-03-02T10:03:00.000Z', author: 'Léa', op: 'patch', fields: { name: 'Nom du viewer' }, overwritten: [], status: 'rejected', reason: 'forbidden' },
  ],
}

/** The history card of a record in a team production, the server answering `answer`, once its entries show. */
async function loadedHistory(entity: 'placement' | 'permit', recordId: string, answer: HistoryResponse) {
  await db.teams.put(team)
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } })))
  const wrapper = mount(RecordHistory, { props: { productionId: PID, entity, recordId, refs: () => undefined }, global: { plugins: [i18n, createPinia()] } })
  await vi.waitFor(() => expect(wrapper.find('[data-testid="history-load"]').exists()).toBe(true))
  await wrapper.get('[data-testid="history-load"]').trigger('click')
  await vi.waitFor(() => expect(wrapper.findAll('[data-testid="history-entry"]')).toHaveLength(answer.entries.length))
  return wrapper
}

function mountHistory() {
  return mount(RecordHistory, {
    props: { productionId: PID, entity: 'location', recordId: 'loc-1', refs: () => undefined },
    global: { plugins: [i18n, createPinia()] },
  })
}

afterEach(async () => {
  vi.unstubAllGlobals()
  await db.teams.clear()
})

describe('RecordHistory', () => {
  it('is absent from a production that is not shared with a team', async () => {
    const wrapper = mountHistory()
    await flushPromises()
    expect(wrapper.find('[data-testid="record-history"]').exists()).toBe(false)
  })

  it('reads the history with the team session on demand: authors, labelled values, overwritten values and refusals', async () => {
    await db.teams.put(team)
    const fetcher = vi.fn(async () => new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } }))
    vi.stubGlobal('fetch', fetcher)
    const wrapper = mountHistory()
    await vi.waitFor(() => expect(wrapper.find('[data-testid="history-load"]').exists()).toBe(true))
    expect(fetcher).not.toHaveBeenCalled()

    await wrapper.get('[data-testid="history-load"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="history-entry"]')).toHaveLength(3))
    expect(fetcher).toHaveBeenCalledWith(`/api/v1/productions/${PID}/history/location/loc-1`, expect.objectContaining({ headers: { authorization: `Bearer ${team.token}` } }))
    const [latest, lost, refused] = wrapper.findAll('[data-testid="history-entry"]')
    expect(latest!.text()).toContain('Sami')
    // Field labels and option labels as the forms show them.
    expect(latest!.get('[data-field="status"]').text()).toBe('Repéré')
    expect(latest!.find('[data-testid="history-overwritten"]').exists()).toBe(false)
    expect(lost!.get('[data-field="name"]').text()).toContain('Cave (AD)')
    expect(lost!.get('[data-field="name"] [data-testid="history-overwritten"]').text()).toBe('écartée')
    expect(lost!.get('[data-field="parking"]').find('[data-testid="history-overwritten"]').exists()).toBe(false)
    expect(refused!.get('[data-testid="history-rejected"]').text()).toContain('votre rôle ne permet pas')
  })

  it('shows a vehicle moved: its position to the micro-degree, its heading and street reading, the lost one struck', async () => {
    const moves: HistoryResponse = {
      truncated: false,
      entries: [
        { at: '2026-03-02T10:05:00.000Z', author: 'Camille', op: 'move', fields: { lat: 48.875094016552325, lng: 2.331960797309876, heading: 90, street: 'Rue de Mogador' }, overwritten: [], status: 'applied' },
        { at: '2026-03-02T10:04:00.000Z', author: 'Sami', op: 'move', fields: { lat: 48.8752007426375, lng: 2.3317998647689824, heading: 180 }, overwritten: ['lat', 'lng', 'heading'], status: 'applied' },
      ],
    }
    const wrapper = await loadedHistory('placement', 'pl-1', moves)
    const [latest, lost] = wrapper.findAll('[data-testid="history-entry"]')
    expect(latest!.text()).toContain('a déplacé le véhicule')
    expect(latest!.get('[data-field="lat"]').text()).toBe('48.875094')
    expect(latest!.get('[data-field="street"]').text()).toBe('Rue de Mogador')
    expect(lost!.get('[data-field="heading"]').text()).toContain('180')
    expect(lost!.findAll('[data-testid="history-overwritten"]')).toHaveLength(3)
  })

  it('lists the checklist lines a change wrote, those it removed marked removed', async () => {
    const change: HistoryResponse = {
      truncated: false,
      entries: [{
        at: '2026-03-02T10:05:00.000Z', author: 'Sami', op: 'patch', overwritten: [], status: 'applied',
        fields: { documents: [{ id: 'syndic', kind: 'other', label: 'Accord du syndic', done: false }, { id: 'kbis', kind: 'kbis', label: '', done: false, removed: true }] },
      }],
    }
    const wrapper = await loadedHistory('permit', 'pm-1', change)
    const [added, removed] = wrapper.findAll('[data-field="documents"] li')
    expect(added!.text()).toContain('Accord du syndic')
    expect(added!.find('[data-testid="line-removed"]').exists()).toBe(false)
    expect(removed!.text()).toContain('Extrait Kbis')
    expect(removed!.get('[data-testid="line-removed"]').text()).toBe('retirée')
  })

  it('says the history needs the network when the server cannot be reached', async () => {
    await db.teams.put(team)
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    }))
    const wrapper = mountHistory()
    await vi.waitFor(() => expect(wrapper.find('[data-testid="history-load"]').exists()).toBe(true))
    await wrapper.get('[data-testid="history-load"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="history-error"]').text()).toContain('il faut du réseau'))
  })
})
