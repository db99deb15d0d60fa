import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { encode } from 'uqr'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { db, type TeamLink } from '../../db/db'
import { i18n } from '../../i18n'
import type { SyncClient } from '../../sync/syncClient'
import JoinView from './JoinView.vue'
import TeamInvite from './TeamInvite.vue'
import { repositoryFor } from '../records/repositories'

const CODE = 'Xy12-ab_CDefGHij34klMNop'
const team: TeamLink = {
  productionId: 'prod-invite', serverUrl: '', token: 'owner-token', memberId: 'm1', sessionId: 's1', role: 'owner', cursor: 0, lastSyncAt: null, lastError: null,
}

afterEach(() => {
  vi.unstubAllGlobals()
  Reflect.deleteProperty(navigator, 'clipboard')
  document.body.innerHTML = ''
})

describe('TeamInvite', () => {
  it('shows the invite as a QR code of the link, the link, the code in groups, the role and the expiry, and copies the link', async () => {
    const createInvite = vi.fn(async () => ({ id: 'i1', code: CODE, link: `/join/${CODE}`, role: 'trainee', expiresAt: '2026-03-05T10:00:00.000Z', maxUses: 1 }))
    const writeText = vi.fn(async () => undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const wrapper = mount(TeamInvite, { props: { team, client: { createInvite } as unknown as SyncClient }, global: { plugins: [i18n, createPinia()] } })

    await wrapper.get('select[name="role"]').setValue('trainee')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(createInvite).toHaveBeenCalledWith('prod-invite', 'owner-token', 'trainee', 1)
    const link = `${window.location.origin}/join/${CODE}`
    expect(wrapper.get('[data-testid="invite-link"]').text()).toBe(link)
    expect(wrapper.get('[data-testid="invite-code"]').text()).toBe('Xy12 -ab_ CDef GHij 34kl MNop')
    expect(wrapper.text()).toContain('Invitation pour le rôle : Stagiaire')
    expect(wrapper.get('[data-testid="invite-uses"]').text()).toBe('Pour une personne')
    expect(wrapper.text()).toContain('Valable jusqu')

    // The SVG draws the QR code of exactly that link: one unit square per dark module.
    const qr = wrapper.get('[data-testid="invite-qr"]')
    const expected = encode(link, { ecc: 'M', border: 2 })
    expect(qr.attributes('viewBox')).toBe(`0 0 ${expected.size} ${expected.size}`)
    const darkModules = expected.data.flat().filter(Boolean).length
    expect(qr.get('path').attributes('d')!.match(/M/g)).toHaveLength(darkModules)

    await wrapper.get('[data-testid="copy-invite-link"]').trigger('click')
    await flushPromises()
    expect(writeText).toHaveBeenCalledWith(link)
  })

  it("uses the server's public address when it gives one, and warns when the link would only open on this computer", async () => {
    const answer = { id: 'i1', code: CODE, link: `/join/${CODE}`, role: 'member', expiresAt: '2026-03-05T10:00:00.000Z', maxUses: 1 }
    const mountWith = async (reply: typeof answer & { url?: string }) => {
      const client = { createInvite: vi.fn(async () => reply) } as unknown as SyncClient
      const wrapper = mount(TeamInvite, { props: { team, client }, global: { plugins: [i18n, createPinia()] } })
      await wrapper.get('form').trigger('submit')
      await flushPromises()
      return wrapper
    }
    const lan = await mountWith({ ...answer, url: `http://192.168.1.20:8080/join/${CODE}` })
    expect(lan.get('[data-testid="invite-link"]').text()).toBe(`http://192.168.1.20:8080/join/${CODE}`)
    expect(lan.find('[data-testid="invite-local-only"]').exists()).toBe(false)
    const local = await mountWith({ ...answer, url: `http://localhost:8080/join/${CODE}` })
    expect(local.get('[data-testid="invite-local-only"]').text()).toContain('localhost')
  })
})

describe('TeamInvite roles and crew links', () => {
  it("offers only the roles the inviter's role may hand out, and makes a crew link for a number of people", async () => {
    const createInvite = vi.fn(async (_pid: string, _token: string, role: string, maxUses: number) => ({
      id: 'i2', code: CODE, link: `/join/${CODE}`, role, expiresAt: '2026-03-05T10:00:00.000Z', maxUses,
    }))
    const coordinator = { ...team, role: 'coordinator' }
    const wrapper = mount(TeamInvite, { props: { team: coordinator, client: { createInvite } as unknown as SyncClient }, global: { plugins: [i18n, createPinia()] } })
    expect(wrapper.findAll('select[name="role"] option').map((option) => option.attributes('value'))).toEqual(['member', 'trainee', 'viewer'])
    await wrapper.get('[data-testid="invite-crew"]').setValue(true)
    await wrapper.get('[data-testid="invite-max-uses"]').setValue('80')
    expect(wrapper.text()).toContain('Entre 2 et 50 personnes.')
    expect((wrapper.get('[data-testid="create-invite"]').element as HTMLButtonElement).disabled).toBe(true)
    await wrapper.get('[data-testid="invite-max-uses"]').setValue('12')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(createInvite).toHaveBeenCalledWith('prod-invite', 'owner-token', 'member', 12)
    expect(wrapper.get('[data-testid="invite-uses"]').text()).toBe('Pour 12 personnes')
  })
})

describe('JoinView', () => {
  async function mountJoin(url: string) {
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/join/:code?', component: JoinView }, { path: '/recover', component: { template: '<p />' } }] })
    await router.push(url)
    await router.isReady()
    return mount(JoinView, { global: { plugins: [router, i18n, createPinia()] } })
  }

  it('takes the code from the opened link, shown in groups of four', async () => {
    serverWith({})
    const wrapper = await mountJoin(`/join/${CODE}`)
    expect((wrapper.get('input[name="code"]').element as HTMLInputElement).value).toBe('Xy12 -ab_ CDef GHij 34kl MNop')
  })

  /** Answers the invite preview as the server would: `answers` by code, 404 for any other. */
  function serverWith(answers: Record<string, { status: number; body: unknown }>) {
    const fetch = vi.fn(async (url: string) => {
      const code = decodeURIComponent(String(url).split('/api/v1/invites/')[1] ?? '')
      const answer = answers[code] ?? { status: 404, body: { error: 'invite_not_found' } }
      return { status: answer.status, json: async () => answer.body }
    })
    vi.stubGlobal('fetch', fetch)
    return fetch
  }
  const preview = { productionId: 'prod-joined', productionName: 'Les Heures Claires', kind: 'feature', role: 'member', expiresAt: '2026-03-05T10:00:00.000Z', usesLeft: 1, device: false }

  it('accepts the code typed by hand, with or without spaces, or the whole link pasted, and says when it is incomplete', async () => {
    serverWith({ [CODE]: { status: 200, body: preview } })
    const wrapper = await mountJoin('/join')
    await wrapper.get('input[name="displayName"]').setValue('Lou')
    const button = () => wrapper.get('[data-testid="join"]').element as HTMLButtonElement

    await wrapper.get('input[name="code"]').setValue('xy12 ab')
    expect(wrapper.get('[data-testid="join-code-help"]').text()).toContain("Ce n'est pas un code d'invitation complet")
    expect(button().disabled).toBe(true)

    await wrapper.get('input[name="code"]').setValue('Xy12 -ab_ CDef GHij 34kl MNop')
    expect(wrapper.get('[data-testid="join-code-help"]').text()).toContain('groupes de 4')
    await vi.waitFor(() => expect(wrapper.get('[data-testid="join-preview"]').text()).toContain('Les Heures Claires'))
    expect(wrapper.get('[data-testid="join-preview"]').text()).toContain('rôle : Membre')
    expect(button().disabled).toBe(false)

    await wrapper.get('input[name="code"]').setValue(`http://192.168.1.20:8080/join/${CODE}`)
    await vi.waitFor(() => expect(button().disabled).toBe(false))
  })

  it('says why an invite cannot be used: revoked, used up, expired or unknown', async () => {
    const codes = { revoked: 'Revoked-code-000001', used: 'Usedup-code-0000001', old: 'Expired-code-000001' }
    serverWith({
      [codes.revoked]: { status: 410, body: { error: 'invite_revoked' } },
      [codes.used]: { status: 410, body: { error: 'invite_exhausted' } },
      [codes.old]: { status: 410, body: { error: 'invite_expired' } },
    })
    const expectations: [string, string][] = [
      [codes.revoked, 'annulée par l\'équipe'], [codes.used, 'déjà servi'], [codes.old, 'a expiré'], ['Unknown-code-0000001', 'Invitation inconnue'],
    ]
    for (const [code, message] of expectations) {
      const wrapper = await mountJoin(`/join/${code}`)
      await vi.waitFor(() => expect(wrapper.get('[data-testid="join-refusal"]').text()).toContain(message))
      expect((wrapper.get('[data-testid="join"]').element as HTMLButtonElement).disabled).toBe(true)
    }
  })

  it('refuses an invite to a production id this phone already holds, naming it', async () => {
    serverWith({ [CODE]: { status: 200, body: { ...preview, productionId: 'prod-local' } } })
    await repositoryFor('production').create('', { name: 'Mon court-métrage', kind: 'short' }, 'prod-local')
    const wrapper = await mountJoin(`/join/${CODE}`)
    await wrapper.get('input[name="displayName"]').setValue('Lou')
    await vi.waitFor(() => expect(wrapper.get('[data-testid="join-clash"]').text()).toContain('« Mon court-métrage »'))
    expect((wrapper.get('[data-testid="join"]').element as HTMLButtonElement).disabled).toBe(true)
    await db.records('production').clear()
    await db.outbox.clear()
  })
})
