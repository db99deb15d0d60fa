import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { encode } from 'uqr'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { TeamLink } from '../../db/db'
import { i18n } from '../../i18n'
import type { SyncClient } from '../../sync/syncClient'
import JoinView from './JoinView.vue'
import TeamInvite from './TeamInvite.vue'

const CODE = 'Xy12-ab_CDefGHij34klMNop'
const team: TeamLink = {
  productionId: 'prod-invite', serverUrl: '', token: 'owner-token', memberId: 'm1', sessionId: 's1', role: 'owner', cursor: 0, lastSyncAt: null, lastError: null,
}

afterEach(() => {
  Reflect.deleteProperty(navigator, 'clipboard')
  document.body.innerHTML = ''
})

describe('TeamInvite', () => {
  it('shows the invite as a QR code of the link, the link, the code in groups, the role and the expiry, and copies the link', async () => {
    const createInvite = vi.fn(async () => ({ code: CODE, link: `/join/${CODE}`, role: 'trainee', expiresAt: '2026-03-05T10:00:00.000Z' }))
    const writeText = vi.fn(async () => undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const wrapper = mount(TeamInvite, { props: { team, client: { createInvite } as unknown as SyncClient }, global: { plugins: [i18n, createPinia()] } })

    await wrapper.get('select[name="role"]').setValue('trainee')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(createInvite).toHaveBeenCalledWith('prod-invite', 'owner-token', 'trainee')
    const link = `${window.location.origin}/join/${CODE}`
    expect(wrapper.get('[data-testid="invite-link"]').text()).toBe(link)
    expect(wrapper.get('[data-testid="invite-code"]').text()).toBe('Xy12 -ab_ CDef GHij 34kl MNop')
    expect(wrapper.text()).toContain('Invitation pour le rôle : Stagiaire')
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
    const answer = { code: CODE, link: `/join/${CODE}`, role: 'member', expiresAt: '2026-03-05T10:00:00.000Z' }
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

describe('JoinView', () => {
  async function mountJoin(url: string) {
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/join/:code?', component: JoinView }] })
    await router.push(url)
    await router.isReady()
    return mount(JoinView, { global: { plugins: [router, i18n, createPinia()] } })
  }

  it('takes the code from the opened link, shown in groups of four', async () => {
    const wrapper = await mountJoin(`/join/${CODE}`)
    expect((wrapper.get('input[name="code"]').element as HTMLInputElement).value).toBe('Xy12 -ab_ CDef GHij 34kl MNop')
  })

  it('accepts the code typed by hand, with or without spaces, or the whole link pasted, and says when it is incomplete', async () => {
    const wrapper = await mountJoin('/join')
    await wrapper.get('input[name="displayName"]').setValue('Lou')
    const button = () => wrapper.get('[data-testid="join"]').element as HTMLButtonElement

    await wrapper.get('input[name="code"]').setValue('xy12 ab')
    expect(wrapper.get('[data-testid="join-code-help"]').text()).toContain("Ce n'est pas un code d'invitation complet")
    expect(button().disabled).toBe(true)

    await wrapper.get('input[name="code"]').setValue('Xy12 -ab_ CDef GHij 34kl MNop')
    expect(wrapper.get('[data-testid="join-code-help"]').text()).toContain('groupes de 4')
    expect(button().disabled).toBe(false)

    await wrapper.get('input[name="code"]').setValue(`http://192.168.1.20:8080/join/${CODE}`)
    expect(button().disabled).toBe(false)
  })
})
