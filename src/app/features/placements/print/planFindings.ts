/**
 * A plan finding as a sentence. Built-in rule sets name their messages in the locale files; a rule set a team
 * imported may name a message the app does not have ("rules.lyon.maxTechnical"), so those findings fall back on a
 * sentence made from what the check measured.
 */
import { DEFAULT_RULE_SET, type CityRuleSet } from '../../../../core/rules/cityRules'
import type { PlanFinding } from '../../../../core/rules/vehiclePlan'
import { findingParams } from '../useDayPlan'
import type { DocumentTranslate } from './streetPlaces'

export function findingText(finding: PlanFinding, td: DocumentTranslate, hasMessage: (key: string) => boolean, lang: string): string {
  const params = findingParams(finding, lang)
  if (hasMessage(finding.messageKey)) return td(finding.messageKey, params)
  if ('max' in params) return td('planPrint.check.fallback.max', params)
  if ('minKw' in params) return td('planPrint.check.fallback.generator', params)
  return td('planPrint.check.fallback.banned', params)
}

/** The rule set's name as printed: the built-in "no rules" set is named in the document's language. */
export function ruleSetName(ruleSet: Pick<CityRuleSet, 'id' | 'name'>, td: DocumentTranslate): string {
  return ruleSet.id === DEFAULT_RULE_SET.id ? td('cityRules.noRules') : ruleSet.name
}
