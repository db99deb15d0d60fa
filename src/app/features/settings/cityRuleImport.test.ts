import { describe, expect, it } from 'vitest'
import { PARIS_RULE_SET, type CityRuleSet } from '../../../core/rules/cityRules'
import en from '../../locales/en.json'
import fr from '../../locales/fr.json'
import { formatProblem, parseCityRuleSet, problemPath, withRuleSet, type Translate } from './cityRuleImport'

/** The locale's messages, filled in as vue-i18n does for these plain ones. */
const translator = (messages: object): Translate => (key, named = {}) => {
  const message = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages) as string
  return message.replace(/\{(\w+)\}/g, (_, name: string) => String(named[name]))
}
const t = translator(fr)

const LYON: CityRuleSet = {
  formatVersion: 1, id: 'lyon', name: 'Lyon', asOf: '2025', source: 'Ville de Lyon',
  rules: [{ kind: 'generatorMinPower', minKw: 5, streetOnly: true, severity: 'error', messageKey: 'rules.lyon.generator' }],
}

function problemsOf(data: unknown): string[] {
  const result = parseCityRuleSet(JSON.stringify(data))
  if (result.ok) throw new Error('expected problems')
  return result.problems.map((problem) => formatProblem(problem, t))
}

describe('parseCityRuleSet', () => {
  it('accepts a rule set in the exported format, defaults filled in', () => {
    const result = parseCityRuleSet(JSON.stringify(PARIS_RULE_SET))
    expect(result).toEqual({ ok: true, ruleSet: PARIS_RULE_SET })
    const minimal = parseCityRuleSet(JSON.stringify({ formatVersion: 1, id: 'lyon', name: 'Lyon', asOf: '2025', rules: [{ kind: 'generatorMinPower', minKw: 5, messageKey: 'rules.lyon.generator' }] }))
    expect(minimal.ok && minimal.ruleSet.rules[0]).toEqual({ kind: 'generatorMinPower', minKw: 5, streetOnly: true, severity: 'error', messageKey: 'rules.lyon.generator' })
  })

  it('names every problem with where it is, in French', () => {
    const rules = [
      { kind: 'generatorMinPower', minKw: 10, messageKey: 'rules.x.y' },
      { kind: 'maxTechnicalVehicles', zones: ['1'], max: 2.5, messageKey: 'rules.x.max' },
      { kind: 'parkingBan' },
      { kind: 'bannedOnStreet', vehicleKinds: ['truck'], reason: '', messageKey: 'rules.x.ban' },
    ]
    expect(problemsOf({ formatVersion: 2, id: 'Lyon !', name: 'Lyon', asOf: '2025', rules, colour: 'red' })).toEqual([
      'formatVersion : valeur attendue : 1',
      'id : identifiant en lettres minuscules sans accent, chiffres et tirets (ex. lyon)',
      'règle 2, max : saisissez un nombre entier',
      'règle 3, kind : type de règle inconnu « parkingBan » (attendu : maxTechnicalVehicles, bannedOnStreet, generatorMinPower)',
      expect.stringMatching(/^règle 4, vehicleKinds, élément 1 : « truck » n'est pas une valeur permise \(attendu : van, electricTruck, /),
      'colour : champ inconnu, à retirer',
    ])
  })

  it('says which required field is missing', () => {
    expect(problemsOf({ formatVersion: 1, id: 'lyon', name: 'Lyon', rules: [] })).toEqual(['asOf : champ obligatoire'])
  })

  it('refuses a partial zone that is not one of its cap\'s zones', () => {
    const rules = [{ kind: 'maxTechnicalVehicles', zones: ['1', '2'], partialZones: ['3'], max: 5, messageKey: 'rules.x.max' }]
    expect(problemsOf({ formatVersion: 1, id: 'lyon', name: 'Lyon', asOf: '2025', rules })).toEqual([
      'rules : chaque zone partielle doit figurer parmi les zones de son plafond',
    ])
  })

  it('says when the text is not JSON or not a rule set object', () => {
    const notJson = parseCityRuleSet('{ "id": ')
    expect(notJson.ok).toBe(false)
    expect(!notJson.ok && formatProblem(notJson.problems[0]!, t)).toMatch(/^Ce texte n'est pas du JSON valide \(/)
    expect(problemsOf([1, 2])).toEqual(["Le fichier doit contenir un objet JSON décrivant un ensemble de règles (formatVersion, id, name, asOf, rules)"])
  })

  it('refuses the reserved id of the built-in "no rules" set', () => {
    expect(problemsOf({ formatVersion: 1, id: 'default', name: 'Rien', asOf: '2025', rules: [] })).toEqual([
      'id : l\'identifiant « default » est réservé : choisissez-en un autre',
    ])
  })
})

describe('problemPath', () => {
  it('numbers rules and items from 1, as people count', () => {
    expect(problemPath(['rules', 1, 'max'], t)).toBe('règle 2, max')
    expect(problemPath(['rules', 0, 'zones', 2], t)).toBe('règle 1, zones, élément 3')
    expect(problemPath(['rules'], t)).toBe('rules')
    expect(problemPath(['rules', 1, 'max'], translator(en))).toBe('rule 2, max')
  })

  it('formats in English too', () => {
    expect(formatProblem({ path: ['rules', 1, 'max'], messageKey: 'validation.integer' }, translator(en))).toBe('rule 2, max: enter a whole number')
  })
})

describe('withRuleSet', () => {
  it('appends a new set and replaces one with the same id', () => {
    expect(withRuleSet([], LYON)).toEqual([LYON])
    const corrected = { ...LYON, asOf: '2026' }
    expect(withRuleSet([LYON], corrected)).toEqual([corrected])
  })

  it('refuses a 21st set', () => {
    const many = Array.from({ length: 20 }, (_, index) => ({ ...LYON, id: `city-${index}` }))
    expect(withRuleSet(many, LYON)).toBeNull()
    expect(withRuleSet(many, { ...LYON, id: 'city-3' })).toHaveLength(20)
  })
})
