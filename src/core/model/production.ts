/** A production (film, series, short or a trainee's scouting exercise): the unit every record belongs to. */
import * as v from 'valibot'
import { baseEntries, choice, optionalDate, optionalNumber, optionalPhone, optionalText, requiredText } from './fields'
import { MealRulePresetSchema } from '../rules/mealRules'
import { CityRuleSetSchema } from '../rules/cityRules'
import { PRODUCTION_KINDS } from './options'

export { PRODUCTION_KINDS } from './options'

/** How many city rule sets of its own a production may keep. */
export const MAX_CUSTOM_RULE_SETS = 20

export const productionFields = {
  name: requiredText(120),
  kind: choice(PRODUCTION_KINDS),
  company: optionalText(120),
  /** Who residents and authorities call about the shoot (the régie), printed on the residents' notice. */
  regieContact: optionalText(120),
  regiePhone: optionalPhone,
  city: optionalText(80),
  startDate: optionalDate,
  endDate: optionalDate,
  notes: optionalText(4000),
  /** Catering budget over the whole shoot, in euros (meal totals are compared with it). */
  mealBudget: optionalNumber(0, 100_000_000),
  /** The production's own rules for which meals a day is owed; null: the defaults (DEFAULT_MEAL_PRESET). */
  mealPreset: v.optional(v.nullable(MealRulePresetSchema), null),
  /** Which city rule set the vehicle plans are checked against ('' : chosen from `city`, e.g. Paris). */
  cityRuleSetId: v.optional(v.pipe(v.string(), v.maxLength(64, 'validation.tooLong')), ''),
  /** City rule sets added by the team (data in the CityRuleSet format), next to the built-in ones. */
  customCityRules: v.optional(v.pipe(v.array(CityRuleSetSchema, 'validation.list'), v.maxLength(MAX_CUSTOM_RULE_SETS, 'validation.tooLong')), []),
}

export const ProductionInputSchema = v.looseObject(productionFields)
export const ProductionSchema = v.looseObject({ ...baseEntries, ...productionFields })
export type Production = v.InferOutput<typeof ProductionSchema>
