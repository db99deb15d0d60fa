/**
 * The synced entities and their table names, without their schemas: what the device database needs to open,
 * so the first screen does not load the validation code (the schemas come with the first write).
 */
export const ENTITY_TABLES = {
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
} as const

export type EntityName = keyof typeof ENTITY_TABLES
export type EntityTable = (typeof ENTITY_TABLES)[EntityName]

export function isEntityName(name: string): name is EntityName {
  return Object.hasOwn(ENTITY_TABLES, name)
}
