/**
 * Lines drawn along the ground (the kerbs of a vehicle plan): thick, named along their middle, tappable (`select`).
 * A `draft` line being traced shows dashed, with a dot per tapped point. Redrawn whole on change: a plan has a few.
 */
import L from 'leaflet'
import { defineComponent, type PropType } from 'vue'
import { drawTrace, namedShape, usePlanLayer } from './planTrace'
import './planLayers.css'

export interface MapLine {
  id: string
  points: [number, number][]
  label: string
  color: string
}

export default defineComponent({
  name: 'MapKerbsLayer',
  props: {
    lines: { type: Array as PropType<MapLine[]>, required: true },
    selected: { type: String as PropType<string | null>, default: null },
    /** Points of the line being traced. */
    draft: { type: Array as PropType<[number, number][]>, default: () => [] },
    interactive: { type: Boolean, default: true },
  },
  emits: { select: (_id: string) => true },
  setup(props, { emit }) {
    // Under the vehicles parked along them, above the areas.
    usePlanLayer('plan-lines', 395, () => [props.lines, props.selected, props.draft, props.interactive], (group) => {
      for (const line of props.lines) {
        const selected = line.id === props.selected
        const polyline = L.polyline(line.points, {
          pane: 'plan-lines', color: line.color, weight: selected ? 9 : 6, opacity: selected ? 1 : 0.85, lineCap: 'round', lineJoin: 'round',
          interactive: props.interactive, bubblingMouseEvents: false, className: `plan-kerb${selected ? ' plan-kerb-selected' : ''}`,
        })
        const middle = line.points[Math.floor((line.points.length - 1) / 2)]!
        const next = line.points[Math.floor((line.points.length - 1) / 2) + 1] ?? middle
        namedShape(group, polyline, {
          kind: 'kerb', id: line.id, label: line.label, labelAt: [(middle[0] + next[0]) / 2, (middle[1] + next[1]) / 2], labelClass: 'plan-kerb-label',
          tooltip: { direction: 'top', offset: [0, -6] }, onTap: props.interactive ? () => emit('select', line.id) : undefined,
        })
      }
      drawTrace(group, props.draft, { pane: 'plan-lines', color: '#1d3557', weight: 5, closed: false })
    })
    return () => null
  },
})
