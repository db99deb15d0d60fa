/**
 * `GET /api/v1/productions/:pid/events`: a server-sent events stream of pokes for one production, authorised like
 * pull (bearer header only: the app reads it with fetch, so the token never appears in a URL or a log).
 *
 *   event: poke            sent on connect with the current head, then after every push that changed the production
 *   data: {"head":42}
 *
 *   : keepalive            a comment every heartbeat
 *
 * A stream only ever tells a phone to pull; it carries no records. A client that cannot keep up holds at most one
 * undelivered poke (the newest head replaces older ones) and is cut off after two heartbeats without draining.
 */
import type { ServerResponse } from 'node:http'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { authenticate, HttpError } from '../auth'
import type { ServerContext } from '../context'
import type { PokeHub, PokeSubscriber } from '../sync/pokeHub'

const STALLED_HEARTBEATS = 2

export function registerEventRoutes(app: FastifyInstance, context: ServerContext, pokes: PokeHub): void {
  app.get<{ Params: { pid: string } }>('/api/v1/productions/:pid/events', async (request, reply) => {
    const caller = await authenticate(context, request, request.params.pid)
    const stream = new PokeStream(reply.raw, caller.productionId, caller.sessionId)
    const refusal = pokes.add(stream)
    if (refusal === 'closing') throw new HttpError(503, 'shutting_down', 'The server is restarting: try again in a moment')
    if (refusal) throw new HttpError(429, 'too_many_streams', 'Too many open event streams: try again later')

    reply.hijack()
    reply.raw.on('close', () => pokes.remove(stream))
    if (request.raw.destroyed) {
      // The phone hung up while we were checking its token.
      pokes.remove(stream)
      return
    }
    reply.raw.writeHead(200, {
      // Security headers and rate-limit counters set by hooks on the reply, which hijacking would otherwise drop.
      ...headersOf(reply),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // Reverse proxies (nginx) must pass each event on at once, not buffer the response.
      'x-accel-buffering': 'no',
      // A stream ended by shutdown or revocation takes its connection with it, so shutdown never waits on it.
      connection: 'close',
    })
    // Registered first, read second: a push committing in between is poked twice at worst, never missed.
    try {
      stream.poke(await pokes.headOf(caller.productionId))
    } catch (error) {
      request.log.warn({ err: error, productionId: caller.productionId }, 'event stream: could not read the head')
      stream.close()
    }
  })
}

function headersOf(reply: FastifyReply): Record<string, string | number | string[]> {
  return Object.fromEntries(Object.entries(reply.getHeaders()).filter((entry): entry is [string, string | number | string[]] => entry[1] !== undefined))
}

/** One open stream: writes pokes and heartbeats, coalescing pokes while the client's socket buffer is full. */
export class PokeStream implements PokeSubscriber {
  private sentHead = -1
  private waitingHead: number | null = null
  private stalledHeartbeats = 0

  constructor(
    private readonly response: ServerResponse,
    readonly productionId: string,
    readonly sessionId: string,
  ) {
    response.on('drain', () => {
      this.stalledHeartbeats = 0
      const head = this.waitingHead
      this.waitingHead = null
      if (head !== null) this.poke(head)
    })
  }

  poke(head: number): void {
    if (head <= this.sentHead || !this.writable()) return
    if (this.response.writableNeedDrain) {
      this.waitingHead = Math.max(this.waitingHead ?? head, head)
      return
    }
    this.sentHead = head
    this.response.write(`event: poke\ndata: ${JSON.stringify({ head })}\n\n`)
  }

  heartbeat(): void {
    if (!this.writable()) return
    if (this.response.writableNeedDrain) {
      if (++this.stalledHeartbeats >= STALLED_HEARTBEATS) this.response.destroy()
      return
    }
    this.response.write(': keepalive\n\n')
  }

  close(): void {
    if (this.response.writableNeedDrain) this.response.destroy()
    else this.response.end()
  }

  private writable(): boolean {
    return this.response.headersSent && !this.response.writableEnded && !this.response.destroyed
  }
}
