/**
 * Areas on the ground (a vehicle plan's base camp): hatched polygons with their name, tappable (`select`). A `draft`
 * area being traced shows dashed, with a dot per tapped point. The hatching is an SVG pattern kept once in the page.
 */
import L from 'leaflet'
import { defineComponent, type PropType } from 'vue'
import { drawTrace, namedShape, usePlanLayer } from './planTrace'
import './planLayers.css'

export interface MapArea {
  id: string
  points: [number, number][]
  label: string
  color: string
}

const SVG_NS = 'http://www.w3.org/2000/svg'

/** The id of a diagonal hatching pattern in `color`, added to the page the first time it is asked for. */
function hatching(color: string): string {
  const id = `map-hatch-${color.replace(/[^a-z0-9]/gi, '')}`
  if (document.getElementById(id)) return id
  let defs: Element | null = document.getElementById('map-hatch-defs')
  if (!defs) {
    // Not display:none: browsers do not paint patterns defined in a hidden SVG.
    const svg = document.createElementNS(SVG_NS, 'svg')
    svg.setAttribute('width', '0')
    svg.setAttribute('height', '0')
    svg.setAttribute('aria-hidden', 'true')
    svg.style.position = 'absolute'
    const created = document.createElementNS(SVG_NS, 'defs')
    created.id = 'map-hatch-defs'
    svg.append(created)
    defs = created
    document.body.append(svg)
  }
  const pattern = document.createElementNS(SVG_NS, 'pattern')
  pattern.id = id
  pattern.setAttribute('patternUnits', 'userSpaceOnUse')
  pattern.setAttribute('width', '10')
  pattern.setAttribute('height', '10')
  pattern.setAttribute('patternTransform', 'rotate(45)')
  const background = document.createElementNS(SVG_NS, 'rect')
  background.setAttribute('width', '10')
  background.setAttribute('height', '10')
  background.setAttribute('fill', color)
  background.setAttribute('fill-opacity', '0.08')
  const stripe = document.createElementNS(SVG_NS, 'line')
  stripe.setAttribute('x1', '0')
  stripe.setAttribute('y1', '0')
  stripe.setAttribute('x2', '0')
  stripe.setAttribute('y2', '10')
  stripe.setAttribute('stroke', color)
  stripe.setAttribute('stroke-width', '3')
  stripe.setAttribute('stroke-opacity', '0.45')
  pattern.append(background, stripe)
  defs.append(pattern)
  return id
}

export default defineComponent({
  name: 'MapAreaLayer',
  props: {
    areas: { type: Array as PropType<MapArea[]>, required: true },
    selected: { type: String as PropType<string | null>, default: null },
    draft: { type: Array as PropType<[number, number][]>, default: () => [] },
    interactive: { type: Boolean, default: true },
  },
  emits: { select: (_id: string) => true },
  setup(props, { emit }) {
    // Under the vehicles: an area is where they stand.
    usePlanLayer('plan-areas', 390, () => [props.areas, props.selected, props.draft, props.interactive], (group) => {
      for (const area of props.areas) {
        const selected = area.id === props.selected
        const polygon = L.polygon(area.points, {
          pane: 'plan-areas', color: area.color, weight: selected ? 4 : 2.5, dashArray: '10 6', fillColor: `url(#${hatching(area.color)})`,
          fillOpacity: 1, interactive: props.interactive, bubblingMouseEvents: false, className: 'plan-area',
        })
        const bounds = L.latLngBounds(area.points)
        // On its northern edge: vehicles stand inside, and a label in the middle would hide them.
        namedShape(group, polygon, {
          kind: 'area', id: area.id, label: area.label, labelAt: [bounds.getNorth(), bounds.getCenter().lng], labelClass: 'plan-area-label',
          tooltip: { direction: 'center' }, onTap: props.interactive ? () => emit('select', area.id) : undefined,
        })
      }
      drawTrace(group, props.draft, { pane: 'plan-areas', color: '#6a4c93', weight: 3, closed: true })
    })
    return () => null
  },
})
