/** A simulated phone for server tests: its clientId, its token, its gapless mutation ids and its own clock. */
import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import { encodeHlc } from '../core/sync/hlc'
import { newId } from '../core/sync/ids'
import type { PullResponse, ResetResponse } from '../core/sync/protocol'

export function device(app: FastifyInstance, productionId: string, token: string, node = newId()) {
  let nextId = 1
  let millis = Date.now() - 60_000
  const clientId = node
  const mutation = (name: string, args: unknown, at?: number) => ({
    mutationId: nextId++, name, args, hlc: encodeHlc({ millis: at ?? (millis += 10), counter: 0, node }),
  })
  const push = (mutations: unknown[], overrides: Record<string, unknown> = {}) =>
    app.inject({
      method: 'POST', url: `/api/v1/productions/${productionId}/push`, headers: { authorization: `Bearer ${token}` },
      payload: { clientId, schemaVersion: 1, mutations, ...overrides },
    })
  /** A page or a reset; `extra`: more query parameters (`&epoch=...`). */
  const pullOrReset = async (cursor = 0, limit = 500, extra = '') => {
    const response = await app.inject({
      method: 'GET', url: `/api/v1/productions/${productionId}/pull?clientId=${clientId}&cursor=${cursor}&limit=${limit}${extra}`,
      headers: { authorization: `Bearer ${token}` },
    })
    expect(response.statusCode).toBe(200)
    return response.json() as PullResponse | ResetResponse
  }
  const pull = async (cursor = 0, limit = 500) => {
    const page = await pullOrReset(cursor, limit)
    if (page.reset) throw new Error('unexpected reset')
    return page
  }
  return { clientId, token, mutation, push, pull, pullOrReset }
}

