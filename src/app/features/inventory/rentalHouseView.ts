/** Rental houses (loueurs) the production has equipment from. */
import { RENTAL_CATEGORIES, type RentalHouse } from '../../../core/model'
import { byText, searchable, type EntityView } from '../records/entityView'

export const rentalHouseView: EntityView<RentalHouse> = {
  entity: 'rentalHouse',
  route: 'rental-houses',
  tab: 'returns',
  sections: [
    {
      key: 'rentalHouse',
      fields: [
        { key: 'name', kind: 'text', required: true },
        { key: 'category', kind: 'select', options: RENTAL_CATEGORIES, optionsKey: 'rentalCategory' },
        { key: 'contactName', kind: 'text' },
        { key: 'phone', kind: 'tel' },
        { key: 'email', kind: 'email' },
        { key: 'address', kind: 'text' },
        { key: 'dueDate', kind: 'date' },
        { key: 'notes', kind: 'textarea' },
      ],
    },
  ],
  defaults: () => ({ category: 'camera' }),
  title: (house) => house.name,
  subtitle: (house, _refs, t) => [t(`options.rentalCategory.${house.category}`), house.contactName, house.dueDate].filter(Boolean).join(' · '),
  searchText: (house) => searchable(house.name, house.contactName),
  filters: [{ key: 'category', options: RENTAL_CATEGORIES, optionsKey: 'rentalCategory' }],
  sorts: [
    { key: 'name', compare: byText((house) => house.name) },
    { key: 'dueDate', compare: byText((house) => house.dueDate || '9999') },
  ],
  actions: [{ key: 'return', path: (house) => `rental-houses/${house.id}/return` }],
}
