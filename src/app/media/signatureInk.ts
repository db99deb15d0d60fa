/**
 * The ink of a signature pad, kept apart from the canvas: strokes of points in the pad's CSS pixels. The pad
 * draws from it, redraws it after a resize at any pixel ratio, and asks it whether anything was signed; it can be
 * tested where no canvas can draw.
 */
export interface InkPoint {
  x: number
  y: number
}
export type Stroke = InkPoint[]

/** Less ink than this (in CSS pixels) is a tap or a slip of the finger, not a signature. */
export const MIN_INK_LENGTH = 30

export function inkLength(strokes: readonly Stroke[]): number {
  let length = 0
  for (const stroke of strokes) {
    for (let i = 1; i < stroke.length; i++) length += Math.hypot(stroke[i]!.x - stroke[i - 1]!.x, stroke[i]!.y - stroke[i - 1]!.y)
  }
  return length
}

export function isBlank(strokes: readonly Stroke[]): boolean {
  return inkLength(strokes) < MIN_INK_LENGTH
}

export interface InkContext {
  lineWidth: number
  lineCap: CanvasLineCap
  lineJoin: CanvasLineJoin
  strokeStyle: string | CanvasGradient | CanvasPattern
  beginPath(): void
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
  stroke(): void
}

/** Draws strokes, or only the last segment of the last stroke (`lastSegmentOnly`) while the finger moves. */
export function drawInk(context: InkContext, strokes: readonly Stroke[], lastSegmentOnly = false): void {
  context.lineWidth = 2.5
  context.lineCap = 'round'
  context.lineJoin = 'round'
  context.strokeStyle = '#1b1f24'
  const toDraw = lastSegmentOnly ? [strokes.at(-1)?.slice(-2) ?? []] : strokes
  for (const stroke of toDraw) {
    const [first, ...rest] = stroke
    if (!first) continue
    context.beginPath()
    context.moveTo(first.x, first.y)
    // A single point (a dot on an i) is drawn as a tiny line so the round cap shows it.
    for (const point of rest.length > 0 ? rest : [{ x: first.x + 0.01, y: first.y }]) context.lineTo(point.x, point.y)
    context.stroke()
  }
}
