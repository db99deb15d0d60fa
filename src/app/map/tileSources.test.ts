import { describe, expect, it } from 'vitest'
import { customTileSource, DEMO_TILES, OSM_TILES, tileUrlPattern } from './tileSources'

describe('tile sources', () => {
  it('allow bulk download for the demo tiles, never for OpenStreetMap, whose usage policy forbids it', () => {
    expect(DEMO_TILES.bulkDownload).toBe(true)
    expect(OSM_TILES.bulkDownload).toBe(false)
    expect(OSM_TILES.attribution).toContain('OpenStreetMap')
  })

  it('route exactly the tiles of the configured sources to the service worker\'s tile cache', () => {
    const pattern = tileUrlPattern([DEMO_TILES, OSM_TILES])
    expect(pattern.test('http://localhost:4317/tiles/13/4149/2818.png')).toBe(true)
    expect(pattern.test('https://regie.example.org/tiles/8/129/88.png')).toBe(true)
    expect(pattern.test('https://tile.openstreetmap.org/16/33195/22546.png')).toBe(true)
    expect(pattern.test('http://localhost:4317/assets/index-abc.js')).toBe(false)
    expect(pattern.test('http://localhost:4317/icons/icon-192.png')).toBe(false)
    expect(pattern.test('https://evil.example.org/16/33195/22546.png')).toBe(false)
  })

  it('read a deployment\'s own source from VITE_TILE_* (bulk download only when said so)', () => {
    expect(customTileSource({})).toBeUndefined()
    const source = customTileSource({
      VITE_TILE_URL: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png?key=abc', VITE_TILE_ATTRIBUTION: '© Example', VITE_TILE_MAX_ZOOM: '17',
    })!
    expect(source).toMatchObject({ id: 'custom', maxZoom: 17, bulkDownload: false, cors: true, attribution: '© Example' })
    expect(customTileSource({ VITE_TILE_URL: 'https://t.example.org/{z}/{x}/{y}.png', VITE_TILE_BULK_DOWNLOAD: 'true' })!.bulkDownload).toBe(true)
    expect(tileUrlPattern([source]).test('https://b.tiles.example.org/5/1/2.png?key=abc')).toBe(true)
  })
})
