/**
 * The plan screen's writes. Single-record edits go through the repositories; edits that touch the day and its
 * vehicles together (a kerb renamed renumbers the vehicles along it, a plan copied to other days) are validated
 * here and committed as one transaction, so the plan is never half-written, and every change reaches the outbox.
 */
import { ENTITIES, validate, type FieldErrors, type Placement, type ShootDay, type Vehicle } from '../../../../core/model'
import { copyDayPlan, type CopyMode } from '../../../../core/rules/planCopy'
import { DEFAULT_FOOTPRINTS } from '../../../../core/model/vehicle'
import { TYPICAL_VEHICLES } from '../../../../core/rules/vehiclePlanEditing'
import { newId } from '../../../../core/sync/ids'
import { createRecords, editableFields, type SaveResult } from '../../../db/repository'
import { commitChanges, type LocalChange } from '../../../db/writePath'
import { repositoryFor } from '../../records/repositories'

export type WriteResult = { ok: true } | { ok: false; errors: FieldErrors }

const placements = () => repositoryFor<Placement>('placement')

export function patchPlacement(productionId: string, id: string, fields: Record<string, unknown>): Promise<SaveResult<Placement>> {
  return placements().update(productionId, id, fields)
}

export function addPlacement(productionId: string, fields: Record<string, unknown>): Promise<SaveResult<Placement>> {
  return placements().create(productionId, fields)
}

export function removePlacement(productionId: string, id: string): Promise<void> {
  return placements().remove(productionId, id)
}

/**
 * Changes the day's kerbs or base camp and, in the same transaction, the vehicles that follow from it (those
 * parked along a renamed or removed kerb). Nothing is written when the day's new fields are invalid.
 */
export async function saveDayLayout(
  day: ShootDay,
  fields: Partial<Pick<ShootDay, 'kerbs' | 'baseCamp'>>,
  placementPatches: { id: string; fields: Record<string, unknown> }[] = [],
): Promise<WriteResult> {
  const checked = validate(ENTITIES.shootDay.input, { ...editableFields(day), ...fields })
  if (!checked.ok) return checked
  const value = checked.value as Record<string, unknown>
  const dayFields = Object.fromEntries(Object.keys(fields).map((key) => [key, value[key]]))
  // The vehicles' new street fields are checked like any edit of them: nothing is written if one is refused.
  for (const { id, fields: patch } of placementPatches) {
    const current = await placements().get(day.productionId, id)
    const vehicle = current && validate(ENTITIES.placement.input, { ...editableFields(current), ...patch })
    if (vehicle && !vehicle.ok) return vehicle
  }
  await commitChanges([
    { op: 'patch', entity: 'shootDay', productionId: day.productionId, id: day.id, fields: dayFields },
    ...placementPatches.map(({ id, fields }): LocalChange => ({ op: 'patch', entity: 'placement', productionId: day.productionId, id, fields })),
  ])
  return { ok: true }
}

/** What a copy did to one target day. */
export interface DayCopyReport {
  dayId: string
  copied: number
  /** The day's vehicles removed ("remplacer"). */
  replaced: number
  alreadyPlaced: number
  decorCleared: number
  /** Copied without a place: their spot was taken that day and their kerb had no room left. */
  toPlace: number
}

/**
 * Copies a day's plan (vehicles, kerbs, base camp) to several days in one transaction: all of it or nothing, each
 * target day completed or replaced as `mode` says. The target days' vehicles are read from the database, not from
 * the screen, so a second tap never copies twice.
 */
export async function copyPlanToDays(
  productionId: string,
  from: { day: ShootDay; placements: readonly Placement[] },
  targets: readonly ShootDay[],
  mode: CopyMode,
  vehicles: ReadonlyMap<string, Vehicle>,
): Promise<DayCopyReport[] | { errors: FieldErrors }> {
  const stored = await placements().list(productionId)
  const changes: LocalChange[] = []
  const reports: DayCopyReport[] = []
  for (const to of targets) {
    const copy = copyDayPlan(from.day, from.placements, to, stored.filter((placement) => placement.shootDayId === to.id), mode, vehicles)
    changes.push(...copy.removed.map((id): LocalChange => ({ op: 'delete', entity: 'placement', productionId, id })))
    for (const fields of copy.placements) {
      const checked = validate(ENTITIES.placement.input, fields)
      if (!checked.ok) return { errors: checked.errors }
      changes.push({ op: 'create', entity: 'placement', record: { ...(checked.value as object), id: newId(), productionId } as Placement })
    }
    const layout: Record<string, unknown> = {}
    if (JSON.stringify(copy.kerbs) !== JSON.stringify(to.kerbs ?? [])) layout.kerbs = copy.kerbs
    if (JSON.stringify(copy.baseCamp) !== JSON.stringify(to.baseCamp ?? null)) layout.baseCamp = copy.baseCamp
    if (Object.keys(layout).length) {
      const checked = validate(ENTITIES.shootDay.input, { ...editableFields(to), ...layout })
      if (!checked.ok) return { errors: checked.errors }
      changes.push({ op: 'patch', entity: 'shootDay', productionId, id: to.id, fields: layout })
    }
    reports.push({
      dayId: to.id, copied: copy.placements.length, replaced: copy.removed.length, alreadyPlaced: copy.alreadyPlaced.length,
      decorCleared: copy.decorCleared.length, toPlace: copy.toPlace.length,
    })
  }
  if (changes.length) await commitChanges(changes)
  return reports
}

/**
 * Gives a vehicle a new size and, in the same transaction, the house numbers its placements along kerbs now cover
 * (`followers`, from extentsAfterResize). Nothing is written when the size is refused.
 */
export async function resizeVehicle(
  vehicle: Vehicle,
  size: { lengthM: number; widthM: number },
  followers: { id: string; fields: Record<string, unknown> }[],
): Promise<WriteResult> {
  const checked = validate(ENTITIES.vehicle.input, { ...editableFields(vehicle), ...size })
  if (!checked.ok) return checked
  await commitChanges([
    { op: 'patch', entity: 'vehicle', productionId: vehicle.productionId, id: vehicle.id, fields: size },
    ...followers.map(({ id, fields }): LocalChange => ({ op: 'patch', entity: 'placement', productionId: vehicle.productionId, id, fields })),
  ])
  return { ok: true }
}

/** Fills an empty catalogue with the usual vehicles of a shoot, named in the user's language, in one go. */
export async function addTypicalVehicles(productionId: string, nameOf: (key: string) => string): Promise<number> {
  const records = TYPICAL_VEHICLES.map(({ key, kind }) => ({
    entity: 'vehicle' as const,
    record: { productionId, name: nameOf(key), kind, ...DEFAULT_FOOTPRINTS[kind] } satisfies Partial<Vehicle>,
  }))
  const result = await createRecords(records)
  return result.ok ? result.count : 0
}
