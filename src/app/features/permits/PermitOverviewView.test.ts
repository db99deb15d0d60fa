import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Authority, Permit, PermitStatus, ShootDay } from '../../../core/model'
import { addWorkingDays, calendarDateIn } from '../../../core/rules/workingDays'
import { newId } from '../../../core/sync/ids'
import { db } from '../../db/db'
import { repositoryFor } from '../records/repositories'
import PermitOverviewView from './PermitOverviewView.vue'
import { mountPermitPage } from './permitTestMount'

const today = calendarDateIn(Date.now())

async function create<T>(entity: 'authority' | 'shootDay' | 'permit', pid: string, input: Record<string, unknown>): Promise<T> {
  const result = await repositoryFor(entity).create(pid, input)
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.record as T
}

afterEach(async () => {
  document.body.innerHTML = ''
  await Promise.all(['authority', 'shootDay', 'permit'].map((entity) => db.records(entity as 'permit').clear()))
  await Promise.all([db.outbox.clear(), db.meta.clear()])
})

describe('PermitOverviewView', () => {
  it('lists late drafts first in red, then by working days left, undated drafts, and sent requests last', async () => {
    const pid = newId()
    const paris = await create<Authority>('authority', pid, { name: 'Paris Film', kind: 'cityHall', leadTime: 15, leadTimeUnit: 'workingDays' })
    let number = 0
    const dayIn = (workingDays: number) =>
      create<ShootDay>('shootDay', pid, { number: ++number, date: addWorkingDays(today, workingDays), dayType: 'normal' })
    const permit = async (title: string, status: PermitStatus, days: ShootDay[]) =>
      create<Permit>('permit', pid, { title, authorityId: paris.id, status, shootType: 'feature', shootDayIds: days.map((day) => day.id) })

    // 15 working days of lead time: a shoot 17 working days away must leave within 2, one 5 days away is 10 days late.
    const soon = await dayIn(5)
    const sent = await permit('A – déjà envoyée', 'sent', [soon])
    const far = await permit('B – large marge', 'draft', [await dayIn(60)])
    const late = await permit('C – en retard', 'draft', [await dayIn(40), soon])
    const urgent = await permit('D – urgente', 'draft', [await dayIn(17)])
    const undated = await permit('E – sans jour', 'draft', [])

    const wrapper = await mountPermitPage(PermitOverviewView, '/p/:pid/:view(permit-overview)', `/p/${pid}/permit-overview`)
    const order = () => wrapper.findAll('li[data-testid^="overview-"]').map((row) => row.attributes('data-testid'))
    await vi.waitFor(() => expect(order()).toHaveLength(5))
    expect(order()).toEqual([late, urgent, far, undated, sent].map((row) => `overview-${row.id}`))

    const row = (permit: Permit) => wrapper.get(`[data-testid="overview-${permit.id}"]`)
    expect(row(late).classes()).toContain('permit-row-late')
    expect(row(late).get('[data-testid="permit-countdown"]').text()).toBe('En retard de 10 jours ouvrés')
    expect(row(urgent).classes()).not.toContain('permit-row-late')
    expect(row(urgent).get('[data-testid="permit-countdown"]').text()).toBe('Urgent : J-2 ouvrés')
    expect(row(undated).text()).toContain('Aucun jour de tournage : date limite inconnue')
    // A request already sent has no countdown: it is no longer pressing.
    expect(row(sent).find('[data-testid="permit-countdown"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="overview-summary"]').text()).toBe('1 en retard · 1 urgente · 4 demandes à envoyer')
    wrapper.unmount()
  })
})
