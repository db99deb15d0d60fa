/** What the vehicle plan's kerb and area layers share: their panes, and the shape being traced point by point. */
import L from 'leaflet'

/** Puts a pane at `zIndex`, made the first time: the plan's layers stack by pane, whatever order they draw in. */
export function stackPane(map: L.Map, name: string, zIndex: number): void {
  const pane = map.getPane(name) ?? map.createPane(name)
  pane.style.zIndex = String(zIndex)
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
