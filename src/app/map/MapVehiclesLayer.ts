/**
 * Vehicles drawn at real scale: each shape a rotated rectangle (placementFootprint) in its colour, with a short
 * label (its number in the legend). A tap emits `select`; the selected shape can be dragged with a finger or the
 * mouse and turned with its handle. The drag is drawn here, frame by frame, without Vue: the parent hears once, at
 * the drop (`move`, or `turn` from the handle), and may `adjust` the drop (snap it to a kerb) so the shape lands
 * at once where it will be saved.
 */
import L from 'leaflet'
import { defineComponent, onBeforeUnmount, watch, type PropType } from 'vue'
import { placementFootprint } from '../../core/rules/footprint'
import { injectMap } from './mapContext'
import { textElement } from './mapText'
import { followPointer } from './pointerDrag'
import './planLayers.css'

export interface VehicleShape {
  id: string
  lat: number
  lng: number
  /** Degrees clockwise from north, the way its front points. */
  heading: number
  lengthM: number
  widthM: number
  color: string
  /** Drawn on the shape: its number in the legend. */
  label: string
  /** Its name, for the tooltip. */
  title: string
  /** Outlined in red or amber: a rule it breaks. */
  alert?: 'error' | 'warning' | null
}

export interface ShapePosition {
  lat: number
  lng: number
  heading: number
}

interface Drawn {
  shape: VehicleShape
  body: L.Polygon
  /** An invisible wider outline over the body: a 2 m wide van is a few pixels at street zoom, too thin for a finger. */
  hit: L.Polygon
  label: L.Marker
}

const ALERT_COLORS = { error: '#c0262d', warning: '#e08a00' } as const
const SELECTED_COLOR = '#1b1f24'
/** Pixels between the front of the selected vehicle and its turning handle. */
const HANDLE_GAP_PX = 26
/** A vehicle shorter than this on screen shows no number (the numbers of a row of vans would pile up). */
const LABEL_MIN_PX = 18

const RAD = Math.PI / 180
const cornersOf = (position: ShapePosition, shape: VehicleShape): L.LatLngExpression[] =>
  placementFootprint({ ...position, lengthM: shape.lengthM, widthM: shape.widthM })

export default defineComponent({
  name: 'MapVehiclesLayer',
  props: {
    shapes: { type: Array as PropType<VehicleShape[]>, required: true },
    selected: { type: String as PropType<string | null>, default: null },
    /** Shapes to make stand out (those a finding is about). */
    highlighted: { type: Array as PropType<string[]>, default: () => [] },
    /** false: shapes ignore taps and drags (while a kerb or an area is being drawn). */
    interactive: { type: Boolean, default: true },
    /** false: a shape can be selected but not dragged or turned (a production this phone only views). */
    movable: { type: Boolean, default: true },
    /** Where a dropped shape really goes (a kerb nearby parks it); called once per drop. */
    adjust: { type: Function as PropType<(id: string, position: ShapePosition) => ShapePosition>, default: null },
  },
  emits: {
    select: (_id: string) => true,
    move: (_move: { id: string } & ShapePosition) => true,
    turn: (_turn: { id: string; heading: number }) => true,
  },
  setup(props, { emit }) {
    const map = injectMap()
    const leaflet = map.value!
    const group = L.featureGroup().addTo(leaflet)
    const drawn = new Map<string, Drawn>()
    /** The shape being dragged or turned: updates from the database leave it alone until the drop. */
    let dragging: string | null = null
    let handle: L.Marker | null = null

    function style(shape: VehicleShape): L.PathOptions {
      const selected = shape.id === props.selected
      const alert = shape.alert ? ALERT_COLORS[shape.alert] : null
      return {
        color: selected ? SELECTED_COLOR : alert ?? '#1b1f24',
        weight: selected || alert ? 3 : 1.5,
        opacity: 0.95,
        fillColor: shape.color,
        fillOpacity: selected ? 0.9 : 0.72,
        dashArray: selected && alert ? '6 3' : undefined,
      }
    }

    function labelIcon(shape: VehicleShape): L.DivIcon {
      return L.divIcon({ className: 'plan-vehicle-label', html: textElement(shape.label), iconSize: [20, 20] })
    }

    function create(shape: VehicleShape): Drawn {
      const corners = cornersOf(shape, shape)
      const body = L.polygon(corners, { ...style(shape), interactive: false, className: 'plan-vehicle' }).addTo(group)
      const hit = L.polygon(corners, {
        stroke: true, weight: 14, opacity: 0, fill: true, fillOpacity: 0, bubblingMouseEvents: false, className: 'plan-vehicle-hit',
      }).addTo(group)
      hit.bindTooltip(textElement(shape.title), { sticky: true, direction: 'top' })
      const label = L.marker([shape.lat, shape.lng], { icon: labelIcon(shape), interactive: false, keyboard: false }).addTo(group)
      const entry: Drawn = { shape, body, hit, label }
      const path = hit.getElement() as SVGPathElement
      path.dataset.vehicle = shape.id
      hit.on('click', () => emit('select', entry.shape.id))
      path.addEventListener('pointerdown', (event) => startDrag(entry, event, 'move'))
      return entry
    }

    function draw(entry: Drawn, position: ShapePosition) {
      const corners = cornersOf(position, entry.shape)
      entry.body.setLatLngs(corners)
      entry.hit.setLatLngs(corners)
      entry.label.setLatLng([position.lat, position.lng])
      if (handle && props.selected === entry.shape.id) handle.setLatLng(handlePoint(entry.shape, position))
    }

    function restyle(entry: Drawn) {
      entry.body.setStyle(style(entry.shape))
      const element = entry.body.getElement()
      element?.classList.toggle('plan-vehicle-highlighted', props.highlighted.includes(entry.shape.id))
      element?.classList.toggle('plan-vehicle-selected', props.selected === entry.shape.id)
      ;(entry.hit.getElement() as SVGElement | undefined)?.style.setProperty('pointer-events', props.interactive ? '' : 'none')
      if (props.selected === entry.shape.id) {
        entry.body.bringToFront()
        entry.hit.bringToFront()
      }
    }

    function sync() {
      const wanted = new Map(props.shapes.map((shape) => [shape.id, shape]))
      for (const [id, entry] of drawn) {
        if (wanted.has(id)) continue
        group.removeLayer(entry.body).removeLayer(entry.hit).removeLayer(entry.label)
        drawn.delete(id)
      }
      for (const [id, shape] of wanted) {
        const entry = drawn.get(id)
        if (!entry) {
          drawn.set(id, create(shape))
          continue
        }
        if (id === dragging) continue
        const before = entry.shape
        entry.shape = shape
        if (before.lat !== shape.lat || before.lng !== shape.lng || before.heading !== shape.heading ||
          before.lengthM !== shape.lengthM || before.widthM !== shape.widthM) draw(entry, shape)
        if (before.label !== shape.label) entry.label.setIcon(labelIcon(shape))
        if (before.title !== shape.title) entry.hit.setTooltipContent(textElement(shape.title))
      }
      for (const entry of drawn.values()) restyle(entry)
      fitLabels()
      placeHandle()
      leaflet.getContainer().setAttribute('data-vehicles', String(drawn.size))
    }

    /** The turning handle sits a little ahead of the selected vehicle's front, whatever the zoom. */
    function handlePoint(shape: VehicleShape, position: ShapePosition): L.LatLng {
      const centre = leaflet.latLngToContainerPoint([position.lat, position.lng])
      const ahead = (shape.lengthM / 2) / metresPerPixel(position.lat) + HANDLE_GAP_PX
      const h = position.heading * RAD
      return leaflet.containerPointToLatLng(centre.add([Math.sin(h) * ahead, -Math.cos(h) * ahead]))
    }

    function metresPerPixel(lat: number): number {
      return (40_075_016.686 * Math.cos(lat * RAD)) / 2 ** (leaflet.getZoom() + 8)
    }

    function fitLabels() {
      for (const entry of drawn.values()) {
        const shown = entry.shape.id === props.selected || entry.shape.lengthM / metresPerPixel(entry.shape.lat) >= LABEL_MIN_PX
        const element = entry.label.getElement()
        if (element) element.style.display = shown ? '' : 'none'
      }
    }

    function placeHandle() {
      const entry = props.selected ? drawn.get(props.selected) : undefined
      if (!entry || !props.interactive || !props.movable) {
        handle?.remove()
        handle = null
        return
      }
      const at = handlePoint(entry.shape, entry.shape)
      if (!handle) {
        handle = L.marker(at, {
          icon: L.divIcon({ className: 'plan-turn-handle', html: '<span aria-hidden="true">↻</span>', iconSize: [36, 36] }),
          bubblingMouseEvents: false,
          keyboard: false,
          zIndexOffset: 2000,
        }).addTo(leaflet)
        const element = handle.getElement()!
        element.dataset.testid = 'plan-turn-handle'
        element.addEventListener('pointerdown', (event) => {
          const selected = props.selected ? drawn.get(props.selected) : undefined
          if (selected) startDrag(selected, event, 'turn')
        })
      } else handle.setLatLng(at)
    }

    function startDrag(entry: Drawn, event: PointerEvent, mode: 'move' | 'turn') {
      if (!props.interactive || !props.movable || props.selected !== entry.shape.id || event.button > 0 || dragging) return
      dragging = entry.shape.id
      const centre = leaflet.latLngToContainerPoint([entry.shape.lat, entry.shape.lng])
      let live: ShapePosition = { lat: entry.shape.lat, lng: entry.shape.lng, heading: entry.shape.heading }
      const start = followPointer(leaflet, event, {
        move(point) {
          if (mode === 'move') {
            // The vehicle keeps the spot it was grabbed by under the finger.
            const at = leaflet.containerPointToLatLng(point.add(centre.subtract(start)))
            live = { lat: at.lat, lng: at.lng, heading: live.heading }
          } else {
            const heading = Math.round(Math.atan2(point.x - centre.x, centre.y - point.y) / RAD)
            live = { ...live, heading: (heading + 360) % 360 }
          }
          draw(entry, live)
        },
        end(moved) {
          dragging = null
          const id = entry.shape.id
          if (!moved) draw(entry, entry.shape)
          else if (mode === 'turn') emit('turn', { id, heading: live.heading })
          else {
            draw(entry, props.adjust ? props.adjust(id, live) : live)
            emit('move', { id, ...live })
          }
        },
      })
    }

    const onZoom = () => {
      fitLabels()
      placeHandle()
    }
    leaflet.on('zoomend', onZoom)
    watch(() => [props.shapes, props.selected, props.highlighted, props.interactive], sync, { immediate: true })

    onBeforeUnmount(() => {
      leaflet.off('zoomend', onZoom)
      handle?.remove()
      group.remove()
      leaflet.getContainer().removeAttribute('data-vehicles')
    })
    return () => null
  },
})
