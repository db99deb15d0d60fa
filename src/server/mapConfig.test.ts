import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultMapConfig } from '../core/model/mapConfig'
import { buildServer } from './app'
import { readMapConfig } from './mapConfig'
import { migrateToLatest } from './migrations'
import { MAP_CONFIG_PATH } from './routes/mapConfig'
import { NO_DIST } from './testApp'
import { createSqliteStore } from './testDatabases'
import { TEST_ACCESS_CODE } from './testAccessCode'

const dirs: string[] = []
function dataDirWith(file?: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regie-map-'))
  dirs.push(dir)
  if (file !== undefined) fs.writeFileSync(path.join(dir, 'map-config.json'), typeof file === 'string' ? file : JSON.stringify(file))
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

describe('the map configuration read at start', () => {
  it('is Plan IGN, the aerial photographs, OpenStreetMap and the parcels, from the Géoplateforme, with its geocoder', () => {
    const config = readMapConfig({}, dataDirWith())
    expect(config.sources.map((source) => [source.id, source.kind, source.bulkDownload])).toEqual([
      ['plan-ign', 'plan', true], ['ortho-ign', 'aerial', true], ['osm', 'plan', false], ['cadastre-ign', 'overlay', true],
    ])
    expect(config.sources[0]!.url).toBe('https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0' +
      '&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM&FORMAT=image/png&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}')
    expect(config.geocoder).toMatchObject({ searchUrl: 'https://data.geopf.fr/geocodage/search', reverseUrl: 'https://data.geopf.fr/geocodage/reverse' })
  })

  it('points the built-in IGN layers and geocoder at GEOPLATEFORME_URL (a local server laid out the same way)', () => {
    const config = readMapConfig({ GEOPLATEFORME_URL: 'http://127.0.0.1:4518/' }, dataDirWith())
    expect(config.sources.find((source) => source.id === 'ortho-ign')!.url).toMatch(/^http:\/\/127\.0\.0\.1:4518\/wmts\?.*LAYER=ORTHOIMAGERY\.ORTHOPHOTOS&/)
    expect(config.sources.find((source) => source.id === 'osm')!.url).toBe('https://tile.openstreetmap.org/{z}/{x}/{y}.png')
    expect(config.geocoder!.searchUrl).toBe('http://127.0.0.1:4518/geocodage/search')
  })

  it('takes <DATA_DIR>/map-config.json: built-ins by id, a team\'s own tile server, no geocoder', () => {
    const config = readMapConfig({}, dataDirWith({
      sources: ['plan-ign', {
        id: 'mairie', kind: 'aerial', name: 'Orthophoto de la ville', url: 'https://tuiles.ville.example/{z}/{x}/{y}.jpg',
        attribution: 'Ville', maxNativeZoom: 21, bulkDownload: true,
      }],
      geocoder: null,
    }))
    expect(config.sources.map((source) => source.id)).toEqual(['plan-ign', 'mairie'])
    expect(config.sources[1]).toMatchObject({ maxZoom: 21, minZoom: 0, cors: true, bulkDownload: true })
    expect(config.geocoder).toBeNull()
  })

  it('takes the file MAP_CONFIG names, before the one in DATA_DIR', () => {
    const other = path.join(dataDirWith(), 'tests.json')
    fs.writeFileSync(other, JSON.stringify({ geoplateforme: 'http://localhost:4518', sources: ['ortho-ign'] }))
    const config = readMapConfig({ MAP_CONFIG: other }, dataDirWith({ sources: ['osm'] }))
    expect(config.sources.map((source) => source.id)).toEqual(['ortho-ign'])
    expect(config.sources[0]!.url.startsWith('http://localhost:4518/wmts?')).toBe(true)
  })

  it('refuses to start on a file that is not right, and says what is wrong', () => {
    expect(() => readMapConfig({}, dataDirWith('{ not json'))).toThrow(/map-config\.json is not JSON/)
    expect(() => readMapConfig({}, dataDirWith({ sources: ['plan-google'] }))).toThrow(/no built-in source "plan-google"/)
    expect(() => readMapConfig({}, dataDirWith({ sources: [{ id: 'x', kind: 'plan', url: 'https://t.example/{z}/{x}.png', attribution: '', maxNativeZoom: 18 }] })))
      .toThrow(/sources\.0\.url: a template with \{z\}, \{x\} and \{y\}/)
    expect(() => readMapConfig({}, dataDirWith({ sources: ['cadastre-ign'] }))).toThrow(/at least one plan or aerial source/)
    expect(() => readMapConfig({}, dataDirWith({ sources: ['osm', 'osm'] }))).toThrow(/each source id once/)
    expect(() => readMapConfig({ MAP_CONFIG: '/nowhere/map.json' }, dataDirWith())).toThrow(/MAP_CONFIG: cannot read \/nowhere\/map\.json/)
  })
})

describe(`GET ${MAP_CONFIG_PATH}`, () => {
  it('hands the app the configuration the server was started with, to anyone, never cached by the browser', async () => {
    const store = await createSqliteStore()
    const { db, dialect } = store.open()
    await migrateToLatest(db)
    const mapConfig = readMapConfig({ GEOPLATEFORME_URL: 'http://127.0.0.1:4518' }, dataDirWith())
    const app = await buildServer({ db, dialect, accessCode: TEST_ACCESS_CODE, distDir: NO_DIST, mapConfig })
    try {
      const response = await app.inject({ method: 'GET', url: MAP_CONFIG_PATH })
      expect(response.statusCode).toBe(200)
      expect(response.json()).toEqual(mapConfig)
      expect(response.headers['cache-control']).toBe('no-store')
      expect(String(response.headers['content-security-policy'])).toContain("connect-src 'self' http://127.0.0.1:4518 https://tile.openstreetmap.org;")
      expect(mapConfig).not.toEqual(defaultMapConfig())
    } finally {
      await app.close()
      await store.drop()
    }
  })
})
