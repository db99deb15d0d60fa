import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { defaultMapConfig, MapConfigSchema, mapConfigOrigins, urlOrigin } from './mapConfig'

describe('map configuration', () => {
  it('offers Plan IGN first, the aerial photographs, OpenStreetMap for viewing only, and the parcels as an overlay', () => {
    const config = defaultMapConfig()
    expect(v.safeParse(MapConfigSchema, config).success).toBe(true)
    expect(config.sources.map((source) => `${source.id}:${source.kind}:${source.bulkDownload}:${source.maxNativeZoom}`)).toEqual([
      'plan-ign:plan:true:19', 'ortho-ign:aerial:true:19', 'osm:plan:false:19', 'cadastre-ign:overlay:true:19',
    ])
    expect(config.sources.every((source) => source.attribution.length > 0)).toBe(true)
  })

  it('names the origins the app reaches: tiles and geocoder, subdomain templates as wildcards, the app\'s own paths not at all', () => {
    expect(mapConfigOrigins(defaultMapConfig())).toEqual({ tiles: ['https://data.geopf.fr', 'https://tile.openstreetmap.org'], geocoder: ['https://data.geopf.fr'] })
    expect(urlOrigin('https://{s}.tiles.example.org/{z}/{x}/{y}.png')).toBe('https://*.tiles.example.org')
    expect(urlOrigin('HTTP://LAN:8081/wmts?TILEMATRIX={z}')).toBe('http://lan:8081')
    expect(urlOrigin('/tiles/{z}/{x}/{y}.png')).toBeNull()
  })
})
