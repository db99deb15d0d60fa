/**
 * Long work on the page's one thread, cut into slices. The work calls `pace()` between small units; once the
 * current slice has run `sliceMs`, pace() gives the event loop a turn (a timer), so a tap, a scroll or a repaint
 * waits at most one slice plus one unit. The import keeps every unit far below 100 ms on a slow phone
 * (decorArchive.ts and zipReader.ts say how), so the page is never held for longer than that.
 */
export interface Pace {
  (): Promise<void>
  /** How many times the work has given the page its turn so far. */
  readonly slices: number
}

export interface PaceOptions {
  /** 25 ms: with the largest unit (a few ms on a laptop, up to ~5x that on a slow phone) well under 100 ms. */
  sliceMs?: number
  now?: () => number
  yieldToPage?: () => Promise<void>
}

export const SLICE_MS = 25

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

export function createPace({ sliceMs = SLICE_MS, now = () => performance.now(), yieldToPage = nextTask }: PaceOptions = {}): Pace {
  let sliceStart = now()
  let slices = 0
  const pace = async () => {
    if (now() - sliceStart < sliceMs) return
    slices++
    await yieldToPage()
    sliceStart = now()
  }
  return Object.defineProperty(pace, 'slices', { get: () => slices }) as Pace
}
