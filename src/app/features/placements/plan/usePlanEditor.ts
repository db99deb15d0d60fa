/**
 * The plan screen's vehicle editing: which vehicle is selected or highlighted, and what a drop, a turn, an added
 * vehicle or a panel edit writes. A drop is one write of where the vehicle stands (position, heading and the street
 * reading a kerb gives), which the write path sends as one `placement.move`;
 * a refused edit (departure before arrival) writes nothing and comes back as field errors.
 */
import { computed, ref, type Ref } from 'vue'
import type { FieldErrors, Placement, Vehicle } from '../../../../core/model'
import { normaliseHeading } from '../../../../core/rules/footprint'
import { placementFootprintInput } from '../../../../core/rules/vehiclePlan'
import { droppedFields, freeSpotNear, type PlanPosition } from '../../../../core/rules/vehiclePlanEditing'
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
    return droppedFields(placement, vehicle, position, plan.day.value)
  }

  /** Where a dropped vehicle lands (parked along a kerb near it): drawn there at once, before the write. */
  function landing(id: string, position: PlanPosition): PlanPosition {
    const fields = dropFields(id, position)
    return fields ? { lat: fields.lat as number, lng: fields.lng as number, heading: fields.heading as number } : position
  }

  async function dropped({ id, ...position }: { id: string } & PlanPosition) {
    const fields = dropFields(id, position)
    if (fields) await guarded(() => patchPlacement(productionId.value, id, fields))
  }

  async function patchSelected(fields: Record<string, unknown>): Promise<FieldErrors> {
    const id = selectedId.value
    if (!id) return {}
    const result = await guarded(() => patchPlacement(productionId.value, id, fields))
    return result && !result.ok ? result.errors : {}
  }

  const turnTo = (id: string, heading: number) => guarded(() => patchPlacement(productionId.value, id, { heading: Math.round(normaliseHeading(heading)) }))
  const turnBy = (delta: number) => selected.value && turnTo(selected.value.id, (selected.value.heading ?? 0) + delta)

  /** A free spot near `centre` for a vehicle (along a kerb if one is near), clear of the day's other vehicles. */
  function spotFor(vehicle: Vehicle, centre: { lat: number; lng: number }, except?: string): Record<string, unknown> | null {
    const day = plan.day.value
    if (!day) return null
    const others = plan.placements.value.flatMap((placement) => {
      const footprint = placement.id === except ? null : placementFootprintInput(placement, plan.vehicles.value.get(placement.vehicleId))
      return footprint ? [footprint] : []
    })
    return droppedFields({ kerbId: '', onStreet: true }, vehicle, freeSpotNear(centre, vehicle, day, others), day)
  }

  async function addVehicle(vehicle: Vehicle, centre: { lat: number; lng: number }) {
    const day = plan.day.value
    const spot = spotFor(vehicle, centre)
    if (!day || !spot) return
    const fields = { vehicleId: vehicle.id, shootDayId: day.id, locationId: day.locationIds[0] ?? '', onStreet: true, ...spot }
    const result = await guarded(() => addPlacement(productionId.value, fields))
    if (result?.ok) {
      select(result.record.id)
      notices.success('vehiclePlan.add.placed', { name: vehicle.name })
    } else if (result) notices.error(Object.values(result.errors)[0] ?? 'errors.saveFailed')
  }

  /** Draws a placement made without a position (in the placements list) near the map's centre. */
  async function placeAt(placement: Placement, centre: { lat: number; lng: number }) {
    const vehicle = vehicleOf(placement)
    const spot = vehicle && spotFor(vehicle, centre, placement.id)
    if (!spot) return
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
