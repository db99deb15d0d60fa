/** État des lieux: the condition of a décor at entry or exit, room by room, with keys, meters and signatures. */
import * as v from 'valibot'
import { baseEntries, choice, id, optionalDate, optionalText, requiredText, stringList } from './fields'

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
}

export const ConditionReportInputSchema = v.looseObject(conditionReportFields)
export const ConditionReportSchema = v.looseObject({ ...baseEntries, ...conditionReportFields })
export type ConditionReport = v.InferOutput<typeof ConditionReportSchema>
