/**
 * A city rule said in plain words: what it caps or bans, where, and what it leaves out. The rules are data
 * (cityRules.ts); this turns any rule of the format into sentences, so an imported city reads as clearly as Paris.
 * Pure: returns locale keys with their params; names of kinds and zones come from the functions passed in.
 */
import { ANY_ZONE, type CityRule } from '../../../core/rules/cityRules'
import type { VehicleKind } from '../../../core/model'

export interface RuleSentence {
  key: string
  params: Record<string, string | number>
}

export interface RuleWording {
  kindName: (kind: VehicleKind) => string
  zoneName: (zone: string) => string
}

const list = (items: string[]) => items.join(', ')

export function explainRule(rule: CityRule, { kindName, zoneName }: RuleWording): RuleSentence[] {
  switch (rule.kind) {
    case 'maxTechnicalVehicles': {
      const named = rule.zones.filter((zone) => zone !== ANY_ZONE)
      const sentences: RuleSentence[] = []
      if (rule.zones.includes(ANY_ZONE)) sentences.push({ key: 'cityRules.explain.maxElsewhere', params: { max: rule.max } })
      if (named.length) sentences.push({ key: 'cityRules.explain.maxZones', params: { max: rule.max, zones: list(named.map(zoneName)) } })
      sentences.push({ key: rule.streetOnly ? 'cityRules.explain.streetOnly' : 'cityRules.explain.offStreetToo', params: {} })
      if (rule.excludeKinds.length) sentences.push({ key: 'cityRules.explain.excluded', params: { kinds: list(rule.excludeKinds.map(kindName)) } })
      if (rule.partialZones.length) sentences.push({ key: 'cityRules.explain.partial', params: { zones: list(rule.partialZones.map(zoneName)) } })
      return sentences
    }
    case 'bannedOnStreet':
      return [{ key: 'cityRules.explain.banned', params: { kinds: list(rule.vehicleKinds.map(kindName)) } }]
    case 'generatorMinPower':
      return [{ key: rule.streetOnly ? 'cityRules.explain.generatorStreet' : 'cityRules.explain.generatorEverywhere', params: { minKw: rule.minKw } }]
  }
}
