import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { readTileOrigins } from './config'
import { registerSecurity } from './security'

describe('map tile origins in the content security policy', () => {
  it('default to OpenStreetMap, add TILE_ORIGINS and the origin of VITE_TILE_URL, subdomain templates as wildcards', () => {
    expect(readTileOrigins({})).toEqual(['https://tile.openstreetmap.org'])
    expect(readTileOrigins({ TILE_ORIGINS: 'https://tiles.example.org, http://192.168.1.20:8081/' })).toEqual([
      'https://tile.openstreetmap.org', 'https://tiles.example.org', 'http://192.168.1.20:8081',
    ])
    expect(readTileOrigins({ VITE_TILE_URL: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png?key=k' })).toContain('https://*.tiles.example.org')
    expect(() => readTileOrigins({ TILE_ORIGINS: 'tiles.example.org' })).toThrow(/TILE_ORIGINS/)
  })

  it('let the service worker and area downloads fetch tiles (connect-src) and show http tiles of a LAN server (img-src)', async () => {
    const app = Fastify()
    await registerSecurity(app, ['https://tile.openstreetmap.org', 'http://192.168.1.20:8081'])
    app.get('/', async () => 'ok')
    const csp = String((await app.inject({ url: '/' })).headers['content-security-policy'])
    await app.close()
    expect(csp).toContain("connect-src 'self' https://tile.openstreetmap.org http://192.168.1.20:8081")
    expect(csp).toContain("img-src 'self' data: blob: https: http://192.168.1.20:8081")
  })
})
