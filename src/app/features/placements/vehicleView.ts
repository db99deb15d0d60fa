/**
 * The production's vehicle catalogue (kind, real footprint, plate, driver). A new vehicle starts at its kind's
 * typical size, which follows a change of kind until the user types a size.
 */
import { VEHICLE_KINDS, type Vehicle } from '../../../core/model'
import { defaultSize, sizeAfterKindChange } from '../../../core/rules/vehicleSize'
import { byText, searchable, type EntityView } from '../records/entityView'

export const vehicleView: EntityView<Vehicle> = {
  entity: 'vehicle',
  route: 'vehicles',
  tab: 'vehicles',
  sections: [
    {
      key: 'vehicle',
      fields: [
        { key: 'name', kind: 'text', required: true },
        { key: 'kind', kind: 'select', options: VEHICLE_KINDS, optionsKey: 'vehicleKind' },
        { key: 'lengthM', kind: 'number', step: 0.05, required: true },
        { key: 'widthM', kind: 'number', step: 0.05, required: true },
        { key: 'generatorKw', kind: 'number', step: 0.5 },
        { key: 'plate', kind: 'text' },
        { key: 'driver', kind: 'text' },
        { key: 'phone', kind: 'tel' },
        { key: 'notes', kind: 'textarea' },
      ],
    },
  ],
  defaults: () => ({ kind: 'van', ...defaultSize('van') }),
  follow: (changed, before, values) => (changed === 'kind' ? sizeAfterKindChange(values, before, values.kind) : null),
  title: (vehicle) => vehicle.name,
  subtitle: (vehicle, _refs, t) =>
    [t(`options.vehicleKind.${vehicle.kind}`), `${vehicle.lengthM} × ${vehicle.widthM} m`, vehicle.plate].filter(Boolean).join(' · '),
  searchText: (vehicle) => searchable(vehicle.name, vehicle.plate, vehicle.driver),
  filters: [{ key: 'kind', options: VEHICLE_KINDS, optionsKey: 'vehicleKind' }],
  sorts: [
    { key: 'name', compare: byText((vehicle) => vehicle.name) },
    { key: 'kind', compare: byText((vehicle) => vehicle.kind) },
    { key: 'length', compare: (a, b) => b.lengthM - a.lengthM },
  ],
}
