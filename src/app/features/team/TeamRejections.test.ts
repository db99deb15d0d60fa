import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { BaseRecord } from '../../../core/model'
import { newId } from '../../../core/sync/ids'
import type { MutationArgs, MutationName } from '../../../core/sync/mutations'
import { db } from '../../db/db'
import { i18n } from '../../i18n'
import TeamRejections from './TeamRejections.vue'

const PID = 'prod-team-rejections'

const decor = (fields: Record<string, unknown> = {}): BaseRecord => ({
  id: newId(), productionId: PID, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', deletedAt: null,
  name: 'Cave du bar', intExt: 'INT', setting: 'natural', status: 'toScout', ...fields,
})

async function refused(name: MutationName, args: MutationArgs, reason: string, mutationId = 4) {
  await db.rejections.put({ productionId: PID, mutationId, name, args, reason, createdAt: new Date().toISOString() })
}

async function mountList() {
  const wrapper = mount(TeamRejections, { props: { productionId: PID }, global: { plugins: [i18n, createPinia()] }, attachTo: document.body })
  await vi.waitFor(() => expect(wrapper.find('[data-testid="rejection"]').exists()).toBe(true))
  await vi.waitFor(() => expect(wrapper.find('[data-testid="restore-rejection"], [data-testid="restore-none"]').exists()).toBe(true))
  return wrapper
}

afterEach(async () => {
  document.body.innerHTML = ''
  await Promise.all([db.records('location').clear(), db.records('permit').clear(), db.outbox.clear(), db.meta.clear(), db.rejections.clear(), db.teams.clear()])
})

describe('TeamRejections: restore or discard a refused change', () => {
  it('shows what "Rétablir ma version" will write, writes it as a new change on confirmation, and removes the refusal', async () => {
    const record = decor({ name: "Nom de l'équipe", status: 'scouted' })
    await db.records('location').put(record)
    await refused('location.patch', { id: record.id, fields: { name: 'Mon nom', status: 'scouted' } }, 'forbidden')
    const wrapper = await mountList()
    expect(wrapper.text()).toContain('votre rôle ne permet pas')

    await wrapper.get('[data-testid="restore-rejection"]').trigger('click')
    const plan = wrapper.get('[data-testid="restore-plan"]')
    expect(plan.text()).toContain('Sera écrit sur la fiche')
    // Only the field that differs now, the team's value struck through before the author's.
    expect(plan.findAll('dd').map((dd) => dd.attributes('data-field'))).toEqual(['name'])
    expect(plan.get('[data-testid="value-before"]').text()).toBe("Nom de l'équipe")
    expect(plan.get('[data-testid="value-after"]').text()).toBe('Mon nom')
    expect(await db.outbox.count()).toBe(0)

    await plan.get('[data-testid="confirm-restore"]').trigger('click')
    await vi.waitFor(async () => expect(await db.rejections.count()).toBe(0))
    expect(await db.outbox.toArray()).toEqual([expect.objectContaining({ name: 'location.patch', args: { id: record.id, fields: { name: 'Mon nom' } } })])
    expect((await db.records('location').get([record.productionId, record.id]))!.name).toBe('Mon nom')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="rejection"]').exists()).toBe(false))
    wrapper.unmount()
  })

  it('writes nothing when the author cancels', async () => {
    const record = decor()
    await db.records('location').put(record)
    await refused('location.patch', { id: record.id, fields: { name: 'Mon nom' } }, 'forbidden')
    const wrapper = await mountList()
    await wrapper.get('[data-testid="restore-rejection"]').trigger('click')
    await wrapper.get('[data-testid="cancel-restore"]').trigger('click')
    expect(wrapper.find('[data-testid="restore-plan"]').exists()).toBe(false)
    expect(await db.outbox.count()).toBe(0)
    expect(await db.rejections.count()).toBe(1)
    wrapper.unmount()
  })

  it('says when the team deleted the record and recreates it as a new record with the refused values', async () => {
    const record = decor({ city: 'Pantin' })
    await db.records('location').put({ ...record, deletedAt: '2026-02-01T10:00:00.000Z' })
    await refused('location.patch', { id: record.id, fields: { name: 'Cave refaite' } }, 'deleted')
    const wrapper = await mountList()
    expect(wrapper.get('[data-testid="restore-deleted"]').text()).toContain("L'équipe a supprimé cette fiche")
    expect(wrapper.get('[data-testid="restore-rejection"]').text()).toBe('Recréer comme nouvelle fiche')

    await wrapper.get('[data-testid="restore-rejection"]').trigger('click')
    const plan = wrapper.get('[data-testid="restore-plan"]')
    expect(plan.text()).toContain('Une nouvelle fiche sera créée')
    expect(plan.get('[data-field="name"]').text()).toBe('Cave refaite')
    expect(plan.get('[data-field="city"]').text()).toBe('Pantin')
    await plan.get('[data-testid="confirm-restore"]').trigger('click')
    await vi.waitFor(async () => expect(await db.rejections.count()).toBe(0))

    const live = (await db.records('location').toArray()).filter((row) => !row.deletedAt)
    expect(live).toEqual([expect.objectContaining({ name: 'Cave refaite', city: 'Pantin', productionId: PID })])
    expect(live[0]!.id).not.toBe(record.id)
    wrapper.unmount()
  })

  it('explains why a refused permit transition cannot be restored and offers only to dismiss it', async () => {
    await refused('permit.transition', { id: newId(), from: 'draft', to: 'sent' }, 'stale_transition')
    const wrapper = await mountList()
    expect(wrapper.get('[data-testid="restore-none"]').text()).toContain('le statut de la demande a changé entre-temps')
    expect(wrapper.find('[data-testid="restore-rejection"]').exists()).toBe(false)
    await wrapper.get('[data-testid="dismiss-rejection"]').trigger('click')
    await vi.waitFor(async () => expect(await db.rejections.count()).toBe(0))
    await flushPromises()
    expect(await db.outbox.count()).toBe(0)
    wrapper.unmount()
  })

  it('offers no restore to a viewer, who can write nothing, and says what to do', async () => {
    await db.teams.put({ productionId: PID, serverUrl: '', token: 't', memberId: 'm', sessionId: 's', role: 'viewer', cursor: 0, lastSyncAt: null, lastError: null })
    const record = decor()
    await db.records('location').put(record)
    await refused('location.patch', { id: record.id, fields: { name: 'Mon nom' } }, 'forbidden')
    const wrapper = await mountList()
    await vi.waitFor(() => expect(wrapper.find('[data-testid="restore-rejection"]').exists()).toBe(false))
    expect(wrapper.get('[data-testid="restore-none"]').text()).toContain('Votre rôle (lecture seule) ne permet aucune modification')
    expect(wrapper.find('[data-testid="dismiss-rejection"]').exists()).toBe(true)
    wrapper.unmount()
  })
})
