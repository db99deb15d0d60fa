/**
 * Hybrid logical clock (Kulkarni et al.): wall-clock millis, a counter for events within one milli, and
 * the node (clientId) as tie-breaker. Encoded so that string order is clock order, which lets every
 * merge rule compare two HLCs with `<`.
 */
export interface Hlc {
  millis: number
  counter: number
  node: string
}

const MAX_COUNTER = 36 ** 5 - 1

export function encodeHlc({ millis, counter, node }: Hlc): string {
  return `${millis.toString().padStart(15, '0')}:${counter.toString(36).padStart(5, '0')}:${node}`
}

export function decodeHlc(text: string): Hlc {
  const [millis, counter, ...node] = text.split(':')
  const hlc = { millis: Number(millis), counter: parseInt(counter ?? '', 36), node: node.join(':') }
  if (!Number.isSafeInteger(hlc.millis) || !Number.isSafeInteger(hlc.counter) || !hlc.node) {
    throw new Error(`Invalid HLC: ${text}`)
  }
  return hlc
}

/** Clocks further ahead of the server than this come from a device clock set wrong: the server refuses them. */
export const HLC_MAX_AHEAD_MS = 24 * 60 * 60_000

/**
 * The clock for a local event: never behind the last one, even if the wall clock went back, unless the last one
 * is more than HLC_MAX_AHEAD_MS ahead of the wall clock. That one was taken while the device clock was set wrong
 * (days ahead) and has since been fixed: the server refused every change carrying it, so going on from it would
 * have every later change, and the "restore my version" of the refused ones, refused too.
 */
export function tickHlc(last: Hlc | null, wallMillis: number, node: string): Hlc {
  if (!last || wallMillis > last.millis || last.millis > wallMillis + HLC_MAX_AHEAD_MS) return { millis: wallMillis, counter: 0, node }
  return bump({ millis: last.millis, counter: last.counter + 1, node })
}

/** The clock after seeing a remote event: ahead of both the local clock and the remote one. */
export function receiveHlc(local: Hlc | null, remote: Hlc, wallMillis: number, node: string): Hlc {
  const millis = Math.max(wallMillis, local?.millis ?? 0, remote.millis)
  let counter = 0
  if (millis === local?.millis && millis === remote.millis) counter = Math.max(local.counter, remote.counter) + 1
  else if (millis === local?.millis) counter = local.counter + 1
  else if (millis === remote.millis) counter = remote.counter + 1
  return bump({ millis, counter, node })
}

function bump(hlc: Hlc): Hlc {
  return hlc.counter > MAX_COUNTER ? { millis: hlc.millis + 1, counter: 0, node: hlc.node } : hlc
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
