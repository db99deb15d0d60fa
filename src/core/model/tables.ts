/**
 * The synced entities and their table names, without their schemas: what the device database needs to open,
 * so the first screen does not load the validation code (the schemas come with the first write). A table is named
 * after its entity and keyed by [productionId+id]: a record of one production never replaces another's.
 */
export const ENTITY_TABLES = {
  production: 'production',
  shootDay: 'shootDay',
  location: 'location',
  vehicle: 'vehicle',
  placement: 'placement',
  authority: 'authority',
  permit: 'permit',
  meal: 'meal',
  rentalHouse: 'rentalHouse',
  inventoryItem: 'inventoryItem',
  conditionReport: 'conditionReport',
  photo: 'photo',
} as const

/**
 * The tables of device databases before records were keyed per production (version 3 and below): the upgrade
 * copies them into ENTITY_TABLES, then drops them.
 */
export const LEGACY_ENTITY_TABLES: Record<EntityName, string> = {
  production: 'productions',
  shootDay: 'shootDays',
  location: 'locations',
  vehicle: 'vehicles',
  placement: 'placements',
  authority: 'authorities',
  permit: 'permits',
  meal: 'meals',
  rentalHouse: 'rentalHouses',
  inventoryItem: 'inventoryItems',
  conditionReport: 'conditionReports',
  photo: 'photos',
}

export type EntityName = keyof typeof ENTITY_TABLES
export type EntityTable = (typeof ENTITY_TABLES)[EntityName]

export function isEntityName(name: string): name is EntityName {
  return Object.hasOwn(ENTITY_TABLES, name)
}
