/**
 * What the vehicle plan's kerb and area layers share: a pane of their own, a group redrawn whole when their props
 * change, tappable named shapes, and the shape being traced point by point.
 */
import L from 'leaflet'
import { onBeforeUnmount, watch, type WatchSource } from 'vue'
import { injectMap } from './mapContext'
import { textElement } from './mapText'

/** Puts a pane at `zIndex`, made the first time: the plan's layers stack by pane, whatever order they draw in. */
function stackPane(map: L.Map, name: string, zIndex: number): void {
  const pane = map.getPane(name) ?? map.createPane(name)
  pane.style.zIndex = String(zIndex)
}

/**
 * A layer of the map's plan in its pane at `zIndex`, drawn by `draw` into an emptied group whenever `source`
 * changes (a plan has a few kerbs and areas: redrawing them whole is cheap), removed with the component.
 */
export function usePlanLayer(pane: string, zIndex: number, source: WatchSource, draw: (group: L.LayerGroup) => void): void {
  const map = injectMap().value!
  stackPane(map, pane, zIndex)
  const group = L.layerGroup().addTo(map)
  watch(source, () => {
    group.clearLayers()
    draw(group)
  }, { immediate: true, deep: true })
  onBeforeUnmount(() => group.remove())
}

/**
 * A drawn shape the user can tap (when `onTap` is given): marked with `data-<kind>="id"` for the page and tests,
 * and named by a permanent label at `labelAt`.
 */
export function namedShape(
  group: L.LayerGroup,
  shape: L.Path,
  { kind, id, label, labelAt, labelClass, onTap, tooltip }: {
    kind: string; id: string; label: string; labelAt: L.LatLngExpression; labelClass: string; onTap?: () => void; tooltip?: L.TooltipOptions
  },
): void {
  shape.addTo(group)
  if (onTap) shape.on('click', onTap)
  ;(shape.getElement() as SVGElement | undefined)?.setAttribute(`data-${kind}`, id)
  L.tooltip({ permanent: true, className: labelClass, interactive: false, ...tooltip }).setLatLng(labelAt).setContent(textElement(label)).addTo(group)
}

/**
 * The shape being traced: dashed, with a dot per tapped point; `closed` draws it as a polygon from three points
 * (an area), otherwise as a line (a kerb).
 */
export function drawTrace(
  group: L.LayerGroup,
  points: [number, number][],
  { pane, color, weight, closed }: { pane: string; color: string; weight: number; closed: boolean },
): void {
  if (points.length === 0) return
  const options: L.PolylineOptions = { pane, color, weight, dashArray: '8 6', fillOpacity: 0.1, interactive: false }
  ;(closed && points.length >= 3 ? L.polygon(points, options) : L.polyline(points, options)).addTo(group)
  for (const point of points) {
    L.circleMarker(point, { pane, radius: 6, color: '#fff', weight: 2, fillColor: color, fillOpacity: 1, interactive: false }).addTo(group)
  }
}
