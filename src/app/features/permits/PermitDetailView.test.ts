import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Authority, Permit, Placement, ShootDay, Vehicle } from '../../../core/model'
import { newId } from '../../../core/sync/ids'
import { db } from '../../db/db'
import { repositoryFor } from '../records/repositories'
import PermitDetailView from './PermitDetailView.vue'
import { mountPermitPage } from './permitTestMount'

afterEach(async () => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
  await Promise.all(['authority', 'permit', 'shootDay', 'vehicle', 'placement'].map((entity) => db.records(entity as 'permit').clear()))
  await Promise.all([db.outbox.clear(), db.meta.clear(), db.teams.clear()])
})

async function seed() {
  const pid = newId()
  const authority = await repositoryFor<Authority>('authority').create(pid, { name: 'Paris Film', kind: 'cityHall', leadTime: 15, leadTimeUnit: 'workingDays' })
  if (!authority.ok) throw new Error('authority')
  const permit = await repositoryFor<Permit>('permit').create(pid, { title: 'Rue des Martyrs', authorityId: authority.record.id, status: 'draft', shootType: 'feature' })
  if (!permit.ok) throw new Error('permit')
  return { pid, id: permit.record.id }
}

const team = (productionId: string, role: string) =>
  ({ productionId, serverUrl: '', token: 'token-of-this-phone-abcdef', memberId: 'm1', sessionId: 's1', role, cursor: 0, lastSyncAt: null, lastError: null })

describe('PermitDetailView', () => {
  it('shows the request\'s history in a team production, read from the server', async () => {
    const { pid, id } = await seed()
    await db.teams.put(team(pid, 'member'))
    const history = {
      truncated: false,
      entries: [{ at: '2026-03-02T10:04:00.000Z', author: 'Sami', op: 'patch', fields: { reference: 'PF-42' }, overwritten: ['reference'], status: 'applied' }],
    }
    const fetcher = vi.fn(async () => new Response(JSON.stringify(history), { status: 200, headers: { 'content-type': 'application/json' } }))
    vi.stubGlobal('fetch', fetcher)
    const wrapper = await mountPermitPage(PermitDetailView, '/p/:pid/:view(permits)/:id', `/p/${pid}/permits/${id}`)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="history-load"]').exists()).toBe(true))
    expect(wrapper.find('[data-testid="edit"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="transition-sent"]').exists()).toBe(true)
    await wrapper.get('[data-testid="history-load"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="history-entry"]')).toHaveLength(1))
    expect(fetcher).toHaveBeenCalledWith(`/api/v1/productions/${pid}/history/permit/${id}`, expect.anything())
    expect(wrapper.get('[data-testid="history-entry"]').text()).toContain('PF-42')
    wrapper.unmount()
  })

  it('counts the vehicle plan ready once a day of the request has vehicles placed, and says which days', async () => {
    const { pid, id } = await seed()
    const day = await repositoryFor<ShootDay>('shootDay').create(pid, { number: 3, date: '2099-03-08', dayType: 'normal', locationIds: [] })
    const van = await repositoryFor<Vehicle>('vehicle').create(pid, { name: 'Camion caméra', kind: 'van', lengthM: 7.5, widthM: 2.4 })
    if (!day.ok || !van.ok) throw new Error('fixtures')
    expect(await repositoryFor<Permit>('permit').update(pid, id, { shootDayIds: [day.record.id] })).toMatchObject({ ok: true })
    const wrapper = await mountPermitPage(PermitDetailView, '/p/:pid/:view(permits)/:id', `/p/${pid}/permits/${id}`)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="permit-documents"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="permit-documents"]').text()).toContain('0 prête(s) sur 5')
    expect(wrapper.find('[data-testid="document-plans-joined"]').exists()).toBe(false)

    await repositoryFor<Placement>('placement').create(pid, { vehicleId: van.record.id, shootDayId: day.record.id, lat: 48.88, lng: 2.34, heading: 90 })
    await vi.waitFor(() => expect(wrapper.get('[data-testid="permit-documents"]').text()).toContain('1 prête(s) sur 5'))
    expect(wrapper.get('[data-testid="document-plans-joined"]').text()).toContain('plan de J3')
    wrapper.unmount()
  })

  it('gives a viewer no edit or delete button', async () => {
    const { pid, id } = await seed()
    await db.teams.put(team(pid, 'viewer'))
    const wrapper = await mountPermitPage(PermitDetailView, '/p/:pid/:view(permits)/:id', `/p/${pid}/permits/${id}`)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="history-load"]').exists()).toBe(true))
    expect(wrapper.find('[data-testid="edit"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="delete"]').exists()).toBe(false)
    // Nor any way to move the request or its checklist.
    expect(wrapper.find('[data-testid^="transition-"]').exists()).toBe(false)
    const boxes = wrapper.findAll('[data-testid="permit-documents"] input[type="checkbox"]')
    expect(boxes).toHaveLength(5)
    expect(boxes.every((box) => box.attributes('disabled') !== undefined)).toBe(true)
    expect(wrapper.find('.permit-document-attach').exists()).toBe(false)
    wrapper.unmount()
  })
})
