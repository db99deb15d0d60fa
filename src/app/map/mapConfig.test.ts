import { beforeEach, describe, expect, it } from 'vitest'
import { defaultMapConfig } from '../../core/model/mapConfig'
import { loadMapConfig, mapConfig, resetMapConfig } from './mapConfig'
import { baseSource, chooseBaseSource } from './tileConfig'

const local = defaultMapConfig('http://localhost:4518')
const answering = (body: unknown, status = 200) => async () => new Response(JSON.stringify(body), { status })

beforeEach(() => {
  localStorage.clear()
  resetMapConfig()
})

describe('the map configuration in the app', () => {
  it('is unknown until the server answers, then kept for the next start', async () => {
    expect(mapConfig.value).toBeNull()
    expect(baseSource('maps').value).toBeNull()
    expect(await loadMapConfig(answering(local))).toEqual(local)
    expect(JSON.parse(localStorage.getItem('regie.mapConfig')!)).toEqual(local)
    resetMapConfig()
    // Next start, no network: the kept configuration at once.
    let asked = 0
    const offline = async () => {
      asked++
      throw new TypeError('Failed to fetch')
    }
    resetMapConfig(JSON.parse(localStorage.getItem('regie.mapConfig')!))
    expect(await loadMapConfig(offline)).toEqual(local)
    expect(asked).toBe(1)
  })

  it('falls back on the built-in one when the first start has no answer, or a wrong one', async () => {
    expect(await loadMapConfig(answering({ sources: 'nope' }))).toEqual(defaultMapConfig())
    resetMapConfig()
    expect(await loadMapConfig(answering({}, 503))).toEqual(defaultMapConfig())
    expect(localStorage.getItem('regie.mapConfig')).toBeNull()
  })

  it('opens décor maps on the street map and the vehicle plan on the aerial photographs, each remembered apart', async () => {
    await loadMapConfig(answering(local))
    expect(baseSource('maps').value?.id).toBe('plan-ign')
    expect(baseSource('plan').value?.id).toBe('ortho-ign')
    chooseBaseSource('maps', 'osm')
    chooseBaseSource('plan', 'cadastre-ign')
    expect(baseSource('maps').value?.id).toBe('osm')
    expect(baseSource('plan').value?.id).toBe('ortho-ign')
    expect(localStorage.getItem('regie.mapTiles')).toBe('osm')
  })
})

describe('a first start with no network', () => {
  it('uses the built-in configuration for now and asks the server again next time', async () => {
    const offline = async () => {
      throw new TypeError('Failed to fetch')
    }
    expect(await loadMapConfig(offline)).toEqual(defaultMapConfig())
    expect(await loadMapConfig(answering(local))).toEqual(defaultMapConfig())
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(mapConfig.value).toEqual(local)
  })
})
