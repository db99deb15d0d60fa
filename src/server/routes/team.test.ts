import type { FastifyInstance } from 'fastify'
import { describe, expect, it } from 'vitest'
import { buildServer } from '../app'
import { NO_DIST, useTestApp } from '../testApp'
import { createSqliteStore, postgresStoreFactory, type CreateTestStore, type TestStore } from '../testDatabases'


interface Session { productionId: string; token: string; memberId: string; sessionId: string }
interface MemberRow { id: string; displayName: string; role: string; revokedAt: string | null; sessions?: { id: string; label: string; createdAt: string; lastSeenAt: string }[] }

function teamSuite(createStore: CreateTestStore) {
  let store: TestStore
  let app: FastifyInstance
  useTestApp(createStore, (opened) => ({ store, app } = opened))

  const auth = (token: string) => ({ authorization: `Bearer ${token}` })

  async function createProduction(): Promise<Session> {
    const response = await app.inject({ method: 'POST', url: '/api/v1/productions', payload: { name: 'Les Heures Claires', displayName: 'Camille', deviceLabel: 'Android · Chrome' } })
    expect(response.statusCode).toBe(201)
    return response.json()
  }

  async function join(owner: Session, role: string, displayName: string, deviceLabel?: string): Promise<Session> {
    const invite = await app.inject({ method: 'POST', url: `/api/v1/productions/${owner.productionId}/invites`, headers: auth(owner.token), payload: { role } })
    const accepted = await app.inject({ method: 'POST', url: `/api/v1/invites/${invite.json().code}/accept`, payload: { displayName, ...(deviceLabel && { deviceLabel }) } })
    expect(accepted.statusCode).toBe(201)
    return { ...accepted.json(), productionId: owner.productionId }
  }

  async function members(caller: Session): Promise<MemberRow[]> {
    const response = await app.inject({ method: 'GET', url: `/api/v1/productions/${caller.productionId}/members`, headers: auth(caller.token) })
    expect(response.statusCode).toBe(200)
    return response.json().members
  }

  const patchRole = (caller: Session, memberId: string, role: string) =>
    app.inject({ method: 'PATCH', url: `/api/v1/productions/${caller.productionId}/members/${memberId}`, headers: auth(caller.token), payload: { role } })
  const revokeMember = (caller: Session, memberId: string) =>
    app.inject({ method: 'DELETE', url: `/api/v1/productions/${caller.productionId}/members/${memberId}`, headers: auth(caller.token) })
  const revokeSession = (caller: Session, sessionId: string) =>
    app.inject({ method: 'DELETE', url: `/api/v1/productions/${caller.productionId}/sessions/${sessionId}`, headers: auth(caller.token) })

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

  it('lets only the owner change roles, never their own, and says which member is unknown', async () => {
    const owner = await createProduction()
    const sam = await join(owner, 'member', 'Sam')
    const lou = await join(owner, 'coordinator', 'Lou')

    expect((await patchRole(owner, sam.memberId, 'coordinator')).json()).toEqual({ id: sam.memberId, role: 'coordinator' })
    expect((await members(owner)).find((member) => member.id === sam.memberId)!.role).toBe('coordinator')

    const byCoordinator = await patchRole(lou, sam.memberId, 'viewer')
    expect([byCoordinator.statusCode, byCoordinator.json().error]).toEqual([403, 'forbidden'])
    const stepDown = await patchRole(owner, owner.memberId, 'member')
    expect([stepDown.statusCode, stepDown.json().error]).toEqual([400, 'last_owner'])
    const unknown = await patchRole(owner, 'no-such-member-id', 'viewer')
    expect([unknown.statusCode, unknown.json().error]).toEqual([404, 'member_not_found'])
    expect((await patchRole(owner, sam.memberId, 'director')).statusCode).toBe(400)
  })

  it('revokes a member with all their devices; only the owner may, and not themselves', async () => {
    const owner = await createProduction()
    const sam = await join(owner, 'member', 'Sam')
    const lou = await join(owner, 'coordinator', 'Lou')

    expect((await revokeMember(lou, sam.memberId)).json()).toMatchObject({ error: 'forbidden' })
    expect((await revokeMember(owner, owner.memberId)).json()).toMatchObject({ error: 'last_owner' })
    expect((await revokeMember(owner, sam.memberId)).statusCode).toBe(204)

    const revoked = (await members(owner)).find((member) => member.id === sam.memberId)!
    expect(revoked.revokedAt).toEqual(expect.any(String))
    expect(revoked.sessions).toEqual([])
    const refused = await app.inject({ method: 'GET', url: `/api/v1/productions/${owner.productionId}/members`, headers: auth(sam.token) })
    expect([refused.statusCode, refused.json().error]).toEqual([403, 'revoked'])
  })

  it('signs out one device: anyone their own, the owner any; the device is gone from the list and its token refused', async () => {
    const owner = await createProduction()
    const sam = await join(owner, 'member', 'Sam')
    const lou = await join(owner, 'coordinator', 'Lou')

    const notHers = await revokeSession(lou, sam.sessionId)
    expect([notHers.statusCode, notHers.json().error]).toEqual([404, 'session_not_found'])
    expect((await revokeSession(lou, lou.sessionId)).statusCode).toBe(204)
    expect((await app.inject({ method: 'GET', url: `/api/v1/productions/${owner.productionId}/members`, headers: auth(lou.token) })).json()).toMatchObject({ error: 'revoked' })

    expect((await revokeSession(owner, sam.sessionId)).statusCode).toBe(204)
    const list = await members(owner)
    expect(list.map((member) => member.sessions!.length)).toEqual([1, 0, 0])
    // Signing a device out leaves the member in the team, able to join again with a new invite.
    expect(list.every((member) => member.revokedAt === null)).toBe(true)
  })

  it('answers an invite with a full link on the public address when the server has one', async () => {
    const owner = await createProduction()
    const plain = await app.inject({ method: 'POST', url: `/api/v1/productions/${owner.productionId}/invites`, headers: auth(owner.token), payload: { role: 'member' } })
    expect(plain.json()).not.toHaveProperty('url')
    const { db, dialect } = store.open()
    const publicApp = await buildServer({ db, dialect, distDir: NO_DIST, publicUrl: 'http://192.168.1.20:8080' })
    try {
      const invite = await publicApp.inject({ method: 'POST', url: `/api/v1/productions/${owner.productionId}/invites`, headers: auth(owner.token), payload: { role: 'member' } })
      const { code, link, url } = invite.json()
      expect(link).toBe(`/join/${code}`)
      expect(url).toBe(`http://192.168.1.20:8080/join/${code}`)
    } finally {
      await publicApp.close()
    }
  })

  it('keeps productions apart', async () => {
    const a = await createProduction()
    const b = await createProduction()
    const bMember = await join(b, 'member', 'Sam')
    const listing = await app.inject({ method: 'GET', url: `/api/v1/productions/${b.productionId}/members`, headers: auth(a.token) })
    expect(listing.statusCode).toBe(403)
    const crossRevoke = await app.inject({ method: 'DELETE', url: `/api/v1/productions/${a.productionId}/sessions/${bMember.sessionId}`, headers: auth(a.token) })
    expect(crossRevoke.statusCode).toBe(404)
    expect((await members(b)).find((member) => member.id === bMember.memberId)!.sessions).toHaveLength(1)
  })
}

describe('team routes on SQLite', () => {
  teamSuite(createSqliteStore)
})

describe.skipIf(!process.env.TEST_DATABASE_URL)('team routes on PostgreSQL', () => {
  teamSuite(postgresStoreFactory(process.env.TEST_DATABASE_URL ?? ''))
})
