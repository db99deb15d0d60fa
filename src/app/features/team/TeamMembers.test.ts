import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { db, type TeamLink } from '../../db/db'
import { i18n } from '../../i18n'
import { SyncFailure, type SyncClient, type TeamMember } from '../../sync/syncClient'
import TeamMembers from './TeamMembers.vue'

const PID = 'prod-team-members'
const link = (fields: Partial<TeamLink> = {}): TeamLink => ({
  productionId: PID, serverUrl: '', token: 'owner-token', memberId: 'm-owner', sessionId: 's-owner-phone', role: 'owner',
  cursor: 0, lastSyncAt: null, lastError: null, ...fields,
})
const at = '2026-03-02T08:30:00.000Z'
const device = (id: string, label: string) => ({ id, label, createdAt: at, lastSeenAt: at })

const roster = (): TeamMember[] => [
  { id: 'm-owner', displayName: 'Camille', role: 'owner', createdAt: at, revokedAt: null, sessions: [device('s-owner-phone', 'iPhone · Safari'), device('s-owner-laptop', 'Mac · Firefox')] },
  { id: 'm-lou', displayName: 'Lou', role: 'coordinator', createdAt: at, revokedAt: null, sessions: [device('s-lou', 'Android · Chrome')] },
  { id: 'm-sam', displayName: 'Sam', role: 'member', createdAt: at, revokedAt: '2026-03-05T10:00:00.000Z', sessions: [] },
]

function fakeClient(members: TeamMember[] = roster()) {
  return {
    listMembers: vi.fn(async () => ({ members })),
    changeRole: vi.fn(async (_pid: string, _token: string, id: string, role: string) => ({ id, role })),
    revokeMember: vi.fn(async () => null),
    revokeSession: vi.fn(async () => null),
  }
}

async function mountMembers(team: TeamLink, client: ReturnType<typeof fakeClient>) {
  const wrapper = mount(TeamMembers, { props: { team, client: client as unknown as SyncClient }, global: { plugins: [i18n, createPinia()] } })
  await vi.waitFor(() => expect(wrapper.findAll('[data-testid="member"]').length).toBeGreaterThan(0))
  return wrapper
}

const answerConfirm = (answer: boolean) => {
  const confirm = vi.fn((_message?: string) => answer)
  vi.stubGlobal('confirm', confirm)
  return confirm
}
const card = (wrapper: Awaited<ReturnType<typeof mountMembers>>, memberId: string) => wrapper.get(`[data-member="${memberId}"]`)

afterEach(async () => {
  vi.unstubAllGlobals()
  await db.teams.clear()
})

describe('TeamMembers', () => {
  it('lists members with role and devices; the owner manages the others but not themselves, nor a removed member', async () => {
    const wrapper = await mountMembers(link(), fakeClient())
    const owner = card(wrapper, 'm-owner')
    expect(owner.text()).toContain('Vous')
    expect(owner.find('[data-testid="member-role"]').exists()).toBe(false)
    expect(owner.find('[data-testid="revoke-member"]').exists()).toBe(false)
    expect(owner.findAll('[data-testid="device"]').map((row) => row.text())).toEqual([
      expect.stringMatching(/^iPhone · Safari\s*Cet appareil.*Connecté le/), expect.stringContaining('Mac · Firefox'),
    ])

    const lou = card(wrapper, 'm-lou')
    expect((lou.get('[data-testid="member-role"]').element as HTMLSelectElement).value).toBe('coordinator')
    expect(lou.find('[data-testid="revoke-member"]').exists()).toBe(true)
    expect(lou.findAll('[data-testid="revoke-session"]')).toHaveLength(1)

    const sam = card(wrapper, 'm-sam')
    expect(sam.text()).toContain('Retiré')
    expect(sam.find('[data-testid="member-role"]').exists()).toBe(false)
    expect(sam.find('[data-testid="revoke-member"]').exists()).toBe(false)
  })

  it('changes a role after confirmation only, and reads the list again', async () => {
    const client = fakeClient()
    const wrapper = await mountMembers(link(), client)
    const select = card(wrapper, 'm-lou').get('[data-testid="member-role"]')

    const refuse = answerConfirm(false)
    await select.setValue('viewer')
    expect(refuse).toHaveBeenCalledWith('Donner à Lou le rôle « Lecture seule » ?')
    expect(client.changeRole).not.toHaveBeenCalled()
    expect((select.element as HTMLSelectElement).value).toBe('coordinator')

    answerConfirm(true)
    await select.setValue('member')
    await flushPromises()
    expect(client.changeRole).toHaveBeenCalledWith(PID, 'owner-token', 'm-lou', 'member', undefined)
    expect(client.listMembers).toHaveBeenCalledTimes(2)
  })

  it('removes a member and signs out one device, each after confirmation', async () => {
    const client = fakeClient()
    const wrapper = await mountMembers(link(), client)
    const confirm = answerConfirm(true)
    await card(wrapper, 'm-lou').get('[data-testid="revoke-member"]').trigger('click')
    await flushPromises()
    expect(confirm.mock.calls[0]![0]).toContain("Retirer Lou de l'équipe ?")
    expect(client.revokeMember).toHaveBeenCalledWith(PID, 'owner-token', 'm-lou', undefined)

    await card(wrapper, 'm-owner').findAll('[data-testid="revoke-session"]')[1]!.trigger('click')
    await flushPromises()
    expect(confirm.mock.calls[1]![0]).toContain('Déconnecter « Mac · Firefox » de Camille ?')
    expect(client.revokeSession).toHaveBeenCalledWith(PID, 'owner-token', 's-owner-laptop', undefined)

    await card(wrapper, 'm-owner').findAll('[data-testid="revoke-session"]')[0]!.trigger('click')
    expect(confirm.mock.calls[2]![0]).toContain('Déconnecter cet appareil-ci ?')
  })

  it("shows the server's refusal plainly", async () => {
    const client = fakeClient()
    client.revokeMember.mockRejectedValueOnce(new SyncFailure('unauthorized', 'forbidden', { error: 'forbidden' }))
    client.changeRole.mockRejectedValueOnce(new SyncFailure('rejected', 'last_owner', { error: 'last_owner' }))
    const wrapper = await mountMembers(link(), client)
    answerConfirm(true)
    await card(wrapper, 'm-lou').get('[data-testid="revoke-member"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="team-action-error"]').text()).toBe('Refusé par le serveur : votre rôle ne permet pas cette action.')
    await card(wrapper, 'm-lou').get('[data-testid="member-role"]').setValue('owner')
    await flushPromises()
    expect(wrapper.get('[data-testid="team-action-error"]').text()).toContain('une production garde toujours un propriétaire')
  })

  it('lets a coordinator sign out only their own devices, and follows a role the owner changed', async () => {
    const members = roster().map((member) => (member.id === 'm-lou' ? { ...member, role: 'member' } : { ...member, sessions: undefined }))
    const team = link({ memberId: 'm-lou', sessionId: 's-lou', role: 'coordinator', token: 'lou-token' })
    await db.teams.put(team)
    const wrapper = await mountMembers(team, fakeClient(members))
    expect(wrapper.findAll('[data-testid="member-role"]')).toHaveLength(0)
    expect(wrapper.findAll('[data-testid="revoke-member"]')).toHaveLength(0)
    expect(wrapper.findAll('[data-testid="revoke-session"]')).toHaveLength(1)
    expect(card(wrapper, 'm-lou').text()).toContain('Cet appareil')
    await vi.waitFor(async () => expect((await db.teams.get(PID))!.role).toBe('member'))
  })

  it('asks for the recovery code when the action touches another owner, and sends it with the same action', async () => {
    const client = fakeClient(roster().map((member) => (member.id === 'm-lou' ? { ...member, role: 'owner' } : member)))
    client.revokeMember.mockRejectedValueOnce(new SyncFailure('unauthorized', 'recovery_code_required', { error: 'recovery_code_required' }))
    const wrapper = await mountMembers(link(), client)
    answerConfirm(true)
    const prompt = vi.fn(() => ' abcde-fghjk ')
    vi.stubGlobal('prompt', prompt)
    await card(wrapper, 'm-lou').get('[data-testid="revoke-member"]').trigger('click')
    await flushPromises()
    expect(prompt).toHaveBeenCalledWith(expect.stringContaining('code de secours'))
    expect(client.revokeMember.mock.calls).toEqual([[PID, 'owner-token', 'm-lou', undefined], [PID, 'owner-token', 'm-lou', 'ABCDE-FGHJK']])
    expect(wrapper.find('[data-testid="team-action-error"]').exists()).toBe(false)
  })

  it('says when the server cannot be reached', async () => {
    const client = fakeClient()
    client.listMembers.mockRejectedValueOnce(new SyncFailure('offline', 'timeout'))
    const wrapper = mount(TeamMembers, { props: { team: link(), client: client as unknown as SyncClient }, global: { plugins: [i18n, createPinia()] } })
    await vi.waitFor(() => expect(wrapper.find('[data-testid="members-error"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="members-error"]').text()).toContain('Serveur injoignable')
    await wrapper.get('[data-testid="reload-members"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="member"]')).toHaveLength(3))
    expect(wrapper.find('[data-testid="members-error"]').exists()).toBe(false)
  })
})
