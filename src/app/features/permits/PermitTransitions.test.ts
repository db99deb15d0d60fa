import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PERMIT_STATUSES, PERMIT_TRANSITIONS, type Permit, type PermitStatus } from '../../../core/model'
import type { PermitDeadline } from '../../../core/rules/permitOverview'
import { calendarDateIn } from '../../../core/rules/workingDays'
import { newId } from '../../../core/sync/ids'
import { db } from '../../db/db'
import { repositoryFor } from '../records/repositories'
import PermitTransitions from './PermitTransitions.vue'
import { mountPermitPage } from './permitTestMount'

const permits = repositoryFor<Permit>('permit')
const onTime: PermitDeadline = { firstShootDate: '2099-06-01', deadline: '2099-05-11', urgency: { daysLeft: 40, level: 'ok' }, missing: null }
const allReady = ['insuranceCertificate', 'plan'].map((kind) => ({ kind, label: '', done: true }))

async function stored(status: PermitStatus, documents: unknown[] = allReady): Promise<Permit> {
  const result = await permits.create(newId(), { title: 'Rue des Martyrs (J1)', authorityId: newId(), status, shootType: 'feature', documents })
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.record
}

const mountButtons = (permit: Permit, deadline: PermitDeadline = onTime) =>
  mountPermitPage(PermitTransitions, '/p/:pid/:view(permits)/:id', `/p/${permit.productionId}/permits/${permit.id}`, { permit, deadline })

const shown = (wrapper: Awaited<ReturnType<typeof mountButtons>>) =>
  wrapper.findAll('[data-testid^="transition-"]').filter((button) => button.element.tagName === 'BUTTON').map((button) => button.attributes('data-testid'))

// happy-dom has no window.confirm: each test that sends puts its own answer there.
const answerConfirm = (answer: boolean) => {
  const confirm = vi.fn((_message?: string) => answer)
  vi.stubGlobal('confirm', confirm)
  return confirm
}

afterEach(async () => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
  await Promise.all([db.records('permit').clear(), db.outbox.clear(), db.meta.clear()])
})

describe('PermitTransitions', () => {
  it.each(PERMIT_STATUSES.map((status) => [status]))('offers from "%s" only the statuses the workflow allows', async (status) => {
    const wrapper = await mountButtons(await stored(status))
    expect(shown(wrapper)).toEqual(PERMIT_TRANSITIONS[status].map((to) => `transition-${to}`))
    if (status === 'orderReceived') expect(wrapper.text()).toContain('le circuit de la demande est terminé')
    wrapper.unmount()
  })

  it('sends a draft: the status moves on the phone, dated today, with one permit.transition waiting to be pushed', async () => {
    const permit = await stored('draft')
    const confirm = answerConfirm(true)
    const wrapper = await mountButtons(permit)
    await wrapper.get('[data-testid="transition-sent"]').trigger('click')
    await vi.waitFor(async () => expect((await permits.get(permit.productionId, permit.id))?.status).toBe('sent'))
    expect((await permits.get(permit.productionId, permit.id))?.sentOn).toBe(calendarDateIn(Date.now()))
    // Nothing to warn about (on time, documents ready): no question asked.
    expect(confirm).not.toHaveBeenCalled()
    const entries = await db.outbox.toArray()
    expect(entries.at(-1)).toMatchObject({ name: 'permit.transition', args: { id: permit.id, from: 'draft', to: 'sent' } })
    wrapper.unmount()
  })

  it('says plainly that the deadline has passed and documents are missing before sending, and saves nothing if the user stops', async () => {
    const permit = await stored('draft', [{ kind: 'insuranceCertificate', label: '', done: false }])
    const late: PermitDeadline = { firstShootDate: '2020-01-10', deadline: '2019-12-18', urgency: { daysLeft: -3, level: 'late' }, missing: null }
    const confirm = answerConfirm(false)
    const outboxBefore = await db.outbox.count()
    const wrapper = await mountButtons(permit, late)
    await wrapper.get('[data-testid="transition-sent"]').trigger('click')
    await flushPromises()
    expect(confirm).toHaveBeenCalledOnce()
    const question = confirm.mock.calls[0]![0]!
    expect(question).toContain('Le délai de dépôt est dépassé de 3 jours ouvrés')
    expect(question).toContain('1 pièce à joindre n\'est pas prête.')
    expect((await permits.get(permit.productionId, permit.id))?.status).toBe('draft')
    expect(await db.outbox.count()).toBe(outboxBefore)
    wrapper.unmount()
  })

  it('reports a stale button (the status changed meanwhile) and writes nothing', async () => {
    const permit = await stored('draft')
    const wrapper = await mountButtons(permit)
    // Another tab (or a pull) has sent it since this page was drawn: the page still shows "Brouillon".
    await db.records('permit').update([permit.productionId, permit.id], { status: 'sent' })
    const outboxBefore = await db.outbox.count()
    await wrapper.get('[data-testid="transition-sent"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="transition-error"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="transition-error"]').text()).toBe(
      'Le statut de cette demande a changé entre-temps : rien n\'a été enregistré. Vérifiez le statut affiché, puis recommencez si besoin.',
    )
    expect((await permits.get(permit.productionId, permit.id))?.status).toBe('sent')
    expect(await db.outbox.count()).toBe(outboxBefore)
    wrapper.unmount()
  })
})
