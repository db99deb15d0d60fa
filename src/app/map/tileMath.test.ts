import { describe, expect, it } from 'vitest'
import { countTiles, tileCorner, tilesInArea, tileUrl, tileX, tileY } from './tileMath'
import { geoplateformeSources, OSM_SOURCE } from '../../core/model/mapConfig'
import type { TileSource } from './tileSources'

const [PLAN_IGN] = geoplateformeSources('http://localhost:4518')
/** A source with tiles over Île-de-France at small scales and over Paris only at street scales. */
const REGIONAL: TileSource = {
  ...PLAN_IGN!, maxNativeZoom: 15, minZoom: 8,
  coverage: [{ bounds: [48.3, 1.9, 49.15, 2.75], minZoom: 8, maxZoom: 11 }, { bounds: [48.815, 2.25, 48.905, 2.42], minZoom: 12, maxZoom: 15 }],
}

describe('tile arithmetic', () => {
  it('finds the tile of a point (Notre-Dame at zoom 13 is 4149 / 2818)', () => {
    expect([tileX(2.3499, 13), tileY(48.853, 13)]).toEqual([4149, 2818])
    const corner = tileCorner(4149, 2818, 13)
    expect(corner.lng).toBeLessThanOrEqual(2.3499)
    expect(corner.lat).toBeGreaterThanOrEqual(48.853)
  })

  it('clamps to the world at the poles and the antimeridian', () => {
    expect(tileY(89.9, 3)).toBe(0)
    expect(tileY(-89.9, 3)).toBe(7)
    expect(tileX(180, 3)).toBe(7)
  })

  it('lists the tiles of an area zoom by zoom, and counts them without listing', () => {
    const world: TileSource = { ...OSM_SOURCE, maxNativeZoom: 19 }
    const paris: [number, number, number, number] = [48.85, 2.33, 48.87, 2.36]
    const tiles = tilesInArea(world, paris, 14, 16)
    expect(new Set(tiles.map((tile) => tile.z))).toEqual(new Set([14, 15, 16]))
    expect(countTiles(world, paris, 14, 16)).toBe(tiles.length)
    expect(tiles.filter((tile) => tile.z === 16).length).toBeGreaterThan(tiles.filter((tile) => tile.z === 14).length)
  })

  it('stays within the coverage and native zooms of a source', () => {
    const areaAroundParis: [number, number, number, number] = [48.7, 2.1, 49.0, 2.6]
    const tiles = tilesInArea(REGIONAL, areaAroundParis, 10, 18)
    expect(Math.max(...tiles.map((tile) => tile.z))).toBe(REGIONAL.maxNativeZoom)
    // Street zooms only inside Paris: no tile of zoom 14 west of the Bois de Boulogne.
    expect(tiles.filter((tile) => tile.z === 14 && tile.x < tileX(2.24, 14))).toEqual([])
    // An area outside every coverage has no tile at all.
    expect(countTiles(REGIONAL, [43.2, 5.3, 43.4, 5.5], 8, 15)).toBe(0)
  })

  it('builds the URL Leaflet asks for: a WMTS request of the Géoplateforme, a path on the app\'s own server, subdomains', () => {
    expect(tileUrl(PLAN_IGN!, { z: 13, x: 4149, y: 2818 }, 'http://localhost:4317')).toBe('http://localhost:4518/wmts?SERVICE=WMTS&REQUEST=GetTile' +
      '&VERSION=1.0.0&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM&FORMAT=image/png&TILEMATRIX=13&TILEROW=2818&TILECOL=4149')
    expect(tileUrl({ ...OSM_SOURCE, url: '/tiles/{z}/{x}/{y}.png' }, { z: 13, x: 4149, y: 2818 }, 'http://localhost:4317')).toBe('http://localhost:4317/tiles/13/4149/2818.png')
    expect(tileUrl(OSM_SOURCE, { z: 3, x: 4, y: 2 }, 'http://localhost')).toBe('https://tile.openstreetmap.org/3/4/2.png')
    const withSubdomains: TileSource = { ...OSM_SOURCE, url: 'https://{s}.tiles.example.org/{z}/{x}/{y}{r}.png', subdomains: 'abc' }
    // Leaflet's choice of subdomain: (x + y) modulo their number, so a saved tile has the URL the map requests.
    expect(tileUrl(withSubdomains, { z: 5, x: 1, y: 1 }, 'http://localhost')).toBe('https://c.tiles.example.org/5/1/1.png')
  })
})
