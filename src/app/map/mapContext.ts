/** How a map's layers (child components of MapCanvas) reach the Leaflet map they draw on. */
import type { Map as LeafletMap } from 'leaflet'
import { inject, type InjectionKey, type ShallowRef } from 'vue'

export const MAP_KEY: InjectionKey<ShallowRef<LeafletMap | null>> = Symbol('regie-map')

export function injectMap(): ShallowRef<LeafletMap | null> {
  const map = inject(MAP_KEY)
  if (!map) throw new Error('A map layer must be placed inside <MapCanvas>')
  return map
}

/** A map's visible area: south, west, north, east, and its zoom. */
export interface MapView {
  bounds: [number, number, number, number]
  zoom: number
}

/** A point to show: its colour and label come from the feature (a décor's status and name). */
export interface MapPoint {
  id: string
  lat: number
  lng: number
  color: string
  label: string
  /** Built when the popup first opens. */
  popup?: () => HTMLElement
}
