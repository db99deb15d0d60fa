/**
 * Tracing the day's kerbs and base camp on the plan: in a drawing mode each tap on the map adds a point; once
 * finished, a small form names the kerb (street, side, house numbers at both ends) or the base camp, and the day is
 * patched. A kerb whose numbers are not those of its side is refused. A kerb's edits follow to the vehicles parked
 * along it, in the same transaction.
 */
import { computed, ref } from 'vue'
import { KerbSchema, BaseCampSchema, validate, type BaseCamp, type FieldErrors, type Kerb } from '../../../../core/model'
import { kerbSideErrors } from '../../../../core/rules/kerbParking'
import { kerbFollowers } from '../../../../core/rules/vehiclePlanEditing'
import { newId } from '../../../../core/sync/ids'
import type { useDayPlan } from '../useDayPlan'
import { saveDayLayout } from './planWrites'

type DayPlan = ReturnType<typeof useDayPlan>
export type DrawingMode = 'kerb' | 'area'
type Point = [number, number]

/** A kerb being named: new (no id yet, just traced) or existing. */
export interface KerbDraft {
  id?: string
  street: string
  side: Kerb['side']
  startNumber: number | null
  endNumber: number | null
  points: Point[]
}

/** A kerb or base camp being named, new (just traced) or existing (tapped on the map). */
export type LayoutForm = { kind: 'kerb'; kerb: KerbDraft } | { kind: 'area'; camp: BaseCamp }

const draftOf = (kerb: Kerb): KerbDraft => ({
  id: kerb.id, street: kerb.street, side: kerb.side ?? '', startNumber: kerb.startNumber ?? null, endNumber: kerb.endNumber ?? null,
  points: kerb.points as Point[],
})

export const MIN_POINTS: Record<DrawingMode, number> = { kerb: 2, area: 3 }

export function usePlanDrawing(plan: DayPlan, guarded: <T>(write: () => Promise<T>) => Promise<T | undefined>) {
  const mode = ref<DrawingMode | null>(null)
  const draft = ref<Point[]>([])
  /** Redrawing an existing kerb (its id) rather than adding one. */
  const redrawing = ref<string | null>(null)
  const form = ref<LayoutForm | null>(null)
  const errors = ref<FieldErrors>({})
  const canFinish = computed(() => !!mode.value && draft.value.length >= MIN_POINTS[mode.value])

  function start(kind: DrawingMode, redraw: string | null = null) {
    form.value = null
    mode.value = kind
    draft.value = []
    redrawing.value = redraw
  }

  function tap(point: { lat: number; lng: number }) {
    if (mode.value) draft.value = [...draft.value, [point.lat, point.lng]]
  }

  const undo = () => (draft.value = draft.value.slice(0, -1))
  function cancel() {
    mode.value = null
    draft.value = []
    redrawing.value = null
  }

  function finish() {
    if (!canFinish.value) return
    const points = draft.value
    const existingKerb = plan.day.value?.kerbs?.find((kerb) => kerb.id === redrawing.value)
    const camp = plan.day.value?.baseCamp
    form.value = mode.value === 'kerb'
      ? { kind: 'kerb', kerb: existingKerb ? { ...draftOf(existingKerb), points } : { street: '', side: '', startNumber: null, endNumber: null, points } }
      : { kind: 'area', camp: { label: camp?.label ?? '', onStreet: camp?.onStreet ?? false, points } }
    errors.value = {}
    cancel()
  }

  function editKerb(id: string) {
    const kerb = plan.day.value?.kerbs?.find((candidate) => candidate.id === id)
    if (kerb) form.value = { kind: 'kerb', kerb: draftOf(kerb) }
    errors.value = {}
  }

  function editCamp() {
    const camp = plan.day.value?.baseCamp
    if (camp) form.value = { kind: 'area', camp: { ...camp } }
    errors.value = {}
  }

  /** The vehicles parked along `kerbId` and what changes for each now the kerb is `kerb` (null: removed). */
  const followers = (kerbId: string, kerb: Kerb | null) => kerbFollowers(kerbId, kerb, plan.placements.value, plan.vehicles.value)

  async function saveKerb(values: KerbDraft): Promise<boolean> {
    const day = plan.day.value
    if (!day) return false
    const checked = validate(KerbSchema, { ...values, id: values.id ?? newId() })
    if (!checked.ok) return (errors.value = checked.errors), false
    const kerb = checked.value as Kerb
    // "Côté impair" with even numbers is a typing mistake: the vehicles along it would be numbered on the wrong side.
    const wrongSide = kerbSideErrors(kerb)
    if (wrongSide) return (errors.value = wrongSide), false
    const kerbs = [...(day.kerbs ?? []).filter((other) => other.id !== kerb.id), kerb]
    const result = await guarded(() => saveDayLayout(day, { kerbs }, followers(kerb.id, kerb)))
    if (result && !result.ok) errors.value = result.errors
    if (result?.ok) form.value = null
    return !!result?.ok
  }

  async function removeKerb(id: string) {
    const day = plan.day.value
    if (!day) return
    const kerbs = (day.kerbs ?? []).filter((kerb) => kerb.id !== id)
    const result = await guarded(() => saveDayLayout(day, { kerbs }, followers(id, null)))
    if (result?.ok) form.value = null
  }

  async function saveCamp(values: BaseCamp): Promise<boolean> {
    const day = plan.day.value
    if (!day) return false
    const checked = validate(BaseCampSchema, values)
    if (!checked.ok) return (errors.value = checked.errors), false
    const result = await guarded(() => saveDayLayout(day, { baseCamp: checked.value as BaseCamp }))
    if (result?.ok) form.value = null
    return !!result?.ok
  }

  async function removeCamp() {
    const day = plan.day.value
    if (!day) return
    const result = await guarded(() => saveDayLayout(day, { baseCamp: null }))
    if (result?.ok) form.value = null
  }

  return { mode, draft, redrawing, form, errors, canFinish, start, tap, undo, cancel, finish, editKerb, editCamp, saveKerb, removeKerb, saveCamp, removeCamp }
}
