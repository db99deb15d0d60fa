/**
 * The day's fan of sun directions from a décor: one line per ray (décor → ray end) labelled with its time,
 * sunrise and sunset dashed, and a thicker line for the direction at the chosen time. Drawn as SVG paths in the
 * overlay pane; redrawn when the fan or the chosen direction changes.
 */
import L from 'leaflet'
import { defineComponent, onBeforeUnmount, watch, type PropType } from 'vue'
import { injectMap } from './mapContext'

interface LatLng {
  lat: number
  lng: number
}

export interface SunFanRayLine {
  kind: 'sunrise' | 'hour' | 'sunset'
  time: string
  end: LatLng
}

export interface SunFanLines {
  origin: LatLng
  rays: SunFanRayLine[]
  /** The direction at the chosen time (its end point); `up` false: below the horizon, drawn grey and dashed. */
  now: { time: string; end: LatLng; up: boolean } | null
}

const HOUR_COLOR = '#e0a030'
const RISE_SET_COLOR = '#c2571a'
const NOW_COLOR = '#f08c00'
const DOWN_COLOR = '#7b8794'

/** Draws a sun fan into a layer group (emptied first). */
export function drawSunFan(group: L.LayerGroup, fan: SunFanLines): void {
  group.clearLayers()
  const origin: L.LatLngExpression = [fan.origin.lat, fan.origin.lng]
  for (const ray of fan.rays) {
    const riseSet = ray.kind !== 'hour'
    L.polyline([origin, [ray.end.lat, ray.end.lng]], {
      color: riseSet ? RISE_SET_COLOR : HOUR_COLOR,
      weight: 2,
      dashArray: riseSet ? '6 5' : undefined,
      interactive: false,
      className: `sun-fan-ray sun-fan-${ray.kind}`,
    }).addTo(group)
    L.tooltip({ permanent: true, direction: 'center', className: 'sun-fan-label', interactive: false })
      .setLatLng([ray.end.lat, ray.end.lng])
      .setContent(ray.time)
      .addTo(group)
  }
  if (fan.now) {
    L.polyline([origin, [fan.now.end.lat, fan.now.end.lng]], {
      color: fan.now.up ? NOW_COLOR : DOWN_COLOR,
      weight: 5,
      dashArray: fan.now.up ? undefined : '6 5',
      className: 'sun-fan-now',
    })
      .bindTooltip(fan.now.time)
      .addTo(group)
  }
  L.circleMarker(origin, { radius: 5, color: '#fff', weight: 2, fillColor: '#333', fillOpacity: 1, interactive: false }).addTo(group)
}

export default defineComponent({
  name: 'MapSunFanLayer',
  props: {
    fan: { type: Object as PropType<SunFanLines>, required: true },
  },
  setup(props) {
    const map = injectMap()
    const layer = L.layerGroup().addTo(map.value!)
    watch(() => props.fan, (fan) => drawSunFan(layer, fan), { immediate: true })
    onBeforeUnmount(() => layer.remove())
    return () => null
  },
})
