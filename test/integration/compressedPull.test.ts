/**
 * A phone joining over real HTTP (Node's fetch decompresses as a browser does) receives its pull pages compressed
 * and ends up with the same rows as the phone that made them.
 */
import { describe, expect, it } from 'vitest'
import { createSyncClient } from '../../src/app/sync/syncClient'
import { joinProduction, syncProduction, uploadProduction } from '../../src/app/sync/syncEngine'
import { TEST_ACCESS_CODE } from '../../src/server/testAccessCode'
import { liveRows, useTestServer } from './harness'

const server = useTestServer({ http: true })

describe('compressed pull pages', () => {
  it('bring a production of 60 décors down to a joining phone whole', async () => {
    const pullEncodings: (string | null)[] = []
    const client = createSyncClient(server.baseUrl(), async (url, init) => {
      const response = await fetch(url, init)
      if (url.includes('/pull?')) pullEncodings.push(response.headers.get('content-encoding'))
      return response
    })
    const ad = server.phone('ad')
    const created = await ad.repository('production').create('', { name: 'Les Heures Claires', kind: 'feature' })
    if (!created.ok) throw new Error('production')
    const pid = created.record.id
    for (let i = 0; i < 60; i++) {
      const decor = await ad.repository('location').create(pid, { name: `Décor ${i}, rue de Rivoli`, intExt: 'INT', setting: 'natural', status: 'toScout' })
      if (!decor.ok) throw new Error('location')
    }
    const team = await uploadProduction({ id: pid, name: 'Les Heures Claires' }, { displayName: 'Camille' }, client, ad.database, TEST_ACCESS_CODE)
    await syncProduction(pid, client, ad.database)

    const regie = server.phone('regie')
    const invite = await client.createInvite(pid, team.token, 'member')
    await joinProduction(invite.code, { displayName: 'Sami' }, client, regie.database)
    await syncProduction(pid, client, regie.database)

    expect(pullEncodings.some((encoding) => encoding === 'br' || encoding === 'gzip')).toBe(true)
    const decors = await liveRows(regie.database, 'location')
    expect(decors).toHaveLength(60)
    expect(decors).toEqual(await liveRows(ad.database, 'location'))
  })
})
