/** A vehicle of the production's catalogue, with its real footprint in metres (drawn at scale on plans). */
import * as v from 'valibot'
import { baseEntries, choice, optionalNumber, optionalPhone, optionalText, requiredText } from './fields'

export const VEHICLE_KINDS = [
  'van', 'electricTruck', 'gripTruck', 'dressingRoom', 'catering', 'cateringTent', 'generator', 'productionOffice', 'hmc',
  'pictureCar', 'car', 'other',
] as const
export type VehicleKind = (typeof VEHICLE_KINDS)[number]

/** Typical footprints from DOMAIN.md (length x width, metres); the user can change them per vehicle. */
export const DEFAULT_FOOTPRINTS: Record<VehicleKind, { lengthM: number; widthM: number }> = {
  van: { lengthM: 6.5, widthM: 2.2 },
  electricTruck: { lengthM: 10, widthM: 2.55 },
  gripTruck: { lengthM: 10, widthM: 2.55 },
  dressingRoom: { lengthM: 12, widthM: 2.55 },
  catering: { lengthM: 11, widthM: 2.55 },
  cateringTent: { lengthM: 12, widthM: 6 },
  generator: { lengthM: 4, widthM: 2 },
  productionOffice: { lengthM: 6.5, widthM: 2.2 },
  hmc: { lengthM: 12, widthM: 2.55 },
  pictureCar: { lengthM: 4.5, widthM: 1.8 },
  car: { lengthM: 4.5, widthM: 1.8 },
  other: { lengthM: 5, widthM: 2 },
}

/** Sizes outside these bounds are typing mistakes, not vehicles (a 0 m truck, a 200 m van). */
const dimension = (max: number) =>
  v.pipe(v.number('validation.number'), v.minValue(0.5, 'validation.vehicleSize'), v.maxValue(max, 'validation.vehicleSize'))

export const vehicleFields = {
  name: requiredText(120),
  kind: choice(VEHICLE_KINDS),
  lengthM: dimension(25),
  widthM: dimension(8),
  /** Power of the generator this vehicle is or carries (kW): city rules ban small generators on the street. */
  generatorKw: optionalNumber(0, 5000),
  plate: optionalText(20),
  driver: optionalText(120),
  phone: optionalPhone,
  notes: optionalText(2000),
}

export const VehicleInputSchema = v.looseObject(vehicleFields)
export const VehicleSchema = v.looseObject({ ...baseEntries, ...vehicleFields })
export type Vehicle = v.InferOutput<typeof VehicleSchema>
