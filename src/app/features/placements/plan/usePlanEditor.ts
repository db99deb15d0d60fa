/**
 * The plan screen's vehicle editing: which vehicle is selected or highlighted, and what a drop, a turn, an added
 * vehicle or a panel edit writes. A drop or a turn is one write of where the vehicle stands (position, heading and
 * the street reading a kerb gives), which the write path sends as one `placement.move`; a vehicle with no room
 * along the kerb is added "à placer" (no place) and the user is told. A refused edit (departure before arrival,
 * house numbers another vehicle of the kerb holds) writes nothing and comes back as field errors.
 */
import { computed, ref, type Ref } from 'vue'
import type { FieldErrors, Placement, Vehicle } from '../../../../core/model'
import { typedExtentErrors } from '../../../../core/rules/kerbParking'
import { placementFootprintInput } from '../../../../core/rules/vehiclePlan'
import { droppedFields, freeSpotNear, kerbTooShort, turnedFields, type PlanPosition } from '../../../../core/rules/vehiclePlanEditing'
import { useNoticeStore } from '../../../ui/noticeStore'
import { useGuardedWrite } from '../../../ui/useGuardedWrite'
import type { useDayPlan } from '../useDayPlan'
import { addPlacement, patchPlacement, removePlacement } from './planWrites'

type DayPlan = ReturnType<typeof useDayPlan>

export function usePlanEditor(plan: DayPlan, productionId: Ref<string>) {
  const notices = useNoticeStore()
  const selectedId = ref<string | null>(null)
  const highlighted = ref<string[]>([])
  const selected = computed(() => plan.placements.value.find((placement) => placement.id === selectedId.value))

  function select(id: string | null) {
    selectedId.value = id
    if (id && !highlighted.value.includes(id)) highlighted.value = []
  }

  // A write that fails (read-only production, full phone) is announced instead of failing silently.
  const { guarded } = useGuardedWrite()

  const vehicleOf = (placement: Placement | undefined): Vehicle | undefined => placement && plan.vehicles.value.get(placement.vehicleId)

  function dropFields(id: string, position: PlanPosition): Record<string, unknown> | null {
    const placement = plan.placements.value.find((candidate) => candidate.id === id)
    const vehicle = vehicleOf(placement)
    if (!placement || !vehicle || !plan.day.value) return null
    return droppedFields(placement, vehicle, position, plan.day.value, plan.placements.value)
  }

  /** Where a dropped vehicle lands (parked along a kerb near it): drawn there at once, before the write. */
  function landing(id: string, position: PlanPosition): PlanPosition {
    const fields = dropFields(id, position)
    return fields ? { lat: fields.lat as number, lng: fields.lng as number, heading: fields.heading as number } : position
  }

  async function dropped({ id, ...position }: { id: string } & PlanPosition) {
    const fields = dropFields(id, position)
    if (!fields) return
    await guarded(() => patchPlacement(productionId.value, id, fields))
    const vehicle = vehicleOf(plan.placements.value.find((placement) => placement.id === id))
    const short = vehicle && plan.day.value ? kerbTooShort(position, vehicle, plan.day.value) : null
    if (vehicle && short) notices.info('vehiclePlan.vehicle.kerbTooShort', { name: vehicle.name, street: short.kerb.street, metres: Math.round(short.kerbLengthM) })
  }

  /** House numbers typed in the panel are checked against the kerb before anything is written. */
  async function patchSelected(fields: Record<string, unknown>): Promise<FieldErrors> {
    const current = selected.value
    if (!current) return {}
    if (['side', 'fromNumber', 'toNumber'].some((key) => key in fields)) {
      const others = plan.placements.value.filter((placement) => placement.id !== current.id)
      const refused = typedExtentErrors({ ...current, ...fields } as Placement, plan.day.value?.kerbs ?? [], others)
      if (refused) return refused
    }
    const result = await guarded(() => patchPlacement(productionId.value, current.id, fields))
    return result && !result.ok ? result.errors : {}
  }

  function turnTo(id: string, heading: number) {
    const placement = plan.placements.value.find((candidate) => candidate.id === id)
    if (!placement || !plan.day.value) return
    const fields = turnedFields(placement, vehicleOf(placement), heading, plan.day.value, plan.placements.value)
    return guarded(() => patchPlacement(productionId.value, id, fields))
  }
  const turnBy = (delta: number) => selected.value && turnTo(selected.value.id, (selected.value.heading ?? 0) + delta)

  /**
   * A free spot near `centre` for a vehicle (along a kerb if one is near, between its ends), clear of the day's
   * other vehicles; null when there is none.
   */
  function spotFor(vehicle: Vehicle, centre: { lat: number; lng: number }, except?: string): Record<string, unknown> | null {
    const day = plan.day.value
    if (!day) return null
    const others = plan.placements.value.filter((placement) => placement.id !== except)
    const footprints = others.flatMap((placement) => placementFootprintInput(placement, plan.vehicles.value.get(placement.vehicleId)) ?? [])
    const spot = freeSpotNear(centre, vehicle, day, footprints)
    return spot && droppedFields({ kerbId: '', onStreet: true }, vehicle, spot, day, others)
  }

  /** Adds a vehicle to the day near `centre`; with no room there it is added "à placer", and the user told why. */
  async function addVehicle(vehicle: Vehicle, centre: { lat: number; lng: number }) {
    const day = plan.day.value
    if (!day) return
    const spot = spotFor(vehicle, centre)
    const fields = { vehicleId: vehicle.id, shootDayId: day.id, locationId: day.locationIds[0] ?? '', onStreet: true, ...spot }
    const result = await guarded(() => addPlacement(productionId.value, fields))
    if (result?.ok && spot) {
      select(result.record.id)
      notices.success('vehiclePlan.add.placed', { name: vehicle.name })
    } else if (result?.ok) notices.info('vehiclePlan.add.noRoom', { name: vehicle.name })
    else if (result) notices.error(Object.values(result.errors)[0] ?? 'errors.saveFailed')
  }

  /** Draws a vehicle "à placer" near the map's centre, if there is room there. */
  async function placeAt(placement: Placement, centre: { lat: number; lng: number }) {
    const vehicle = vehicleOf(placement)
    if (!vehicle) return
    const spot = spotFor(vehicle, centre, placement.id)
    if (!spot) return notices.info('vehiclePlan.add.noRoomHere', { name: vehicle.name })
    await guarded(() => patchPlacement(productionId.value, placement.id, spot))
    select(placement.id)
  }

  async function removeSelected() {
    const id = selectedId.value
    if (!id) return
    await guarded(() => removePlacement(productionId.value, id))
    select(null)
    notices.info('vehiclePlan.vehicle.removed')
  }

  return { selectedId, selected, highlighted, select, landing, dropped, patchSelected, turnTo, turnBy, addVehicle, placeAt, removeSelected, guarded }
}
