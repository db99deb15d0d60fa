/** "You are here": the device's position as a blue dot inside the circle of its accuracy. */
import L from 'leaflet'
import { defineComponent, onBeforeUnmount, watch, type PropType } from 'vue'
import { injectMap } from './mapContext'

export interface HerePosition {
  lat: number
  lng: number
  /** Metres. */
  accuracy: number
}

export default defineComponent({
  name: 'MapHereLayer',
  props: {
    position: { type: Object as PropType<HerePosition | null>, default: null },
    label: { type: String, required: true },
  },
  setup(props) {
    const map = injectMap()
    const layer = L.layerGroup().addTo(map.value!)

    watch(() => props.position, (position) => {
      layer.clearLayers()
      if (!position) return
      const at: L.LatLngExpression = [position.lat, position.lng]
      L.circle(at, { radius: position.accuracy, color: '#1a73e8', weight: 1, fillOpacity: 0.12, interactive: false }).addTo(layer)
      L.circleMarker(at, { radius: 8, color: '#fff', weight: 3, fillColor: '#1a73e8', fillOpacity: 1 })
        .bindTooltip(props.label)
        .addTo(layer)
    }, { immediate: true })

    onBeforeUnmount(() => layer.remove())
    return () => null
  },
})
