/** État des lieux: the condition of a décor at entry or exit, room by room, with keys, meters and signatures. */
import * as v from 'valibot'
import { baseEntries, choice, id, optionalDate, optionalNumber, optionalText, requiredText, stringList } from './fields'
import { signatureList } from './signature'

export const REPORT_PHASES = ['entry', 'exit'] as const
export const SENSITIVE_ZONES = ['parquet', 'skirting', 'doorFrames', 'stairs', 'marble', 'carpets', 'walls', 'windows', 'furniture'] as const

export const ReportRoomSchema = v.looseObject({
  name: requiredText(80),
  zones: v.optional(v.array(choice(SENSITIVE_ZONES)), []),
  condition: optionalText(2000),
  defects: stringList(200, 1000),
})

export const conditionReportFields = {
  locationId: id,
  phase: choice(REPORT_PHASES),
  date: optionalDate,
  rooms: v.optional(v.array(ReportRoomSchema), []),
  keys: optionalText(500),
  electricityMeter: optionalText(40),
  waterMeter: optionalText(40),
  gasMeter: optionalText(40),
  ownerName: optionalText(120),
  managerName: optionalText(120),
  notes: optionalText(4000),
  /** Deposit (caution) in euros, and whether it was given back. */
  deposit: optionalNumber(0, 1_000_000),
  depositReturned: v.optional(v.boolean(), false),
  /** Owner (or their manager) and the régisseur. */
  signatures: signatureList,
}

export const ConditionReportInputSchema = v.looseObject(conditionReportFields)
export const ConditionReportSchema = v.looseObject({ ...baseEntries, ...conditionReportFields })
export type ConditionReport = v.InferOutput<typeof ConditionReportSchema>
