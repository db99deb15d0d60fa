/**
 * Lets a map zoom closer than its tile source goes, by enlarging the deepest tiles (as Leaflet already does between a
 * source's native and maximum zoom): a plan drawn at real scale needs a 2 m wide van to be more than a few pixels.
 * Emits `ready` once the map may zoom that far, so the first view can be set then.
 */
import L from 'leaflet'
import { defineComponent, onMounted, watch } from 'vue'
import { injectMap } from './mapContext'
import { tileSource } from './tileConfig'

export default defineComponent({
  name: 'MapDeepZoom',
  props: { maxZoom: { type: Number, required: true } },
  emits: { ready: () => true },
  setup(props, { emit }) {
    const map = injectMap()

    function apply() {
      const leaflet = map.value
      if (!leaflet) return
      const maxZoom = Math.max(props.maxZoom, tileSource.value.maxZoom)
      leaflet.eachLayer((layer) => {
        if (layer instanceof L.TileLayer) layer.options.maxZoom = maxZoom
      })
      leaflet.setMaxZoom(maxZoom)
    }

    // MapCanvas makes a new tile layer when the source changes (its watcher runs first): raise it too.
    watch([tileSource, () => props.maxZoom], apply)
    onMounted(() => {
      apply()
      emit('ready')
    })
    return () => null
  },
})
