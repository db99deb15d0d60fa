/**
 * The live poke stream's wire format (server-sent events, WHATWG HTML "Parsing an event stream"), shared by the
 * app, which reads it with fetch so the bearer token stays in a header, and by the server's tests. Only `event`
 * and `data` fields are used; `id` and `retry` are ignored (a reconnecting phone is told the current head anyway).
 */

export interface ServerEvent {
  /** `message` when the server named none. */
  event: string
  data: string
}

export const POKE_EVENT = 'poke'

/** A line longer than this is not a poke: the stream is broken or is not ours. */
export const MAX_EVENT_LINE = 64 * 1024

/** The head announced by a `poke` event, or null for any other event or a malformed one. */
export function pokeHead(event: ServerEvent): number | null {
  if (event.event !== POKE_EVENT) return null
  try {
    const head = (JSON.parse(event.data) as { head?: unknown } | null)?.head
    return typeof head === 'number' && Number.isSafeInteger(head) && head >= 0 ? head : null
  } catch {
    return null
  }
}

/** Feeds decoded text in chunks of any size; calls `onEvent` for each complete event. */
export function createEventParser(onEvent: (event: ServerEvent) => void) {
  let pending = ''
  let afterCR = false
  let data: string[] = []
  let eventName = ''

  function line(text: string) {
    if (text === '') {
      if (data.length > 0) onEvent({ event: eventName || 'message', data: data.join('\n') })
      data = []
      eventName = ''
      return
    }
    if (text.startsWith(':')) return
    const colon = text.indexOf(':')
    const field = colon === -1 ? text : text.slice(0, colon)
    const value = colon === -1 ? '' : text.slice(text[colon + 1] === ' ' ? colon + 2 : colon + 1)
    if (field === 'data') data.push(value)
    else if (field === 'event') eventName = value
  }

  return {
    push(chunk: string): void {
      if (chunk === '') return
      let text = pending + chunk
      // A CR ending the previous chunk already ended its line: a LF opening this one belongs to it.
      if (afterCR && text.startsWith('\n')) text = text.slice(1)
      afterCR = false
      let start = 0
      for (let i = 0; i < text.length; i++) {
        const char = text[i]
        if (char !== '\n' && char !== '\r') continue
        line(text.slice(start, i))
        if (char === '\r') {
          if (i + 1 === text.length) afterCR = true
          else if (text[i + 1] === '\n') i++
        }
        start = i + 1
      }
      pending = text.slice(start)
      if (pending.length > MAX_EVENT_LINE) throw new Error('event stream line too long')
    },
  }
}

/** Reads a response body to its end (or until the reader is cancelled), passing each event on. */
export async function readEventStream(body: ReadableStream<Uint8Array>, onEvent: (event: ServerEvent) => void, onBytes?: () => void): Promise<void> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  const parser = createEventParser(onEvent)
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      onBytes?.()
      parser.push(decoder.decode(value, { stream: true }))
    }
  } finally {
    reader.cancel().catch(() => undefined)
  }
}
