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

import { ENTITY_TABLES, isEntityName, type EntityName, type EntityTable } from './tables'

type AnySchema = v.GenericSchema

const T = ENTITY_TABLES

export const ENTITIES = {
  production: { table: T.production, schema: ProductionSchema, input: ProductionInputSchema },
  shootDay: { table: T.shootDay, schema: ShootDaySchema, input: ShootDayInputSchema },
  location: { table: T.location, schema: LocationSchema, input: LocationInputSchema },
  vehicle: { table: T.vehicle, schema: VehicleSchema, input: VehicleInputSchema },
  placement: { table: T.placement, schema: PlacementSchema, input: PlacementInputSchema },
  authority: { table: T.authority, schema: AuthoritySchema, input: AuthorityInputSchema },
  permit: { table: T.permit, schema: PermitSchema, input: PermitInputSchema },
  meal: { table: T.meal, schema: MealSchema, input: MealInputSchema },
  rentalHouse: { table: T.rentalHouse, schema: RentalHouseSchema, input: RentalHouseInputSchema },
  inventoryItem: { table: T.inventoryItem, schema: InventoryItemSchema, input: InventoryItemInputSchema },
  conditionReport: { table: T.conditionReport, schema: ConditionReportSchema, input: ConditionReportInputSchema },
  photo: { table: T.photo, schema: PhotoSchema, input: PhotoSchema },
} as const satisfies Record<EntityName, { table: string; schema: AnySchema; input: AnySchema }>

export const ENTITY_NAMES = Object.keys(ENTITIES) as EntityName[]
export { ENTITY_TABLES, isEntityName, type EntityName, type EntityTable }

export * from './fields'
export * from './production'
export * from './shootDay'
export * from './location'
export * from './vehicle'
export * from './placement'
export * from './lines'
export * from './permit'
export * from './meal'
export * from './inventory'
export * from './conditionReport'
export * from './photo'
export * from './signature'
export * from './validate'
