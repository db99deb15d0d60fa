/**
 * The points of a map (décors) as coloured pins, clustered where they crowd. Follows its `points` by difference, so a
 * live list of 2,000 décors where one moved updates one marker. The `movable` point is draggable, drawn apart
 * (never hidden in a cluster) and highlighted. Emits `select` on a tap on a pin, `move` when one is dropped.
 */
import L from 'leaflet'
import { defineComponent, onBeforeUnmount, watch, type PropType } from 'vue'
import { injectMap, type MapPoint } from './mapContext'
import { createPointGroup, pinIcon } from './mapLayers'

interface Shown {
  marker: L.Marker
  point: MapPoint
  movable: boolean
}

export default defineComponent({
  name: 'MapPointsLayer',
  props: {
    points: { type: Array as PropType<MapPoint[]>, required: true },
    movable: { type: String as PropType<string | null>, default: null },
  },
  emits: {
    select: (_id: string) => true,
    move: (_move: { id: string; lat: number; lng: number }) => true,
    rendered: (_count: number) => true,
  },
  setup(props, { emit, expose }) {
    const map = injectMap()
    const shown = new Map<string, Shown>()
    // The movable point lives in a layer of its own, above the others and out of any cluster.
    const solo = L.layerGroup().addTo(map.value!)
    const group = createPointGroup((processed, total) => {
      // Called just before the group puts the last pins on the map, in the same task.
      if (processed === total) queueMicrotask(drawn)
    }).addTo(map.value!)

    /** Clustering finishes over a few frames: `data-points` on the map tells tests and the bench when pins are drawn. */
    function drawn() {
      map.value?.getContainer().setAttribute('data-points', String(shown.size))
      emit('rendered', shown.size)
    }

    function makeMarker(point: MapPoint, movable: boolean): L.Marker {
      const marker = L.marker([point.lat, point.lng], {
        icon: pinIcon(point.color, movable),
        title: point.label,
        alt: point.label,
        draggable: movable,
        autoPan: true,
        zIndexOffset: movable ? 1000 : 0,
        riseOnHover: true,
      })
      // The popup shows the point as it is when opened, not as it was when the pin was made; it pans clear of the zoom buttons.
      if (point.popup) marker.bindPopup(() => (shown.get(point.id)?.point ?? point).popup!(), { minWidth: 180, maxWidth: 260, autoPanPaddingTopLeft: [56, 16] })
      marker.on('click', () => emit('select', point.id))
      marker.on('dragend', () => {
        const { lat, lng } = marker.getLatLng()
        emit('move', { id: point.id, lat, lng })
      })
      return marker
    }

    function sync() {
      const wanted = new Map(props.points.map((point) => [point.id, point]))
      const removed: L.Layer[] = []
      const added: L.Layer[] = []
      for (const [id, entry] of shown) {
        const point = wanted.get(id)
        const movable = id === props.movable
        const same = point && movable === entry.movable && point.color === entry.point.color && point.label === entry.point.label
        if (same && point.lat === entry.point.lat && point.lng === entry.point.lng) {
          entry.point = point
          continue
        }
        if (same && !movable) {
          // Moved by someone else (or on another screen): move the pin; the cluster group follows its move event.
          entry.marker.setLatLng([point.lat, point.lng])
          entry.point = point
          continue
        }
        if (entry.movable) solo.removeLayer(entry.marker)
        else removed.push(entry.marker)
        shown.delete(id)
      }
      for (const [id, point] of wanted) {
        if (shown.has(id)) continue
        const movable = id === props.movable
        const marker = makeMarker(point, movable)
        shown.set(id, { marker, point, movable })
        if (movable) solo.addLayer(marker)
        else added.push(marker)
      }
      if (removed.length) group.removeLayers(removed)
      // addLayers finishes in chunks and reports through the progress callback; without pins to add, report now.
      if (added.length) group.addLayers(added)
      else drawn()
    }

    watch(() => [props.points, props.movable], sync, { immediate: true })

    onBeforeUnmount(() => {
      group.remove()
      solo.remove()
    })

    expose({
      /** Puts a pin back where its point is (a drop that was refused). */
      reset(id: string) {
        const entry = shown.get(id)
        entry?.marker.setLatLng([entry.point.lat, entry.point.lng])
      },
      /** Centres on a point and opens its popup, out of its cluster if need be. */
      reveal(id: string) {
        const entry = shown.get(id)
        if (!entry || !map.value) return
        const open = () => entry.marker.openPopup()
        if (!entry.movable) group.zoomToShowLayer(entry.marker, open)
        else {
          map.value.setView(entry.marker.getLatLng(), Math.max(map.value.getZoom(), 16))
          open()
        }
      },
    })
    return () => null
  },
})
