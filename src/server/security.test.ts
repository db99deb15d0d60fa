import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearerToken } from './auth'
import { defaultMapConfig, type MapConfig } from '../core/model/mapConfig'
import { OPEN_DOOR_LIMIT, RATE_LIMIT_PER_MINUTE, registerSecurity, UNKNOWN_TOKEN_LIMIT } from './security'

describe('map origins in the content security policy', () => {
  async function cspFor(mapConfig: MapConfig): Promise<string> {
    const app = Fastify()
    await registerSecurity(app, { mapConfig })
    app.get('/', async () => 'ok')
    const csp = String((await app.inject({ url: '/' })).headers['content-security-policy'])
    await app.close()
    return csp
  }

  it('name exactly the built-in tile servers and the Géoplateforme geocoder, nothing else of the web', async () => {
    const csp = await cspFor(defaultMapConfig())
    expect(csp).toContain("img-src 'self' data: blob: https://data.geopf.fr https://tile.openstreetmap.org;")
    expect(csp).toContain("connect-src 'self' https://data.geopf.fr https://tile.openstreetmap.org;")
    expect(csp).not.toMatch(/img-src[^;]* https:[ ;]/)
  })

  it('follow a configuration pointed elsewhere: a LAN tile server over http, a geocoder of its own, subdomains as wildcards', async () => {
    const csp = await cspFor({
      sources: [
        { ...defaultMapConfig().sources[0]!, url: 'http://192.168.1.20:8081/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}' },
        { ...defaultMapConfig().sources[0]!, id: 'mairie', url: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png' },
      ],
      geocoder: { searchUrl: 'https://adresses.example.org/search', reverseUrl: 'https://adresses.example.org/reverse', attribution: '' },
    })
    expect(csp).toContain("img-src 'self' data: blob: http://192.168.1.20:8081 https://*.tiles.example.org;")
    expect(csp).toContain("connect-src 'self' http://192.168.1.20:8081 https://*.tiles.example.org https://adresses.example.org;")
  })
})

describe('API rate limits', () => {
  const SET_WIFI = '192.168.1.20'
  const KNOWN = ['token-of-camille-aaaaaaaaaaaaaaaa', 'token-of-ines-bbbbbbbbbbbbbbbbbbbb']
  let app: FastifyInstance
  beforeEach(async () => {
    app = Fastify()
    await registerSecurity(app)
    // Stand-ins for the real routes: a session route that knows two tokens, and the two doors open without one.
    app.get('/api/v1/productions/p1/pull', async (request, reply) => {
      const token = bearerToken(request)
      return token && KNOWN.includes(token) ? { ok: true } : reply.code(401).send({ error: 'unauthenticated' })
    })
    app.post('/api/v1/productions', async (_request, reply) => reply.code(201).send({}))
    app.post('/api/v1/invites/:code/accept', async (_request, reply) => reply.code(201).send({}))
    await app.ready()
  })
  afterEach(async () => {
    await app.close()
  })

  const pull = (token: string | null, remoteAddress = SET_WIFI) =>
    app.inject({ method: 'GET', url: '/api/v1/productions/p1/pull', remoteAddress, headers: token ? { authorization: `Bearer ${token}` } : {} })
  const madeUpToken = () => `made-up-${Math.random().toString(36).slice(2)}-xxxxxxxxxxxx`

  it('limits each device session on its own: one phone syncing hard never stops the crew on the same Wi-Fi', async () => {
    for (let i = 0; i < RATE_LIMIT_PER_MINUTE; i++) expect((await pull(KNOWN[0]!)).statusCode).toBe(200)
    const limited = await pull(KNOWN[0]!)
    expect(limited.statusCode).toBe(429)
    expect(limited.headers['retry-after']).toBeDefined()
    const other = await pull(KNOWN[1]!)
    expect(other.statusCode).toBe(200)
    expect(other.headers['x-ratelimit-remaining']).toBe(String(RATE_LIMIT_PER_MINUTE - 1))
    // Requests without a session count per address, apart from the sessions behind it.
    expect((await pull(null)).headers['x-ratelimit-remaining']).toBe(String(RATE_LIMIT_PER_MINUTE - 1))
  })

  it('limits requests without a session per address', async () => {
    for (let i = 0; i < RATE_LIMIT_PER_MINUTE; i++) await pull(null)
    expect((await pull(null)).statusCode).toBe(429)
    expect((await pull(null, '10.0.0.9')).statusCode).toBe(401)
    expect((await pull(KNOWN[0]!)).statusCode).toBe(200)
  })

  it('keeps a stricter limit per address on creating productions and accepting invites, each on its own', async () => {
    for (const url of ['/api/v1/productions', '/api/v1/invites/some-code/accept']) {
      for (let i = 0; i < OPEN_DOOR_LIMIT.max; i++) expect((await app.inject({ method: 'POST', url, remoteAddress: SET_WIFI })).statusCode).toBe(201)
      const refused = await app.inject({ method: 'POST', url, remoteAddress: SET_WIFI })
      expect(refused.statusCode).toBe(429)
      expect(refused.headers['x-ratelimit-limit']).toBe(String(OPEN_DOOR_LIMIT.max))
      expect((await app.inject({ method: 'POST', url, remoteAddress: '10.0.0.9' })).statusCode).toBe(201)
    }
    // Sessions behind the same address sync on.
    expect((await pull(KNOWN[0]!)).statusCode).toBe(200)
  })

  it('limits an address per address again once it sends many unknown tokens (a fresh limit per made-up token otherwise)', async () => {
    for (let i = 0; i <= UNKNOWN_TOKEN_LIMIT.max; i++) {
      const response = await pull(madeUpToken())
      expect(response.statusCode).toBe(401)
      expect(response.headers['x-ratelimit-remaining']).toBe(String(RATE_LIMIT_PER_MINUTE - 1))
    }
    // From now on every request of that address, token or not, draws on one shared limit.
    const first = Number((await pull(madeUpToken())).headers['x-ratelimit-remaining'])
    const second = Number((await pull(KNOWN[0]!)).headers['x-ratelimit-remaining'])
    expect(second).toBe(first - 1)
    // Other addresses keep their per-session limits.
    expect((await pull(KNOWN[1]!, '10.0.0.9')).headers['x-ratelimit-remaining']).toBe(String(RATE_LIMIT_PER_MINUTE - 1))
  })
})
