/**
 * While a line or an area is traced by tapping the map: taps in quick succession add points instead of zooming
 * (double-tap zoom off; at the deepest zoom it would still pan the map under the finger), and a crosshair cursor.
 */
import { defineComponent, onBeforeUnmount, watch } from 'vue'
import { injectMap } from './mapContext'
import './planLayers.css'

export default defineComponent({
  name: 'MapDrawingMode',
  props: { active: { type: Boolean, required: true } },
  setup(props) {
    const map = injectMap()
    const leaflet = map.value!
    const zoomedOnDoubleTap = leaflet.doubleClickZoom.enabled()

    function apply(active: boolean) {
      if (active) leaflet.doubleClickZoom.disable()
      else if (zoomedOnDoubleTap) leaflet.doubleClickZoom.enable()
      leaflet.getContainer().classList.toggle('map-drawing', active)
    }

    watch(() => props.active, apply, { immediate: true })
    onBeforeUnmount(() => apply(false))
    return () => null
  },
})
