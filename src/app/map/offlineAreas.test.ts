import { describe, expect, it } from 'vitest'
import { geoplateformeSources } from '../../core/model/mapConfig'
import { boundsAround, estimateBytes, MAX_TILES_PER_PREPARATION, PLACEMENT_ZOOM, productionAreas, tilesOfAreas } from './offlineAreas'
import { tileX, tileY } from './tileMath'
import type { TileSource } from './tileSources'

const [PLAN, AERIAL] = geoplateformeSources('http://localhost:4518') as [TileSource, TileSource]
const MOGADOR = { lat: 48.8752, lng: 2.3318 }
const MOUFFETARD = { lat: 48.8427, lng: 2.3497 }
/** A kerb's two ends in the rue de Mogador, 80 m apart. */
const KERB = [{ lat: 48.8749, lng: 2.3314 }, { lat: 48.8756, lng: 2.3318 }]

describe('the tiles of a production\'s offline map', () => {
  it('draws a square of the asked size around a place', () => {
    const [south, west, north, east] = boundsAround(MOGADOR, 100)
    expect((north - south) * 111_320).toBeCloseTo(200, 0)
    expect((east - west) * 111_320 * Math.cos((MOGADOR.lat * Math.PI) / 180)).toBeCloseTo(200, 0)
  })

  it('covers each place at placement zoom and an overview of the whole, within the source\'s native zooms', () => {
    const areas = productionAreas([MOGADOR, MOUFFETARD], PLAN)
    const tiles = tilesOfAreas(PLAN, areas)
    const zooms = new Set(tiles.map((tile) => tile.z))
    expect(Math.max(...zooms)).toBe(PLACEMENT_ZOOM)
    expect(Math.min(...zooms)).toBe(9)
    // The tile under each place, at the zoom the vehicle plan opens at.
    for (const place of [MOGADOR, MOUFFETARD]) {
      expect(tiles).toContainEqual({ z: PLACEMENT_ZOOM, x: tileX(place.lng, PLACEMENT_ZOOM), y: tileY(place.lat, PLACEMENT_ZOOM) })
    }
    // Between the two décors (3.6 km apart), nothing closer than the overview: no zoom-19 tile halfway.
    const halfway = { lat: (MOGADOR.lat + MOUFFETARD.lat) / 2, lng: (MOGADOR.lng + MOUFFETARD.lng) / 2 }
    expect(tiles).not.toContainEqual({ z: 19, x: tileX(halfway.lng, 19), y: tileY(halfway.lat, 19) })
    expect(tiles.length).toBeGreaterThan(60)
    expect(tiles.length).toBeLessThan(400)
  })

  it('lists a tile two places share once: a kerb in the décor\'s street adds few tiles', () => {
    const alone = tilesOfAreas(PLAN, productionAreas([MOGADOR], PLAN))
    const withKerb = tilesOfAreas(PLAN, productionAreas([MOGADOR, ...KERB], PLAN))
    expect(new Set(withKerb.map((tile) => `${tile.z}/${tile.x}/${tile.y}`)).size).toBe(withKerb.length)
    expect(withKerb.length - alone.length).toBeLessThan(alone.length / 2)
  })

  it('keeps the overview small however far apart the décors are (Paris and Rouen)', () => {
    const far = [MOGADOR, { lat: 49.4431, lng: 1.0993 }]
    const overview = productionAreas(far, PLAN)[0]!
    expect(overview.toZoom).toBeLessThan(13)
    expect(tilesOfAreas(PLAN, [overview]).length).toBeLessThanOrEqual(400)
  })

  it('stops at a source\'s own deepest zoom, and has nothing to save for a production with no place', () => {
    const shallow: TileSource = { ...AERIAL, maxNativeZoom: 17 }
    expect(Math.max(...tilesOfAreas(shallow, productionAreas([MOGADOR], shallow)).map((tile) => tile.z))).toBe(17)
    expect(productionAreas([], PLAN)).toEqual([])
  })

  it('estimates the size from the source\'s typical tile, and a 25-décor production stays under the limit', () => {
    expect(estimateBytes(AERIAL, 100)).toBe(3_000_000)
    expect(estimateBytes({ ...PLAN, tileBytes: undefined }, 100)).toBe(1_500_000)
    const decors = Array.from({ length: 25 }, (_, i) => ({ lat: 48.82 + (i % 5) * 0.018, lng: 2.27 + Math.floor(i / 5) * 0.03 }))
    const count = tilesOfAreas(AERIAL, productionAreas(decors, AERIAL)).length + tilesOfAreas(PLAN, productionAreas(decors, PLAN)).length
    expect(count).toBeLessThan(MAX_TILES_PER_PREPARATION)
  })
})
