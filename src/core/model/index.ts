/**
 * The registry of synced entities: name (used in mutation names, `<entity>.create`), the schema of a whole
 * record and of its editable input. The app's database and the server both derive their tables from it.
 */
import type * as v from 'valibot'
import { ConditionReportInputSchema, ConditionReportSchema } from './conditionReport'
import { InventoryItemInputSchema, InventoryItemSchema, RentalHouseInputSchema, RentalHouseSchema } from './inventory'
import { LocationInputSchema, LocationSchema } from './location'
import { MealInputSchema, MealSchema } from './meal'
import { AuthorityInputSchema, AuthoritySchema, PermitInputSchema, PermitSchema } from './permit'
import { PhotoSchema } from './photo'
import { PlacementInputSchema, PlacementSchema } from './placement'
import { ProductionInputSchema, ProductionSchema } from './production'
import { ShootDayInputSchema, ShootDaySchema } from './shootDay'
import { VehicleInputSchema, VehicleSchema } from './vehicle'

type AnySchema = v.GenericSchema

export const ENTITIES = {
  production: { table: 'productions', schema: ProductionSchema, input: ProductionInputSchema },
  shootDay: { table: 'shootDays', schema: ShootDaySchema, input: ShootDayInputSchema },
  location: { table: 'locations', schema: LocationSchema, input: LocationInputSchema },
  vehicle: { table: 'vehicles', schema: VehicleSchema, input: VehicleInputSchema },
  placement: { table: 'placements', schema: PlacementSchema, input: PlacementInputSchema },
  authority: { table: 'authorities', schema: AuthoritySchema, input: AuthorityInputSchema },
  permit: { table: 'permits', schema: PermitSchema, input: PermitInputSchema },
  meal: { table: 'meals', schema: MealSchema, input: MealInputSchema },
  rentalHouse: { table: 'rentalHouses', schema: RentalHouseSchema, input: RentalHouseInputSchema },
  inventoryItem: { table: 'inventoryItems', schema: InventoryItemSchema, input: InventoryItemInputSchema },
  conditionReport: { table: 'conditionReports', schema: ConditionReportSchema, input: ConditionReportInputSchema },
  photo: { table: 'photos', schema: PhotoSchema, input: PhotoSchema },
} as const satisfies Record<string, { table: string; schema: AnySchema; input: AnySchema }>

export type EntityName = keyof typeof ENTITIES
export type EntityTable = (typeof ENTITIES)[EntityName]['table']
export const ENTITY_NAMES = Object.keys(ENTITIES) as EntityName[]

export function isEntityName(name: string): name is EntityName {
  return Object.hasOwn(ENTITIES, name)
}

export * from './fields'
export * from './production'
export * from './shootDay'
export * from './location'
export * from './vehicle'
export * from './placement'
export * from './permit'
export * from './meal'
export * from './inventory'
export * from './conditionReport'
export * from './photo'
export * from './validate'
