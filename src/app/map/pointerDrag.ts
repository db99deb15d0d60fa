/**
 * Follows one pointer pressed on something drawn on a Leaflet map (a vehicle, a handle) until it is lifted: the map
 * does not pan meanwhile, the moves are reported in map container pixels at most once per animation frame, and the
 * click the browser sends after a drag is swallowed (it is not a tap on the map). Touch, pen and mouse alike.
 */
import L from 'leaflet'

export interface PointerDrag {
  /** The latest position, once per frame, after the pointer has moved past the threshold. */
  move(point: L.Point): void
  /** The pointer is lifted; `moved` is false for a tap or a cancelled gesture. */
  end(moved: boolean): void
}

/** Below this many pixels a press is a tap, not a drag. */
const DRAG_THRESHOLD_PX = 4
/** How long after a drag a click is taken for the browser's, not the user's. */
const CLICK_AFTER_DRAG_MS = 400

/** Starts following the pointer of `down`; returns where it was pressed, in map container pixels. */
export function followPointer(map: L.Map, down: PointerEvent, drag: PointerDrag): L.Point {
  // No map panning under the finger, no text selection.
  L.DomEvent.stop(down)
  const panned = map.dragging.enabled()
  map.dragging.disable()
  try {
    (down.currentTarget as Element).setPointerCapture(down.pointerId)
  } catch {
    // Synthetic events (tests, the bench) have no active pointer to capture: the document listeners still follow.
  }
  // The map's place on the page is read once: reading it on every move would force a layout per pointer event.
  const container = map.getContainer()
  const rect = container.getBoundingClientRect()
  const toContainer = (pointer: PointerEvent) =>
    L.point(pointer.clientX - rect.left - container.clientLeft, pointer.clientY - rect.top - container.clientTop)
  const start = toContainer(down)
  let latest = start
  let moved = false
  let frame = 0

  const onMove = (move: PointerEvent) => {
    if (move.pointerId !== down.pointerId) return
    latest = toContainer(move)
    if (!moved && latest.distanceTo(start) < DRAG_THRESHOLD_PX) return
    moved = true
    if (!frame) frame = requestAnimationFrame(() => {
      frame = 0
      drag.move(latest)
    })
  }
  const onEnd = (end: PointerEvent) => {
    if (end.pointerId !== down.pointerId) return
    document.removeEventListener('pointermove', onMove)
    document.removeEventListener('pointerup', onEnd)
    document.removeEventListener('pointercancel', onEnd)
    cancelAnimationFrame(frame)
    if (panned) map.dragging.enable()
    const dragged = moved && end.type !== 'pointercancel'
    if (dragged) {
      // The last move may not have been drawn yet.
      drag.move(latest)
      swallowNextClick()
    }
    drag.end(dragged)
  }
  document.addEventListener('pointermove', onMove)
  document.addEventListener('pointerup', onEnd)
  document.addEventListener('pointercancel', onEnd)
  return start
}

/** A drag ending off the element it started on makes the browser click the map, which would deselect. */
function swallowNextClick() {
  const swallow = (click: MouseEvent) => {
    click.stopPropagation()
    click.preventDefault()
  }
  window.addEventListener('click', swallow, { capture: true, once: true })
  setTimeout(() => window.removeEventListener('click', swallow, { capture: true }), CLICK_AFTER_DRAG_MS)
}
