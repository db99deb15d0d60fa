/**
 * What the plan's map layers draw, derived from the day's records: each placed vehicle as a shape in its kind's
 * colour with its number and the worst rule it breaks, the kerbs as named lines, the base camp as an area.
 */
import type { Kerb, Placement, ShootDay, Vehicle } from '../../../../core/model'
import type { PlanFinding } from '../../../../core/rules/vehiclePlan'
import type { MapArea } from '../../../map/MapAreaLayer'
import type { MapLine } from '../../../map/MapKerbsLayer'
import type { VehicleShape } from '../../../map/MapVehiclesLayer'
import { VEHICLE_COLOURS } from '../vehicleColours'

export const KERB_COLOR = '#495057'
export const BASE_CAMP_COLOR = '#6a4c93'
export const BASE_CAMP_ID = 'base-camp'

/** The worst severity among the findings about each placement. */
export function alertsByPlacement(findings: readonly PlanFinding[]): Map<string, 'error' | 'warning'> {
  const alerts = new Map<string, 'error' | 'warning'>()
  for (const finding of findings) {
    for (const id of finding.placementIds) if (alerts.get(id) !== 'error') alerts.set(id, finding.severity)
  }
  return alerts
}

export function vehicleShapes(
  placements: readonly Placement[],
  vehicles: ReadonlyMap<string, Vehicle>,
  numbers: ReadonlyMap<string, number>,
  findings: readonly PlanFinding[],
): VehicleShape[] {
  const alerts = alertsByPlacement(findings)
  return placements.flatMap((placement) => {
    const vehicle = vehicles.get(placement.vehicleId)
    if (!vehicle || typeof placement.lat !== 'number' || typeof placement.lng !== 'number') return []
    const number = numbers.get(placement.id) ?? 0
    return [{
      id: placement.id,
      lat: placement.lat,
      lng: placement.lng,
      heading: placement.heading ?? 0,
      lengthM: vehicle.lengthM,
      widthM: vehicle.widthM,
      color: VEHICLE_COLOURS[vehicle.kind] ?? VEHICLE_COLOURS.other,
      label: String(number),
      title: `${number}. ${vehicle.name}`,
      alert: alerts.get(placement.id) ?? null,
    }]
  })
}

/** "Rue de Châteaudun (pair, 2 → 42)": a kerb as its line's label says it. */
export function kerbLabel(kerb: Kerb, t: (key: string) => string): string {
  const side = kerb.side ? t(`vehiclePlan.kerb.sideShort.${kerb.side}`) : ''
  const numbers = typeof kerb.startNumber === 'number' && typeof kerb.endNumber === 'number' ? `${kerb.startNumber} → ${kerb.endNumber}` : ''
  const details = [side, numbers].filter(Boolean).join(', ')
  return details ? `${kerb.street} (${details})` : kerb.street
}

export function kerbLines(kerbs: readonly Kerb[], t: (key: string) => string): MapLine[] {
  return kerbs.map((kerb) => ({ id: kerb.id, points: kerb.points as [number, number][], label: kerbLabel(kerb, t), color: KERB_COLOR }))
}

export function baseCampAreas(day: Pick<ShootDay, 'baseCamp'> | undefined, t: (key: string) => string): MapArea[] {
  const camp = day?.baseCamp
  if (!camp) return []
  return [{ id: BASE_CAMP_ID, points: camp.points as [number, number][], label: camp.label || t('vehiclePlan.baseCamp.title'), color: BASE_CAMP_COLOR }]
}
