import { describe, expect, it } from 'vitest'
import { geoplateformeSources } from '../../core/model/mapConfig'
import { frameTiles, printZoom } from './composeMap'
import { tileX, tileY } from './tileMath'

const [PLAN] = geoplateformeSources('http://localhost:4518')
const MOGADOR = { lat: 48.8752, lng: 2.3318 }

describe('the tiles a printed map is composed from', () => {
  it('takes the zoom whose tiles carry the paper\'s detail, within the source\'s own zooms', () => {
    expect(printZoom(PLAN!, MOGADOR.lat, 500)).toBe(19)
    expect(printZoom(PLAN!, MOGADOR.lat, 1000)).toBe(18)
    expect(printZoom(PLAN!, MOGADOR.lat, 2000)).toBe(17)
    expect(printZoom(PLAN!, MOGADOR.lat, 10_000)).toBe(15)
    expect(printZoom({ minZoom: 0, maxNativeZoom: 16 }, MOGADOR.lat, 500)).toBe(16)
  })

  it('covers the frame exactly: the tile under its centre sits under the canvas\'s centre, and every canvas pixel has a tile', () => {
    // The vehicle plan's frame at 1:500: 184 mm by 150 mm of paper, 92 m by 75 m of ground.
    const layout = frameTiles({ ...MOGADOR, widthM: 92, heightM: 75 }, 19)
    expect(layout.zoom).toBe(19)
    expect(layout.widthPx).toBeGreaterThan(400)
    const centre = layout.tiles.find((tile) => tile.x === tileX(MOGADOR.lng, 19) && tile.y === tileY(MOGADOR.lat, 19))!
    expect(centre.left).toBeLessThanOrEqual(layout.widthPx / 2)
    expect(centre.left + centre.size).toBeGreaterThan(layout.widthPx / 2)
    expect(centre.top).toBeLessThanOrEqual(layout.heightPx / 2)
    expect(centre.top + centre.size).toBeGreaterThan(layout.heightPx / 2)
    expect(Math.min(...layout.tiles.map((tile) => tile.left))).toBeLessThanOrEqual(0)
    expect(Math.max(...layout.tiles.map((tile) => tile.left + tile.size))).toBeGreaterThanOrEqual(layout.widthPx)
    expect(Math.min(...layout.tiles.map((tile) => tile.top))).toBeLessThanOrEqual(0)
    expect(Math.max(...layout.tiles.map((tile) => tile.top + tile.size))).toBeGreaterThanOrEqual(layout.heightPx)
  })

  it('steps out a zoom rather than wait on hundreds of tiles', () => {
    const layout = frameTiles({ ...MOGADOR, widthM: 5000, heightM: 4000 }, 19)
    expect(layout.zoom).toBeLessThan(19)
    expect(layout.tiles.length).toBeLessThanOrEqual(64)
  })
})
