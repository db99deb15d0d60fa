/**
 * Live updates over real HTTP: the régisseur's phone holds the production's event stream open; when the AD's
 * phone pushes a change, the server pokes the stream and the régisseur's phone pulls it within a few seconds,
 * with nobody touching it.
 */
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { liveTeams } from '../../src/app/db/syncStore'
import { startLivePokes } from '../../src/app/sync/livePokes'
import { liveRows, useTestServer } from './harness'

const server = useTestServer({ http: true })

describe('live updates between two phones', () => {
  it("brings the AD's change to the régisseur's open app without any action", async () => {
    const { ad, regie, pid, decorId } = await server.teamOfTwo(async (phone, productionId) => {
      const decor = await phone.repository('location').create(productionId, { name: 'Cave voûtée', intExt: 'INT', setting: 'natural', status: 'toScout' })
      if (!decor.ok) throw new Error('décor')
      return { decorId: decor.record.id }
    })
    const address = server.app().server.address()
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`

    // What the régisseur's sync loop does with a poke: sync that production when the head is ahead of its cursor.
    const heads: number[] = []
    const stop = startLivePokes({
      baseUrl,
      teams: liveTeams(regie.database),
      onPoke: async (productionId, head) => {
        heads.push(head)
        const team = await regie.database.teams.get(productionId)
        if (team && head > team.cursor) await regie.sync(productionId)
      },
    })
    // Stopped after the harness has closed the server, which ends the stream itself: a client-side abort makes
    // Node's fetch open a spare connection that would hold the server's shutdown for seconds.
    onTestFinished(stop)
    await vi.waitFor(() => expect(heads).toHaveLength(1), { timeout: 5_000 })
    await ad.repository('location').update(pid, decorId, { name: 'Cave du bar', noise: 'Métro ligne 7' })
    const pushedAt = Date.now()
    await ad.sync(pid)
    await vi.waitFor(async () => expect((await liveRows(regie.database, 'location'))[0]).toMatchObject({ name: 'Cave du bar', noise: 'Métro ligne 7' }), { timeout: 5_000, interval: 20 })
    expect(Date.now() - pushedAt).toBeLessThan(3_000)
  })
})
