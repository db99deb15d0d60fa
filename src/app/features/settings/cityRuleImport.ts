/**
 * Reading a city rule set a team shares as JSON (pasted or from a file): parsed, validated with the same
 * CityRuleSetSchema the app and the server use, and every problem said in the user's words with where it is in
 * the file ("règle 2, max : saisissez un nombre entier"). Nothing is kept from a file with a single problem.
 * Pure: the translation function is passed in.
 */
import * as v from 'valibot'
import { MAX_CUSTOM_RULE_SETS } from '../../../core/model/production'
import { CityRuleSetSchema, DEFAULT_RULE_SET, type CityRuleSet } from '../../../core/rules/cityRules'

export type PathSegment = string | number

export interface ImportProblem {
  /** Keys and indexes from the top of the file: ['rules', 1, 'max']. */
  path: PathSegment[]
  messageKey: string
  params?: Record<string, string | number>
}

export type CityRuleImport = { ok: true; ruleSet: CityRuleSet } | { ok: false; problems: ImportProblem[] }

export type Translate = (key: string, named?: Record<string, unknown>) => string

/** valibot prints expected values as `"van" | "car"`: the list a user can copy from. */
const optionsOf = (expected: string | null) => (expected ?? '').replace(/^\(|\)$/g, '').split(' | ').map((option) => option.replace(/^"|"$/g, '')).join(', ')

function problemOf(issue: v.BaseIssue<unknown>): ImportProblem {
  const path = (issue.path ?? []).map((item) => item.key as PathSegment)
  const last = path[path.length - 1]
  const received = typeof issue.input === 'string' ? issue.input : issue.received
  // An absent key: valibot reports the object's own English message, not the field's.
  if (issue.type === 'strict_object' && issue.input === undefined && issue.expected !== 'never') return { path, messageKey: 'validation.required' }
  if (issue.type === 'strict_object') return { path, messageKey: 'cityRules.import.unknownField' }
  if (issue.type === 'variant' && last === 'kind') return { path, messageKey: 'cityRules.import.unknownKind', params: { received, options: optionsOf(issue.expected) } }
  if (issue.type === 'picklist') return { path, messageKey: 'cityRules.import.notInList', params: { received, options: optionsOf(issue.expected) } }
  if (issue.type === 'literal') return { path, messageKey: 'cityRules.import.expected', params: { value: issue.expected ?? '' } }
  if (issue.type === 'regex' && last === 'id') return { path, messageKey: 'cityRules.import.id' }
  if (issue.type === 'regex' && last === 'messageKey') return { path, messageKey: 'cityRules.import.messageKey' }
  if (issue.type === 'check' && last === 'rules') return { path, messageKey: 'cityRules.import.partialZones' }
  return { path, messageKey: issue.message.startsWith('validation.') ? issue.message : 'cityRules.import.invalid' }
}

/** Parses and validates a rule set; the problems come in the order of the file. */
export function parseCityRuleSet(text: string): CityRuleImport {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return { ok: false, problems: [{ path: [], messageKey: 'cityRules.import.notJson', params: { detail: error instanceof Error ? error.message : String(error) } }] }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, problems: [{ path: [], messageKey: 'cityRules.import.notObject' }] }
  const result = v.safeParse(CityRuleSetSchema, data)
  if (!result.success) return { ok: false, problems: result.issues.map(problemOf) }
  if (result.output.id === DEFAULT_RULE_SET.id) return { ok: false, problems: [{ path: ['id'], messageKey: 'cityRules.import.reservedId' }] }
  return { ok: true, ruleSet: result.output }
}

/** ['rules', 1, 'max'] -> 'règle 2, max'; ['rules', 0, 'zones', 2] -> 'règle 1, zones, élément 3'. */
export function problemPath(path: readonly PathSegment[], t: Translate): string {
  const parts: string[] = []
  path.forEach((segment, index) => {
    if (typeof segment === 'number') parts.push(t(path[index - 1] === 'rules' ? 'cityRules.import.rule' : 'cityRules.import.item', { n: segment + 1 }))
    else if (!(segment === 'rules' && typeof path[index + 1] === 'number')) parts.push(segment)
  })
  return parts.join(', ')
}

/** One problem as a line: "règle 2, max : saisissez un nombre entier". */
export function formatProblem(problem: ImportProblem, t: Translate): string {
  const message = t(problem.messageKey, problem.params ?? {}).replace(/\.$/, '')
  const sentence = message.charAt(0).toLocaleLowerCase() + message.slice(1)
  if (problem.path.length === 0) return message
  return t('cityRules.import.problem', { path: problemPath(problem.path, t), message: sentence })
}

/**
 * The production's own rule sets once `ruleSet` is added: a set with the same id is replaced (a corrected version
 * of the team's file), else it is appended. Null when the production already keeps the most it may.
 */
export function withRuleSet(custom: readonly CityRuleSet[], ruleSet: CityRuleSet): CityRuleSet[] | null {
  if (custom.some((own) => own.id === ruleSet.id)) return custom.map((own) => (own.id === ruleSet.id ? ruleSet : own))
  if (custom.length >= MAX_CUSTOM_RULE_SETS) return null
  return [...custom, ruleSet]
}

/** The file a set is exported to, named after it: 'regles-paris.json'. */
export function exportFileName(ruleSet: Pick<CityRuleSet, 'id'>): string {
  return `regles-${ruleSet.id}.json`
}
