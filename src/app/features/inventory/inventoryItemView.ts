/** Items out with a rental house: quantity out and back, condition, due date. */
import { ITEM_CONDITIONS, stillOut, type InventoryItem, type ItemCondition } from '../../../core/model'
import { byText, searchable, type Badge, type EntityView } from '../records/entityView'

const CONDITION_TONES: Record<ItemCondition, Badge['tone']> = { ok: 'success', damaged: 'danger', missing: 'danger', incomplete: 'warning' }

export const inventoryItemView: EntityView<InventoryItem> = {
  entity: 'inventoryItem',
  route: 'inventory',
  tab: 'returns',
  sections: [
    {
      key: 'item',
      fields: [
        { key: 'rentalHouseId', kind: 'ref', ref: 'rentalHouse', required: true },
        { key: 'name', kind: 'text', required: true },
        { key: 'reference', kind: 'text' },
        { key: 'quantityOut', kind: 'integer', required: true },
        { key: 'quantityBack', kind: 'integer' },
        { key: 'condition', kind: 'select', options: ITEM_CONDITIONS, optionsKey: 'itemCondition' },
        { key: 'dueDate', kind: 'date' },
        { key: 'note', kind: 'textarea' },
      ],
    },
  ],
  defaults: () => ({ quantityOut: 1, quantityBack: 0, condition: 'ok' }),
  title: (item) => item.name,
  subtitle: (item, refs, t) =>
    [refs('rentalHouse', item.rentalHouseId)?.name, t('inventory.backOfOut', { back: item.quantityBack, out: item.quantityOut }), item.reference]
      .filter(Boolean).join(' · '),
  badge: (item, t) =>
    item.condition !== 'ok'
      ? { label: t(`options.itemCondition.${item.condition}`), tone: CONDITION_TONES[item.condition] }
      : stillOut(item) > 0
        ? { label: t('inventory.stillOut', { n: stillOut(item) }), tone: 'warning' }
        : { label: t('inventory.returned'), tone: 'success' },
  searchText: (item, refs) => searchable(item.name, item.reference, refs('rentalHouse', item.rentalHouseId)?.name),
  filters: [
    { key: 'condition', options: ITEM_CONDITIONS, optionsKey: 'itemCondition' },
    { key: 'rentalHouseId', options: [], ref: 'rentalHouse' },
  ],
  sorts: [
    { key: 'name', compare: byText((item) => item.name) },
    { key: 'stillOut', compare: (a, b) => stillOut(b) - stillOut(a) },
    { key: 'dueDate', compare: byText((item) => item.dueDate || '9999') },
  ],
  refEntities: ['rentalHouse'],
  actions: [{ key: 'return', path: (item) => `rental-houses/${item.rentalHouseId}/return` }],
}
