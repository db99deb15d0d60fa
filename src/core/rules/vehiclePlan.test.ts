import { describe, expect, it } from 'vitest'
import type { Kerb, Location, Placement, Vehicle } from '../model'
import { PARIS_RULE_SET, type CityRuleSet } from './cityRules'
import { fromLocalMetres, type LatLng } from './footprint'
import {
  analyseDayPlan, availableRuleSets, insideArea, locationZone, resolveRuleSet,
} from './vehiclePlan'

const ORIGIN: LatLng = [48.8566, 2.3522]
const at = (east: number, north: number) => fromLocalMetres(ORIGIN, { east, north })

const base = { productionId: 'p', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', deletedAt: null }
const vehicle = (id: string, kind: Vehicle['kind'], lengthM = 10, widthM = 2.55, extra: Partial<Vehicle> = {}): Vehicle =>
  ({ ...base, id, name: id, kind, lengthM, widthM, plate: '', driver: '', phone: '', notes: '', generatorKw: null, ...extra }) as Vehicle
const location = (id: string, postcode: string, address = ''): Location => ({ ...base, id, name: id, postcode, address }) as unknown as Location
const placement = (id: string, vehicleId: string, east: number, extra: Partial<Placement> = {}): Placement => {
  const [lat, lng] = at(east, 0)
  return { ...base, id, vehicleId, shootDayId: 'd1', locationId: 'loc', lat, lng, heading: 90, onStreet: true, street: '', side: '', ...extra } as Placement
}
/** A kerb running 100 m east along the north side of the origin, numbered 2 to 42 côté pair. */
const kerb: Kerb = { id: 'k1', street: 'Rue de la Roquette', side: 'even', startNumber: 2, endNumber: 42, points: [at(0, 5), at(100, 5)] }

const vehicles = (...list: Vehicle[]) => new Map(list.map((v) => [v.id, v]))
const locations = (...list: Location[]) => new Map(list.map((l) => [l.id, l]))
const day = { locationIds: ['loc'], kerbs: [kerb] }

describe('which rules and which zone', () => {
  it('picks the rule set by id, then by the production city, else none', () => {
    expect(resolveRuleSet({ city: 'Paris' }).id).toBe('paris')
    expect(resolveRuleSet({ city: ' paris ' }).id).toBe('paris')
    expect(resolveRuleSet({ city: 'Lyon' }).id).toBe('default')
    expect(resolveRuleSet({ city: 'Lyon', cityRuleSetId: 'paris' }).id).toBe('paris')
    const lyon: CityRuleSet = { formatVersion: 1, id: 'lyon', name: 'Lyon', asOf: '2026', source: '', rules: [] }
    expect(resolveRuleSet({ city: 'Lyon', customCityRules: [lyon] }).id).toBe('lyon')
    expect(availableRuleSets({ city: '', customCityRules: [lyon] }).map((set) => set.id)).toEqual(['paris', 'default', 'lyon'])
  })

  it('reads the arrondissement from the postcode or a Paris postcode in the address', () => {
    expect(locationZone(location('a', '75018'))).toBe('18')
    expect(locationZone(location('a', '', '12 rue Oberkampf, 75011 Paris'))).toBe('11')
    expect(locationZone(location('a', '69001'))).toBe('69001')
    expect(locationZone(location('a', ''))).toBeNull()
    expect(locationZone(undefined)).toBeNull()
  })
})

describe('analyseDayPlan', () => {
  const trucks = Array.from({ length: 6 }, (_, i) => vehicle(`t${i}`, 'gripTruck'))
  const inParis9 = locations(location('loc', '75009'))
  const sixInARow = trucks.map((t, i) => placement(`p${i}`, t.id, i * 12))

  it('breaks the Paris cap of 5 technical vehicles in the 9e with a sixth truck, and names them', () => {
    const analysis = analyseDayPlan({ day, placements: sixInARow, vehicles: vehicles(...trucks), locations: inParis9, ruleSet: PARIS_RULE_SET })
    const cap = analysis.findings.filter((f) => f.messageKey === 'rules.paris.maxTechnical')
    expect(cap).toHaveLength(1)
    expect(cap[0]).toMatchObject({ severity: 'error', params: { max: 5, count: 6 }, source: 'city' })
    expect(cap[0]!.placementIds).toEqual(sixInARow.map((p) => p.id))
    expect(analysis.zones).toEqual(['9'])
  })

  it('is fixed by moving one truck off the street, or by a cantine instead (cantines are not counted)', () => {
    const offStreet = sixInARow.map((p, i) => (i === 5 ? { ...p, onStreet: false } : p))
    const fixed = analyseDayPlan({ day, placements: offStreet, vehicles: vehicles(...trucks), locations: inParis9, ruleSet: PARIS_RULE_SET })
    expect(fixed.findings.filter((f) => f.source === 'city')).toEqual([])
    expect(fixed).toMatchObject({ onStreet: 5, offStreet: 1 })
    const cantine = vehicle('t5', 'catering')
    const withCantine = analyseDayPlan({
      day, placements: sixInARow, vehicles: vehicles(...trucks.slice(0, 5), cantine), locations: inParis9, ruleSet: PARIS_RULE_SET,
    })
    expect(withCantine.findings.filter((f) => f.source === 'city')).toEqual([])
  })

  it('allows 8 in the 15e and checks each zone of a two-décor day on its own', () => {
    const eight = Array.from({ length: 8 }, (_, i) => vehicle(`v${i}`, 'van', 6.5, 2.2))
    const placements = eight.map((v, i) => placement(`p${i}`, v.id, i * 8, { locationId: i < 4 ? 'a' : 'b' }))
    const twoDecors = { locationIds: ['a', 'b'] }
    const in15 = analyseDayPlan({
      day: twoDecors, placements, vehicles: vehicles(...eight), locations: locations(location('a', '75015'), location('b', '75015')), ruleSet: PARIS_RULE_SET,
    })
    expect(in15.findings).toEqual([])
    const split = analyseDayPlan({
      day: twoDecors, placements, vehicles: vehicles(...eight), locations: locations(location('a', '75006'), location('b', '75015')), ruleSet: PARIS_RULE_SET,
    })
    expect(split.findings).toEqual([])
    expect(split.zones.sort()).toEqual(['15', '6'])
  })

  it('flags a dressing-room truck and a small generator on the street, overlaps and another day’s décor', () => {
    const loges = vehicle('loges', 'dressingRoom', 12)
    const groupe = vehicle('groupe', 'generator', 4, 2, { generatorKw: 6 })
    const van = vehicle('van', 'van', 6.5, 2.2)
    const placements = [
      placement('p1', 'loges', 0),
      placement('p2', 'groupe', 30),
      placement('p3', 'van', 32),
      placement('p4', 'van', 80, { locationId: 'elsewhere' }),
    ]
    const { findings } = analyseDayPlan({ day, placements, vehicles: vehicles(loges, groupe, van), locations: inParis9, ruleSet: PARIS_RULE_SET })
    const keys = findings.map((f) => f.messageKey).sort()
    expect(keys).toEqual(['plan.otherDayDecor', 'plan.overlap', 'plan.vehicleTwice', 'rules.paris.dressingRoomOnStreet', 'rules.paris.generatorUnderPower'])
    expect(findings.find((f) => f.messageKey === 'plan.overlap')!.placementIds).toEqual(['p2', 'p3'])
    expect(findings.find((f) => f.messageKey === 'rules.paris.generatorUnderPower')!.params).toMatchObject({ lowestKw: 6, minKw: 10 })
  })

  it('sums linear metres per street side, bumper to bumper counted once', () => {
    const vans = [vehicle('a', 'van', 6.5, 2.2), vehicle('b', 'van', 6.5, 2.2)]
    const placements = [
      placement('p1', 'a', 0, { street: 'Rue de la Roquette', side: 'even' }),
      placement('p2', 'b', 6.5, { street: 'rue de la roquette ', side: 'even' }),
    ]
    const { streets } = analyseDayPlan({ day, placements, vehicles: vehicles(...vans), locations: inParis9, ruleSet: PARIS_RULE_SET })
    expect(streets).toHaveLength(1)
    expect(streets[0]!.linearMetres).toBeCloseTo(13, 2)
    expect(streets[0]).toMatchObject({ vehicleCount: 2, baysNeeded: 3, side: 'even' })
  })

  it('flags a kerb numbered against its side, vehicles of one kerb claiming the same houses or numbers past it', () => {
    const wrongSide = { ...kerb, side: 'odd' as const }
    const along = [
      placement('p1', 'a', 10, { kerbId: 'k1', street: kerb.street, side: 'odd', fromNumber: 12, toNumber: 20 }),
      placement('p2', 'b', 30, { kerbId: 'k1', street: kerb.street, side: 'odd', fromNumber: 18, toNumber: 24 }),
      placement('p3', 'c', 60, { kerbId: 'k1', street: kerb.street, side: 'odd', fromNumber: 40, toNumber: 46 }),
    ]
    const vans = vehicles(vehicle('a', 'van', 6.5, 2.2), vehicle('b', 'van', 6.5, 2.2), vehicle('c', 'van', 6.5, 2.2))
    const { findings } = analyseDayPlan({ day: { ...day, kerbs: [wrongSide] }, placements: along, vehicles: vans, locations: inParis9, ruleSet: PARIS_RULE_SET })
    expect(findings.map((f) => [f.messageKey, f.severity, f.placementIds])).toEqual([
      ['plan.kerbSide', 'error', ['p1', 'p2', 'p3']],
      ['plan.extentOverlap', 'warning', ['p1', 'p2']],
      ['plan.extentOutside', 'warning', ['p3']],
    ])
    expect(findings[0]!.params).toEqual({ street: 'Rue de la Roquette' })
  })

  it('points out a vehicle still at the size the form used to give every kind', () => {
    const porteur = vehicle('a', 'electricTruck', 6.5, 2.2)
    const van = vehicle('b', 'van', 6.5, 2.2)
    const placements = [placement('p1', 'a', 0), placement('p2', 'b', 20)]
    const { findings } = analyseDayPlan({ day, placements, vehicles: vehicles(porteur, van), locations: inParis9, ruleSet: PARIS_RULE_SET })
    expect(findings.filter((f) => f.messageKey === 'plan.defaultSize')).toEqual([
      { severity: 'warning', messageKey: 'plan.defaultSize', params: { vehicle: 'a' }, placementIds: ['p1'], source: 'plan' },
    ])
  })

  it('lists placements not drawn yet', () => {
    const van = vehicle('a', 'van')
    const undrawn = { ...placement('p1', 'a', 0), lat: null, lng: null } as Placement
    const analysis = analyseDayPlan({ day, placements: [undrawn], vehicles: vehicles(van), locations: inParis9, ruleSet: PARIS_RULE_SET })
    expect(analysis.notDrawn).toEqual(['p1'])
    expect(analysis.streets).toEqual([])
  })
})

describe('base camp', () => {
  it('tells a point inside the base camp from one outside', () => {
    const area = [at(0, 0), at(40, 0), at(40, 30), at(0, 30)]
    expect(insideArea(at(20, 15), area)).toBe(true)
    expect(insideArea(at(50, 15), area)).toBe(false)
  })
})
