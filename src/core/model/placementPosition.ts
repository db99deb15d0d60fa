/**
 * Where the vehicle stands, with the value of each field before it is placed: its point and heading, and the street
 * reading that follows from them (the kerb it is parked along, street, side, numbers). One value for sync
 * (`placement.move`, DESIGN.md section 3): a drag on one phone and a turn on another never leave the vehicle at
 * one's place with the other's heading, or at one place with the street numbers of another.
 */
export interface PlacementPosition {
  lat: number | null
  lng: number | null
  heading: number
  kerbId: string
  street: string
  fromNumber: number | null
  toNumber: number | null
  side: string
}
export const PLACEMENT_POSITION: Readonly<PlacementPosition> = { lat: null, lng: null, heading: 0, kerbId: '', street: '', fromNumber: null, toNumber: null, side: '' }
export const PLACEMENT_POSITION_FIELDS = Object.keys(PLACEMENT_POSITION) as (keyof PlacementPosition)[]
