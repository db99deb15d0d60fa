/** Vehicle placements of a shoot day: which vehicle, where, when, and the street extent it occupies. */
import { STREET_SIDES, type FieldErrors, type Placement, type ShootDay } from '../../../core/model'
import { byText, searchable, type EntityView, type RecordReader } from '../records/entityView'
import { dayLabel } from '../days/shootDayView'

export const placementView: EntityView<Placement> = {
  entity: 'placement',
  route: 'placements',
  tab: 'vehicles',
  sections: [
    {
      key: 'placement',
      fields: [
        { key: 'shootDayId', kind: 'ref', ref: 'shootDay', required: true },
        { key: 'vehicleId', kind: 'ref', ref: 'vehicle', required: true },
        { key: 'locationId', kind: 'ref', ref: 'location' },
        { key: 'arrival', kind: 'time' },
        { key: 'departure', kind: 'time' },
        { key: 'onStreet', kind: 'checkbox' },
      ],
    },
    {
      key: 'street',
      fields: [
        { key: 'street', kind: 'text' },
        { key: 'fromNumber', kind: 'integer' },
        { key: 'toNumber', kind: 'integer' },
        { key: 'side', kind: 'select', options: STREET_SIDES, optionsKey: 'streetSide' },
      ],
    },
    {
      key: 'position',
      fields: [
        { key: 'lat', kind: 'number', step: 0.000001 },
        { key: 'lng', kind: 'number', step: 0.000001 },
        { key: 'heading', kind: 'number', step: 1 },
        { key: 'notes', kind: 'textarea' },
      ],
    },
  ],
  defaults: () => ({ side: '', heading: 0, onStreet: true }),
  title: (placement, refs) => String(refs('vehicle', placement.vehicleId)?.name ?? '—'),
  subtitle: (placement, refs, t) => {
    const day = refs('shootDay', placement.shootDayId) as ShootDay | undefined
    const extent = placement.street
      ? `${placement.street}${placement.fromNumber != null ? ` ${placement.fromNumber}–${placement.toNumber ?? ''}` : ''}`
      : ''
    const times = placement.arrival ? `${placement.arrival}–${placement.departure || '?'}` : ''
    return [day ? dayLabel(day, t) : '', extent, times].filter(Boolean).join(' · ')
  },
  searchText: (placement, refs) =>
    searchable(refs('vehicle', placement.vehicleId)?.name, refs('vehicle', placement.vehicleId)?.plate, placement.street),
  filters: [{ key: 'shootDayId', options: [], ref: 'shootDay' }],
  sorts: [
    { key: 'day', compare: byText((placement, refs) => String(refs('shootDay', placement.shootDayId)?.date ?? '') + placement.arrival) },
    { key: 'vehicle', compare: byText((placement, refs) => String(refs('vehicle', placement.vehicleId)?.name ?? '')) },
  ],
  refEntities: ['vehicle', 'shootDay', 'location'],
  crossCheck: placementDecorOfItsDay,
}

/** A placement's décor must be one its shoot day shoots: a truck is never parked at another day's décor. */
export async function placementDecorOfItsDay(values: Record<string, unknown>, read: RecordReader): Promise<FieldErrors | null> {
  const locationId = typeof values.locationId === 'string' ? values.locationId : ''
  const shootDayId = typeof values.shootDayId === 'string' ? values.shootDayId : ''
  if (!locationId || !shootDayId) return null
  const day = (await read('shootDay', shootDayId)) as ShootDay | undefined
  return day && !day.locationIds.includes(locationId) ? { locationId: 'validation.placementOtherDay' } : null
}
