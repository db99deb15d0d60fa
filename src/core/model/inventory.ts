/** Return inventories: rental houses (loueurs) and the items out with each, with what came back and its state. */
import * as v from 'valibot'
import { signatureList } from './signature'
import { baseEntries, choice, count, id, optionalDate, optionalEmail, optionalPhone, optionalText, requiredText } from './fields'

export const RENTAL_CATEGORIES = ['camera', 'lights', 'grip', 'sound', 'vehicles', 'consumables', 'costume', 'set', 'other'] as const

export const rentalHouseFields = {
  name: requiredText(120),
  category: choice(RENTAL_CATEGORIES),
  contactName: optionalText(120),
  phone: optionalPhone,
  email: optionalEmail,
  address: optionalText(300),
  dueDate: optionalDate,
  notes: optionalText(2000),
  /** The return slip: signed by the rental house and by the production when the equipment comes back. */
  returnSignatures: signatureList,
}

export const RentalHouseInputSchema = v.looseObject(rentalHouseFields)
export const RentalHouseSchema = v.looseObject({ ...baseEntries, ...rentalHouseFields })
export type RentalHouse = v.InferOutput<typeof RentalHouseSchema>

export const ITEM_CONDITIONS = ['ok', 'damaged', 'missing', 'incomplete'] as const
export type ItemCondition = (typeof ITEM_CONDITIONS)[number]

export const inventoryItemFields = {
  rentalHouseId: id,
  name: requiredText(160),
  reference: optionalText(80),
  quantityOut: v.pipe(count(100_000), v.minValue(1, 'validation.positive')),
  quantityBack: v.optional(count(100_000), 0),
  condition: choice(ITEM_CONDITIONS),
  dueDate: optionalDate,
  note: optionalText(2000),
}

/** More back than out is a counting mistake: refuse it rather than hide a missing item. */
export function backWithinOut(q: { quantityOut: number; quantityBack?: number }): boolean {
  return (q.quantityBack ?? 0) <= q.quantityOut
}

export const InventoryItemInputSchema = v.pipe(
  v.looseObject(inventoryItemFields),
  v.forward(v.partialCheck([['quantityOut'], ['quantityBack']], backWithinOut, 'validation.backMoreThanOut'), ['quantityBack']),
)
export const InventoryItemSchema = v.pipe(
  v.looseObject({ ...baseEntries, ...inventoryItemFields }),
  v.forward(v.partialCheck([['quantityOut'], ['quantityBack']], backWithinOut, 'validation.backMoreThanOut'), ['quantityBack']),
)
export type InventoryItem = v.InferOutput<typeof InventoryItemSchema>

export function stillOut(item: Pick<InventoryItem, 'quantityOut' | 'quantityBack'>): number {
  return item.quantityOut - (item.quantityBack ?? 0)
}
