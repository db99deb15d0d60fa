import type { FastifyInstance } from 'fastify'
import { describe, expect, it } from 'vitest'
import { buildServer } from '../app'
import { ACCESS_HEADERS, TEST_ACCESS_CODE } from '../testAccessCode'
import { NO_DIST, useTestApp } from '../testApp'
import { createSqliteStore, postgresStoreFactory, type CreateTestStore, type TestStore } from '../testDatabases'

interface Session { productionId: string; token: string; memberId: string; sessionId: string; role: string; recoveryCode?: string }
interface MemberRow { id: string; displayName: string; role: string; revokedAt: string | null; sessions?: { id: string; label: string; createdAt: string; lastSeenAt: string }[] }

function teamSuite(createStore: CreateTestStore) {
  let store: TestStore
  let app: FastifyInstance
  useTestApp(createStore, (opened) => ({ store, app } = opened))

  const auth = (token: string) => ({ authorization: `Bearer ${token}` })
  const status = (response: { statusCode: number; json(): { error?: string } }) => [response.statusCode, response.json().error]

  async function createProduction(body: Record<string, unknown> = {}): Promise<Session> {
    const response = await app.inject({
      method: 'POST', url: '/api/v1/productions', headers: ACCESS_HEADERS, payload: { name: 'Les Heures Claires', displayName: 'Camille', deviceLabel: 'Android · Chrome', ...body },
    })
    expect(response.statusCode).toBe(201)
    return response.json()
  }

  const invite = (caller: Session, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: `/api/v1/productions/${caller.productionId}/invites`, headers: auth(caller.token), payload })
  const accept = (code: string, displayName = 'Sam', deviceLabel?: string) =>
    app.inject({ method: 'POST', url: `/api/v1/invites/${code}/accept`, payload: { displayName, ...(deviceLabel && { deviceLabel }) } })

  async function join(owner: Session, role: string, displayName: string, deviceLabel?: string): Promise<Session> {
    const accepted = await accept((await invite(owner, { role })).json().code, displayName, deviceLabel)
    expect(accepted.statusCode).toBe(201)
    return { ...accepted.json(), productionId: owner.productionId }
  }

  async function members(caller: Session): Promise<MemberRow[]> {
    const response = await app.inject({ method: 'GET', url: `/api/v1/productions/${caller.productionId}/members`, headers: auth(caller.token) })
    expect(response.statusCode).toBe(200)
    return response.json().members
  }

  const withCode = (caller: Session, code?: string) => ({ ...auth(caller.token), ...(code && { 'x-regie-recovery-code': code }) })
  const patchRole = (caller: Session, memberId: string, role: string, recoveryCode?: string) =>
    app.inject({ method: 'PATCH', url: `/api/v1/productions/${caller.productionId}/members/${memberId}`, headers: withCode(caller, recoveryCode), payload: { role } })
  const revokeMember = (caller: Session, memberId: string, recoveryCode?: string) =>
    app.inject({ method: 'DELETE', url: `/api/v1/productions/${caller.productionId}/members/${memberId}`, headers: withCode(caller, recoveryCode) })
  const revokeSession = (caller: Session, sessionId: string, recoveryCode?: string) =>
    app.inject({ method: 'DELETE', url: `/api/v1/productions/${caller.productionId}/sessions/${sessionId}`, headers: withCode(caller, recoveryCode) })
  const pullAs = (caller: Session) => app.inject({ method: 'GET', url: `/api/v1/productions/${caller.productionId}/pull?clientId=phone-0001`, headers: auth(caller.token) })

  describe('the access code', () => {
    it('is needed to create a production; a wrong or missing one is refused with its reason', async () => {
      const payload = { name: 'Squat' }
      const missing = await app.inject({ method: 'POST', url: '/api/v1/productions', payload })
      expect(status(missing)).toEqual([401, 'access_code_required'])
      const wrong = await app.inject({ method: 'POST', url: '/api/v1/productions', headers: { 'x-regie-access-code': 'NOT-THE-CODE-00' }, payload })
      expect(status(wrong)).toEqual([401, 'access_code_invalid'])
      // Spaces and case do not matter: the code is read off a terminal and typed on a phone.
      const typed = await app.inject({ method: 'POST', url: '/api/v1/productions', headers: { 'x-regie-access-code': ` ${TEST_ACCESS_CODE.toLowerCase()} ` }, payload })
      expect(typed.statusCode).toBe(201)
      expect(typed.json()).toMatchObject({ role: 'owner', recoveryCode: expect.stringMatching(/^([A-Z2-9]{5}-){5}[A-Z2-9]{5}$/), epoch: expect.any(String) })
    })

    it("refuses a production id that is taken, so nobody joins a stranger's production by its id", async () => {
      const first = await createProduction({ id: 'prod-0000-0001' })
      const squat = await app.inject({ method: 'POST', url: '/api/v1/productions', headers: ACCESS_HEADERS, payload: { id: first.productionId, name: 'Squat' } })
      expect(status(squat)).toEqual([409, 'production_exists'])
      expect((await members(first)).map((member) => member.displayName)).toEqual(['Camille'])
    })
  })

  describe('invites', () => {
    it('let one person in by default; a crew link as many as it was made for; then 410 with the reason', async () => {
      const owner = await createProduction()
      const single = (await invite(owner, { role: 'member' })).json()
      expect(single).toMatchObject({ maxUses: 1, role: 'member' })
      expect((await accept(single.code, 'Sam')).statusCode).toBe(201)
      expect(status(await accept(single.code, 'Intruder'))).toEqual([410, 'invite_exhausted'])

      const crew = (await invite(owner, { role: 'viewer', maxUses: 3 })).json()
      for (const name of ['A', 'B', 'C']) expect((await accept(crew.code, name)).statusCode).toBe(201)
      expect(status(await accept(crew.code, 'D'))).toEqual([410, 'invite_exhausted'])
      expect((await invite(owner, { role: 'viewer', maxUses: 51 })).statusCode).toBe(400)
      expect((await members(owner)).map((member) => member.displayName)).toEqual(['Camille', 'Sam', 'A', 'B', 'C'])
    })

    it('give the last use to one of two people accepting at once', async () => {
      const owner = await createProduction()
      const { code } = (await invite(owner, { role: 'member' })).json()
      const answers = await Promise.all([accept(code, 'Sam'), accept(code, 'Lou'), accept(code, 'Ines')])
      expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 410, 410])
      expect(await members(owner)).toHaveLength(2)
    })

    it('are listed to owners and coordinators with uses left, revoked by id, and say when expired or revoked', async () => {
      const owner = await createProduction()
      const lou = await join(owner, 'coordinator', 'Lou')
      const sam = await join(owner, 'member', 'Sam')
      const crew = (await invite(lou, { role: 'member', maxUses: 5 })).json()
      await accept(crew.code, 'A')
      const late = (await invite(owner, { role: 'viewer', expiresInHours: 1 })).json()

      const listed = await app.inject({ method: 'GET', url: `/api/v1/productions/${owner.productionId}/invites`, headers: auth(lou.token) })
      expect(listed.json().invites).toEqual([
        { id: late.id, role: 'viewer', createdBy: 'Camille', createdAt: expect.any(String), expiresAt: late.expiresAt, maxUses: 1, usesLeft: 1, device: false },
        { id: crew.id, role: 'member', createdBy: 'Lou', createdAt: expect.any(String), expiresAt: crew.expiresAt, maxUses: 5, usesLeft: 4, device: false },
      ])
      expect(status(await app.inject({ method: 'GET', url: `/api/v1/productions/${owner.productionId}/invites`, headers: auth(sam.token) }))).toEqual([403, 'forbidden'])

      const preview = await app.inject({ method: 'GET', url: `/api/v1/invites/${crew.code}` })
      expect(preview.json()).toMatchObject({ productionId: owner.productionId, productionName: 'Les Heures Claires', role: 'member', usesLeft: 4 })

      expect(status(await app.inject({ method: 'DELETE', url: `/api/v1/productions/${owner.productionId}/invites/${crew.id}`, headers: auth(sam.token) }))).toEqual([403, 'forbidden'])
      expect((await app.inject({ method: 'DELETE', url: `/api/v1/productions/${owner.productionId}/invites/${crew.id}`, headers: auth(lou.token) })).statusCode).toBe(204)
      expect(status(await accept(crew.code, 'B'))).toEqual([410, 'invite_revoked'])
      expect(status(await app.inject({ method: 'GET', url: `/api/v1/invites/${crew.code}` }))).toEqual([410, 'invite_revoked'])

      const { db } = store.open()
      await db.updateTable('invites').set({ expires_at: '2020-01-01T00:00:00.000Z' }).where('id', '=', late.id).execute()
      expect(status(await accept(late.code, 'C'))).toEqual([410, 'invite_expired'])
      expect(status(await accept('no-such-invite-code-at-all', 'C'))).toEqual([404, 'invite_not_found'])
      const remaining = await app.inject({ method: 'GET', url: `/api/v1/productions/${owner.productionId}/invites`, headers: auth(owner.token) })
      expect(remaining.json().invites).toEqual([])
    })

    it('follow the shared role rules: a coordinator hands out only the roles below theirs, nobody invites an owner', async () => {
      const owner = await createProduction()
      const lou = await join(owner, 'coordinator', 'Lou')
      const sam = await join(owner, 'member', 'Sam')
      expect(status(await invite(lou, { role: 'coordinator' }))).toEqual([403, 'forbidden'])
      expect((await invite(lou, { role: 'trainee' })).statusCode).toBe(201)
      expect(status(await invite(owner, { role: 'owner' }))).toEqual([403, 'forbidden'])
      expect(status(await invite(sam, { role: 'viewer' }))).toEqual([403, 'forbidden'])
    })

    it('answer with a full link on the public address when the server has one', async () => {
      const owner = await createProduction()
      expect((await invite(owner, { role: 'member' })).json()).not.toHaveProperty('url')
      const { db, dialect } = store.open()
      const publicApp = await buildServer({ db, dialect, accessCode: TEST_ACCESS_CODE, distDir: NO_DIST, publicUrl: 'http://192.168.1.20:8080' })
      try {
        const made = await publicApp.inject({ method: 'POST', url: `/api/v1/productions/${owner.productionId}/invites`, headers: auth(owner.token), payload: { role: 'member' } })
        const { code, link, url } = made.json()
        expect(link).toBe(`/join/${code}`)
        expect(url).toBe(`http://192.168.1.20:8080/join/${code}`)
      } finally {
        await publicApp.close()
      }
    })
  })

  describe('members and devices', () => {
    it('lists members with their signed-in devices: the owner sees every device, the others only their own', async () => {
      const owner = await createProduction()
      const regisseur = await join(owner, 'coordinator', 'Lou', 'iPhone · Safari')
      await join(owner, 'member', 'Sam')

      const seenByOwner = await members(owner)
      expect(seenByOwner.map((member) => [member.displayName, member.role])).toEqual([['Camille', 'owner'], ['Lou', 'coordinator'], ['Sam', 'member']])
      expect(seenByOwner[1]!.sessions).toEqual([{ id: regisseur.sessionId, label: 'iPhone · Safari', createdAt: expect.any(String), lastSeenAt: expect.any(String) }])
      expect(seenByOwner[2]!.sessions).toEqual([expect.objectContaining({ label: 'Appareil' })])

      const seenByRegisseur = await members(regisseur)
      expect(seenByRegisseur.map((member) => member.sessions?.map((session) => session.id))).toEqual([undefined, [regisseur.sessionId], undefined])
    })

    it('lets only an owner change roles, and says which member is unknown', async () => {
      const owner = await createProduction()
      const sam = await join(owner, 'member', 'Sam')
      const lou = await join(owner, 'coordinator', 'Lou')

      expect((await patchRole(owner, sam.memberId, 'coordinator')).json()).toEqual({ id: sam.memberId, role: 'coordinator' })
      expect((await members(owner)).find((member) => member.id === sam.memberId)!.role).toBe('coordinator')
      expect(status(await patchRole(lou, sam.memberId, 'viewer'))).toEqual([403, 'forbidden'])
      expect(status(await patchRole(owner, owner.memberId, 'member'))).toEqual([409, 'last_owner'])
      expect(status(await patchRole(owner, 'no-such-member-id', 'viewer'))).toEqual([404, 'member_not_found'])
      expect((await patchRole(owner, sam.memberId, 'director')).statusCode).toBe(400)
    })

    it('revokes a member with all their devices; only an owner may, and never the last owner', async () => {
      const owner = await createProduction()
      const sam = await join(owner, 'member', 'Sam')
      const lou = await join(owner, 'coordinator', 'Lou')

      expect(status(await revokeMember(lou, sam.memberId))).toEqual([403, 'forbidden'])
      expect(status(await revokeMember(owner, owner.memberId))).toEqual([409, 'last_owner'])
      expect((await revokeMember(owner, sam.memberId)).statusCode).toBe(204)

      const revoked = (await members(owner)).find((member) => member.id === sam.memberId)!
      expect(revoked.revokedAt).toEqual(expect.any(String))
      expect(revoked.sessions).toEqual([])
      expect(status(await pullAs(sam))).toEqual([403, 'revoked'])
      // Anyone may leave on their own.
      expect((await revokeMember(lou, lou.memberId)).statusCode).toBe(204)
    })

    it('signs out one device: anyone their own, an owner any; the device is gone from the list and its token refused', async () => {
      const owner = await createProduction()
      const sam = await join(owner, 'member', 'Sam')
      const lou = await join(owner, 'coordinator', 'Lou')

      expect(status(await revokeSession(lou, sam.sessionId))).toEqual([404, 'session_not_found'])
      expect((await revokeSession(lou, lou.sessionId)).statusCode).toBe(204)
      expect(status(await pullAs(lou))).toEqual([403, 'revoked'])

      expect((await revokeSession(owner, sam.sessionId)).statusCode).toBe(204)
      const list = await members(owner)
      expect(list.map((member) => member.sessions!.length)).toEqual([1, 0, 0])
      // Signing a device out leaves the member in the team, able to join again with a new invite.
      expect(list.every((member) => member.revokedAt === null)).toBe(true)
    })

    it('keeps productions apart', async () => {
      const a = await createProduction()
      const b = await createProduction()
      const bMember = await join(b, 'member', 'Sam')
      expect((await app.inject({ method: 'GET', url: `/api/v1/productions/${b.productionId}/members`, headers: auth(a.token) })).statusCode).toBe(403)
      expect((await revokeSession({ ...a, productionId: b.productionId }, bMember.sessionId)).statusCode).toBe(403)
      expect((await app.inject({ method: 'DELETE', url: `/api/v1/productions/${a.productionId}/sessions/${bMember.sessionId}`, headers: auth(a.token) })).statusCode).toBe(404)
      expect((await members(b)).find((member) => member.id === bMember.memberId)!.sessions).toHaveLength(1)
    })

    it('adds one more device of the same member with a device link', async () => {
      const owner = await createProduction()
      const link = await app.inject({ method: 'POST', url: `/api/v1/productions/${owner.productionId}/devices`, headers: auth(owner.token), payload: {} })
      expect(link.json()).toMatchObject({ role: 'owner', maxUses: 1 })
      const tablet = await accept(link.json().code, 'ignored', 'Tablette')
      expect(tablet.json()).toMatchObject({ memberId: owner.memberId, role: 'owner' })
      expect(status(await accept(link.json().code, 'again'))).toEqual([410, 'invite_exhausted'])
      const list = await members(owner)
      expect(list).toHaveLength(1)
      expect(list[0]!.sessions!.map((session) => session.label)).toEqual(['Android · Chrome', 'Tablette'])
    })
  })

  describe('owners and sessions', () => {
    it('gives an owner session back from any device with the recovery code, and the lost device can then be cut off', async () => {
      const owner = await createProduction()
      await createProduction({ name: 'Autre film' })
      const wrong = await app.inject({ method: 'POST', url: '/api/v1/recover', payload: { recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD' } })
      expect(status(wrong)).toEqual([401, 'recovery_code_invalid'])

      const recovered = await app.inject({ method: 'POST', url: '/api/v1/recover', payload: { recoveryCode: owner.recoveryCode, deviceLabel: 'Ordinateur du bureau' } })
      expect(recovered.statusCode).toBe(201)
      const session = { ...recovered.json(), productionId: owner.productionId } as Session & { members: MemberRow[] }
      expect(session).toMatchObject({ memberId: owner.memberId, role: 'owner', productionName: 'Les Heures Claires' })
      expect(session.members[0]!.sessions!.map((device) => device.label)).toEqual(['Android · Chrome', 'Ordinateur du bureau'])

      expect((await revokeSession(session, owner.sessionId)).statusCode).toBe(204)
      expect(status(await pullAs(owner))).toEqual([403, 'revoked'])
      expect((await pullAs(session)).statusCode).toBe(200)
    })

    it('protects an owner from another owner: demoting, revoking or cutting off a device needs the recovery code', async () => {
      const founder = await createProduction()
      const lou = await join(founder, 'coordinator', 'Lou')
      expect((await patchRole(founder, lou.memberId, 'owner')).statusCode).toBe(200)

      expect(status(await patchRole(lou, founder.memberId, 'viewer'))).toEqual([403, 'recovery_code_required'])
      expect(status(await revokeMember(lou, founder.memberId))).toEqual([403, 'recovery_code_required'])
      expect(status(await revokeSession(lou, founder.sessionId))).toEqual([403, 'recovery_code_required'])
      expect(status(await revokeMember(lou, founder.memberId, 'AAAAA-BBBBB-CCCCC-DDDDD'))).toEqual([403, 'recovery_code_required'])
      expect((await members(founder))[0]).toMatchObject({ role: 'owner', revokedAt: null })

      // The founder holds the code: the rogue co-owner goes.
      expect((await revokeMember(founder, lou.memberId, founder.recoveryCode)).statusCode).toBe(204)
      // An owner may step down while another owner remains; never the last one.
      const ines = await join(founder, 'coordinator', 'Ines')
      await patchRole(founder, ines.memberId, 'owner')
      expect((await patchRole(ines, ines.memberId, 'member')).statusCode).toBe(200)
      expect(status(await patchRole(founder, founder.memberId, 'member'))).toEqual([409, 'last_owner'])
    })

    it('replaces the recovery code only with the current one', async () => {
      const owner = await createProduction()
      const url = `/api/v1/productions/${owner.productionId}/recovery-code`
      expect(status(await app.inject({ method: 'POST', url, headers: auth(owner.token) }))).toEqual([403, 'recovery_code_required'])
      const replaced = await app.inject({ method: 'POST', url, headers: withCode(owner, owner.recoveryCode) })
      expect(replaced.statusCode).toBe(201)
      const recover = (code: string | undefined) => app.inject({ method: 'POST', url: '/api/v1/recover', payload: { recoveryCode: code } })
      expect((await recover(owner.recoveryCode)).statusCode).toBe(401)
      expect((await recover(replaced.json().recoveryCode)).statusCode).toBe(201)
    })

    it('refuses a session unused for longer than the idle limit', async () => {
      const owner = await createProduction()
      const { db } = store.open()
      await db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 181 * 86_400_000).toISOString() }).where('id', '=', owner.sessionId).execute()
      expect(status(await pullAs(owner))).toEqual([401, 'session_expired'])
      await db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 179 * 86_400_000).toISOString() }).where('id', '=', owner.sessionId).execute()
      expect((await pullAs(owner)).statusCode).toBe(200)
    })

    it('rotates a token: the old one works until the new one is first used', async () => {
      const owner = await createProduction()
      const rotated = await app.inject({ method: 'POST', url: `/api/v1/productions/${owner.productionId}/sessions/rotate`, headers: auth(owner.token), payload: {} })
      expect(rotated.statusCode).toBe(201)
      const fresh = { ...owner, ...rotated.json() } as Session
      expect(fresh.token).not.toBe(owner.token)
      // The answer may never have reached the phone: its old token still works.
      expect((await pullAs(owner)).statusCode).toBe(200)
      expect((await pullAs(fresh)).statusCode).toBe(200)
      expect(status(await pullAs(owner))).toEqual([403, 'revoked'])
      expect((await members(fresh))[0]!.sessions!.map((session) => session.id)).toEqual([fresh.sessionId])
    })
  })
}

describe('team routes on SQLite', () => {
  teamSuite(createSqliteStore)
})

describe.skipIf(!process.env.TEST_DATABASE_URL)('team routes on PostgreSQL', () => {
  teamSuite(postgresStoreFactory(process.env.TEST_DATABASE_URL ?? ''))
})
