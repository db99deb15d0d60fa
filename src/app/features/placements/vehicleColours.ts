/**
 * One colour per vehicle kind, the same on the plan screen, its legend and the printed plan; told apart on a street
 * map, on paper and in greyscale by lightness as much as hue (a photocopied plan still separates the light vans
 * from the dark trucks).
 */
import type { VehicleKind } from '../../../core/model'

export const VEHICLE_COLOURS: Record<VehicleKind, string> = {
  van: '#2f6fb5',
  productionOffice: '#7fb3e6',
  electricTruck: '#e07b1f',
  gripTruck: '#8a5a2b',
  dressingRoom: '#8e44ad',
  hmc: '#d66aa8',
  catering: '#2e8b57',
  cateringTent: '#9bd4a8',
  generator: '#c0392b',
  pictureCar: '#e8c229',
  car: '#95a0a8',
  other: '#3d4b5c',
}
