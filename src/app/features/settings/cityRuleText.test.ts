import { describe, expect, it } from 'vitest'
import { PARIS_RULE_SET } from '../../../core/rules/cityRules'
import { explainRule } from './cityRuleText'

const wording = { kindName: (kind: string) => `<${kind}>`, zoneName: (zone: string) => (/^\d+$/.test(zone) ? `${zone}e` : zone) }

describe('explainRule', () => {
  it('says a zone cap with its zones, what it leaves out and its partly covered zones', () => {
    expect(explainRule(PARIS_RULE_SET.rules[0]!, wording)).toEqual([
      { key: 'cityRules.explain.maxZones', params: { max: 5, zones: 'Paris Centre, 1e, 2e, 3e, 4e, 5e, 6e, 7e, 9e, 10e, 18e' } },
      { key: 'cityRules.explain.streetOnly', params: {} },
      { key: 'cityRules.explain.excluded', params: { kinds: '<catering>, <cateringTent>, <pictureCar>, <car>' } },
      { key: 'cityRules.explain.partial', params: { zones: '18e' } },
    ])
  })

  it('says the catch-all cap applies where no other cap does', () => {
    expect(explainRule(PARIS_RULE_SET.rules[1]!, wording)[0]).toEqual({ key: 'cityRules.explain.maxElsewhere', params: { max: 8 } })
  })

  it('says bans and the generator minimum', () => {
    expect(explainRule(PARIS_RULE_SET.rules[2]!, wording)).toEqual([{ key: 'cityRules.explain.banned', params: { kinds: '<dressingRoom>' } }])
    expect(explainRule(PARIS_RULE_SET.rules[3]!, wording)).toEqual([{ key: 'cityRules.explain.generatorStreet', params: { minKw: 10 } }])
    expect(explainRule({ kind: 'generatorMinPower', minKw: 6, streetOnly: false, severity: 'warning', messageKey: 'rules.x.y' }, wording))
      .toEqual([{ key: 'cityRules.explain.generatorEverywhere', params: { minKw: 6 } }])
  })
})
