/**
 * The simulation's clock: replaces the global Date so that `Date.now()` and `new Date()` read a time the
 * simulation sets, the server's true time while it handles a request and each device's skewed time while the
 * device writes or applies a pull. Timers (setTimeout) stay real: only the wall clock is simulated.
 */
export interface SimClock {
  set(millis: number): void
  now(): number
  /** Puts the real Date back. */
  restore(): void
}

export function installSimClock(start: number): SimClock {
  const RealDate = globalThis.Date
  let current = start
  class SimDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(current)
      else super(...(args as [string | number | Date]))
    }

    static override now(): number {
      return current
    }
  }
  globalThis.Date = SimDate as DateConstructor
  return {
    set(millis) {
      current = Math.round(millis)
    },
    now: () => current,
    restore() {
      globalThis.Date = RealDate
    },
  }
}
