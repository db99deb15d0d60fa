/** A production (film, series, short or a trainee's scouting exercise): the unit every record belongs to. */
import * as v from 'valibot'
import { baseEntries, choice, optionalDate, optionalText, requiredText } from './fields'

export const PRODUCTION_KINDS = ['feature', 'series', 'short', 'commercial', 'exercise'] as const

export const productionFields = {
  name: requiredText(120),
  kind: choice(PRODUCTION_KINDS),
  company: optionalText(120),
  city: optionalText(80),
  startDate: optionalDate,
  endDate: optionalDate,
  notes: optionalText(4000),
}

export const ProductionInputSchema = v.looseObject(productionFields)
export const ProductionSchema = v.looseObject({ ...baseEntries, ...productionFields })
export type Production = v.InferOutput<typeof ProductionSchema>
