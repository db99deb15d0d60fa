import fc from 'fast-check'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { VEHICLE_KINDS, type VehicleKind } from '../model/vehicle'
import {
  arrondissementFromPostcode, checkCityRules, CITY_RULE_SETS, CityRuleSetSchema, DEFAULT_RULE_SET, normaliseZone, PARIS_RULE_SET,
  RULE_NOTE_KEYS, type CityRuleSetInput, type RulePlacement,
} from './cityRules'

const onStreet = (vehicleKind: VehicleKind, generatorKw?: number): RulePlacement => ({ vehicleKind, onStreet: true, generatorKw })
const offStreet = (vehicleKind: VehicleKind): RulePlacement => ({ vehicleKind, onStreet: false })

/** Six technical vehicles: camera van, electric, grip, HMC, régie and a generator of 20 kW. */
const sixTechnical = [
  onStreet('van'), onStreet('electricTruck'), onStreet('gripTruck'), onStreet('hmc'), onStreet('productionOffice'), onStreet('generator', 20),
]

const paris = (zone: string | null, placements: RulePlacement[]) => checkCityRules(PARIS_RULE_SET, { zone, placements })
const keys = (findings: ReturnType<typeof paris>) => findings.map((finding) => `${finding.severity}:${finding.messageKey}`)

describe('Paris: technical vehicle caps', () => {
  it('6 technical vehicles in the 9e break the cap of 5', () => {
    expect(paris('9', sixTechnical)).toEqual([
      {
        ruleIndex: 0, kind: 'maxTechnicalVehicles', severity: 'error', messageKey: 'rules.paris.maxTechnical',
        params: { max: 5, count: 6, zone: '9' }, placements: [0, 1, 2, 3, 4, 5],
      },
    ])
  })

  it('6 technical vehicles in the 15e are within the cap of 8; 9 are not', () => {
    expect(paris('15', sixTechnical)).toEqual([])
    const nine = [...sixTechnical, onStreet('van'), onStreet('van'), onStreet('other')]
    expect(paris('15', nine)).toMatchObject([{ ruleIndex: 1, severity: 'error', params: { max: 8, count: 9, zone: '15' } }])
  })

  it('only the zone cap applies in a congested zone, even when both would be broken', () => {
    const nine = [...sixTechnical, onStreet('van'), onStreet('van'), onStreet('other')]
    expect(paris('9', nine)).toMatchObject([{ ruleIndex: 0, params: { max: 5, count: 9 } }])
  })

  it('a cantine and its tent do not count, nor picture cars and crew cars', () => {
    const five = sixTechnical.slice(0, 5)
    expect(paris('9', [...five, onStreet('catering'), onStreet('cateringTent'), onStreet('pictureCar'), onStreet('car')])).toEqual([])
  })

  it('vehicles off the street (yard, car park) do not count', () => {
    expect(paris('9', [...sixTechnical.slice(0, 5), offStreet('gripTruck')])).toEqual([])
  })

  it.each(['Paris Centre', '1', '75003', '5e', '6ème', '7', 'Paris 9e', '10e arrondissement', '75010'])('%s is congested', (zone) => {
    expect(paris(zone, sixTechnical)).toMatchObject([{ severity: 'error', params: { max: 5 } }])
  })

  it.each(['8', '11e', '75116', '20', '75015'])('%s is not congested', (zone) => {
    expect(paris(zone, sixTechnical)).toEqual([])
  })

  it('the 18e is treated as congested, with a note that only its south is', () => {
    expect(paris('75018', sixTechnical)).toMatchObject([
      { ruleIndex: 0, severity: 'error', messageKey: 'rules.paris.maxTechnical', params: { max: 5, count: 6, zone: '75018' } },
      { ruleIndex: 0, severity: 'warning', messageKey: RULE_NOTE_KEYS.partialZone, params: { max: 5, count: 6, zone: '75018' } },
    ])
    expect(paris('18', sixTechnical.slice(0, 5))).toEqual([])
  })

  it('an unknown zone applies the cap of 8 and warns about the congested zones', () => {
    expect(paris(null, sixTechnical.slice(0, 5))).toEqual([])
    expect(keys(paris(null, sixTechnical))).toEqual([`warning:${RULE_NOTE_KEYS.zoneUnknown}`])
    expect(paris('  ', sixTechnical)[0]?.params).toMatchObject({ max: 5, count: 6, zones: expect.stringContaining('Paris Centre') })
    const nine = [...sixTechnical, onStreet('van'), onStreet('van'), onStreet('other')]
    expect(keys(paris(null, nine))).toEqual([`warning:${RULE_NOTE_KEYS.zoneUnknown}`, 'error:rules.paris.maxTechnical'])
  })
})

describe('Paris: vehicles banned on the street', () => {
  it('a dressing-room truck (loges) on the street is an error', () => {
    expect(paris('15', [onStreet('van'), onStreet('dressingRoom')])).toEqual([
      {
        ruleIndex: 2, kind: 'bannedOnStreet', severity: 'error', messageKey: 'rules.paris.dressingRoomOnStreet',
        params: { count: 1 }, placements: [1],
      },
    ])
  })

  it('loges off the street are fine', () => {
    expect(paris('15', [offStreet('dressingRoom')])).toEqual([])
  })

  it('a generator under 10 kW on the street is an error', () => {
    expect(paris('15', [onStreet('generator', 6)])).toEqual([
      {
        ruleIndex: 3, kind: 'generatorMinPower', severity: 'error', messageKey: 'rules.paris.generatorUnderPower',
        params: { minKw: 10, count: 1, lowestKw: 6 }, placements: [0],
      },
    ])
  })

  it('10 kW and more is allowed; off the street any power is', () => {
    expect(paris('15', [onStreet('generator', 10), onStreet('generator', 60)])).toEqual([])
    expect(paris('15', [{ vehicleKind: 'generator', onStreet: false, generatorKw: 6 }])).toEqual([])
  })

  it('a truck carrying a small generator counts too', () => {
    expect(paris('15', [onStreet('electricTruck', 8), onStreet('generator', 4)])).toMatchObject([
      { messageKey: 'rules.paris.generatorUnderPower', params: { count: 2, lowestKw: 4 }, placements: [0, 1] },
    ])
  })

  it('a generator of unknown power on the street is a warning to check', () => {
    expect(paris('15', [onStreet('generator'), { vehicleKind: 'generator', onStreet: true, generatorKw: null }])).toEqual([
      {
        ruleIndex: 3, kind: 'generatorMinPower', severity: 'warning', messageKey: RULE_NOTE_KEYS.generatorPowerUnknown,
        params: { minKw: 10, count: 2 }, placements: [0, 1],
      },
    ])
  })

  it('reports every broken rule at once', () => {
    const findings = paris('9', [...sixTechnical, onStreet('dressingRoom'), onStreet('generator', 6)])
    expect(findings.map((finding) => finding.ruleIndex)).toEqual([0, 2, 3])
    expect(findings[0]?.params.count).toBe(8)
  })
})

describe('postcodes and zones', () => {
  it.each([
    ['75018', '18'], ['75001', '1'], ['75009', '9'], ['75020', '20'], ['75116', '16'], [' 75010 ', '10'],
    ['75000', null], ['75021', null], ['7501', null], ['69001', null], ['93200', null], ['', null],
  ])('%s -> %s', (postcode, arrondissement) => {
    expect(arrondissementFromPostcode(postcode)).toBe(arrondissement)
  })

  it.each([
    ['18', '18'], ['18e', '18'], ['18ème', '18'], ['18 e', '18'], ['1er', '1'], ['09', '9'], ['Paris 18e', '18'],
    ['18e arrondissement', '18'], ['75018', '18'], ['Paris Centre', 'centre'], ['  PARIS   centre ', 'centre'], ['Vieux-Lyon', 'vieux-lyon'],
    ['*', '*'],
  ])('normaliseZone(%s) -> %s', (zone, expected) => {
    expect(normaliseZone(zone)).toBe(expected)
  })
})

/** A made-up town, to show the format carries other cities: one cap for the whole town, one for its old centre. */
const EXAMPLE_TOWN: CityRuleSetInput = {
  formatVersion: 1,
  id: 'example-town',
  name: 'Example town',
  asOf: '2025',
  rules: [
    { kind: 'maxTechnicalVehicles', zones: ['Vieux-Centre'], max: 3, messageKey: 'rules.exampleTown.maxTechnical' },
    { kind: 'maxTechnicalVehicles', zones: ['*'], max: 12, excludeKinds: ['catering'], messageKey: 'rules.exampleTown.maxTechnical' },
    { kind: 'generatorMinPower', minKw: 0, streetOnly: false, severity: 'warning', messageKey: 'rules.exampleTown.generator' },
  ],
}

describe('rule sets are data', () => {
  it('the shipped rule sets pass their schema unchanged', () => {
    for (const ruleSet of [PARIS_RULE_SET, DEFAULT_RULE_SET, ...Object.values(CITY_RULE_SETS)]) {
      expect(v.parse(CityRuleSetSchema, ruleSet)).toEqual(ruleSet)
    }
    expect(Object.keys(CITY_RULE_SETS).sort()).toEqual(['default', 'paris'])
  })

  it('fills the defaults: error severity, street vehicles only, no exclusions, no partial zones', () => {
    const town = v.parse(CityRuleSetSchema, EXAMPLE_TOWN)
    expect(town.rules[0]).toEqual({
      kind: 'maxTechnicalVehicles', zones: ['Vieux-Centre'], partialZones: [], max: 3, excludeKinds: [],
      streetOnly: true, severity: 'error', messageKey: 'rules.exampleTown.maxTechnical',
    })
    expect(town.source).toBe('')
  })

  it('another city is checked by the same code', () => {
    const town = v.parse(CityRuleSetSchema, EXAMPLE_TOWN)
    // The old centre's cap excludes nothing, so the cantine counts there; the grip truck in a yard does not.
    const placements = [onStreet('van'), onStreet('van'), onStreet('van'), onStreet('catering'), offStreet('gripTruck')]
    expect(checkCityRules(town, { zone: 'vieux-centre', placements })).toMatchObject([
      { ruleIndex: 0, severity: 'error', messageKey: 'rules.exampleTown.maxTechnical', params: { max: 3, count: 4 }, placements: [0, 1, 2, 3] },
    ])
    expect(checkCityRules(town, { zone: 'Gare', placements })).toEqual([])
    expect(checkCityRules(town, { zone: 'Gare', placements: [offStreet('generator')] })).toMatchObject([
      { ruleIndex: 2, severity: 'warning', messageKey: RULE_NOTE_KEYS.generatorPowerUnknown },
    ])
  })

  it('the default rule set never complains', () => {
    fc.assert(
      fc.property(
        fc.option(fc.string(), { nil: null }),
        fc.array(fc.record({ vehicleKind: fc.constantFrom(...VEHICLE_KINDS), onStreet: fc.boolean(), generatorKw: fc.option(fc.nat(200), { nil: undefined }) })),
        (zone, placements) => {
          expect(checkCityRules(DEFAULT_RULE_SET, { zone, placements })).toEqual([])
        },
      ),
    )
  })

  it('adding a cantine or moving a vehicle off the street never adds a Paris finding', () => {
    const placement = fc.record({
      vehicleKind: fc.constantFrom(...VEHICLE_KINDS),
      onStreet: fc.boolean(),
      generatorKw: fc.option(fc.nat(40), { nil: undefined }),
    })
    fc.assert(
      fc.property(fc.constantFrom('9', '15', '18', null), fc.array(placement, { maxLength: 15 }), fc.nat(), (zone, placements, pick) => {
        const before = paris(zone, placements).length
        expect(paris(zone, [...placements, offStreet('catering'), onStreet('catering')]).length).toBe(before)
        if (placements.length > 0) {
          const moved = placements.map((p, i) => (i === pick % placements.length ? { ...p, onStreet: false } : p))
          expect(paris(zone, moved).length).toBeLessThanOrEqual(before)
        }
      }),
    )
  })

  it.each<[string, unknown]>([
    ['an unknown rule kind', { kind: 'maxTrucks', max: 3, messageKey: 'rules.x.y' }],
    ['a negative cap', { kind: 'maxTechnicalVehicles', zones: ['*'], max: -1, messageKey: 'rules.x.y' }],
    ['a fractional cap', { kind: 'maxTechnicalVehicles', zones: ['*'], max: 2.5, messageKey: 'rules.x.y' }],
    ['a cap with no zone', { kind: 'maxTechnicalVehicles', zones: [], max: 5, messageKey: 'rules.x.y' }],
    ['a partial zone the cap does not list', { kind: 'maxTechnicalVehicles', zones: ['9'], partialZones: ['18'], max: 5, messageKey: 'rules.x.y' }],
    ['an unknown vehicle kind', { kind: 'bannedOnStreet', vehicleKinds: ['spaceship'], reason: '', messageKey: 'rules.x.y' }],
    ['a ban on no vehicle', { kind: 'bannedOnStreet', vehicleKinds: [], reason: '', messageKey: 'rules.x.y' }],
    ['a misspelt field', { kind: 'generatorMinPower', minKW: 10, messageKey: 'rules.x.y' }],
    ['a message that is not a locale key', { kind: 'generatorMinPower', minKw: 10, messageKey: 'Generators banned!' }],
    ['an unknown severity', { kind: 'generatorMinPower', minKw: 10, severity: 'fatal', messageKey: 'rules.x.y' }],
  ])('rejects %s', (_, rule) => {
    expect(v.safeParse(CityRuleSetSchema, { formatVersion: 1, id: 'x', name: 'X', asOf: '2024', rules: [rule] }).success).toBe(false)
  })

  it('accepts a partial zone spelt differently from its listing', () => {
    const rule = { kind: 'maxTechnicalVehicles', zones: ['18e'], partialZones: ['75018'], max: 5, messageKey: 'rules.x.y' }
    expect(v.safeParse(CityRuleSetSchema, { formatVersion: 1, id: 'x', name: 'X', asOf: '2024', rules: [rule] }).success).toBe(true)
  })

  it('rejects another format version and a bad id', () => {
    expect(v.safeParse(CityRuleSetSchema, { ...PARIS_RULE_SET, formatVersion: 2 }).success).toBe(false)
    expect(v.safeParse(CityRuleSetSchema, { ...PARIS_RULE_SET, id: 'Paris 2024' }).success).toBe(false)
  })
})
