/**
 * JSON.parse of a large manifest without holding the page: one JSON.parse of 20 MB takes 70 to 140 ms on a laptop
 * and several times that on a phone. The UTF-8 bytes are scanned for the members of the top-level object, and the
 * elements of each array member (the décors, the photos) are decoded and parsed one by one, pacing between them.
 * The result is what JSON.parse would give, and what JSON.parse refuses is refused (a SyntaxError). The scan works on
 * bytes: quotes, brackets, commas and colons are ASCII, which never occur inside a multi-byte UTF-8 character.
 */
import type { Pace } from './pace'

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const OPEN_ARRAY = 0x5b
const CLOSE_ARRAY = 0x5d
const isSpace = (byte: number | undefined) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09
const BOM = [0xef, 0xbb, 0xbf]

/**
 * `maxValueBytes` bounds each piece parsed at once (a member that is not an array, or one array element), so no
 * single parse can hold the page however the file is made.
 */
export async function parseJsonInSlices(bytes: Uint8Array, pace: Pace, maxValueBytes: number): Promise<Record<string, unknown>> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const fail = (at: number): never => {
    throw new SyntaxError(`Unexpected JSON at byte ${at}`)
  }
  const skipSpace = (at: number) => {
    while (isSpace(bytes[at])) at++
    return at
  }
  const expect = (at: number, byte: number) => (bytes[at] === byte ? at + 1 : fail(at))

  /** The index just after the value starting at `start` (its content is checked by JSON.parse afterwards). */
  const endOfValue = (start: number): number => {
    const limit = Math.min(bytes.length, start + maxValueBytes)
    const first = bytes[start]
    let depth = 0
    let at = start
    while (at < limit) {
      const byte = bytes[at]!
      if (byte === QUOTE) {
        at++
        while (at < limit && bytes[at] !== QUOTE) at += bytes[at] === BACKSLASH ? 2 : 1
        if (at >= limit) break
        if (first === QUOTE) return at + 1
      } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        depth++
      } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        if (depth === 0) return at
        if (--depth === 0) return at + 1
      } else if (depth === 0 && (byte === COMMA || isSpace(byte))) {
        return at
      }
      at++
    }
    return at === bytes.length && depth === 0 && first !== QUOTE ? at : fail(at)
  }
  const parseValue = (start: number, end: number): unknown => JSON.parse(decoder.decode(bytes.subarray(start, end)))

  const result: Record<string, unknown> = {}
  let at = bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2] ? 3 : 0
  at = expect(skipSpace(at), OPEN_OBJECT)
  at = skipSpace(at)
  if (bytes[at] === CLOSE_OBJECT) at++
  else {
    for (;;) {
      const keyEnd = endOfValue(bytes[at] === QUOTE ? at : fail(at))
      const key = parseValue(at, keyEnd) as string
      at = skipSpace(expect(skipSpace(keyEnd), COLON))
      let value: unknown
      if (bytes[at] === OPEN_ARRAY) {
        const elements: unknown[] = []
        at = skipSpace(at + 1)
        if (bytes[at] === CLOSE_ARRAY) at++
        else {
          for (;;) {
            const end = endOfValue(at)
            elements.push(parseValue(at, end))
            await pace()
            at = skipSpace(end)
            if (bytes[at] === CLOSE_ARRAY) break
            at = skipSpace(expect(at, COMMA))
          }
          at++
        }
        value = elements
      } else {
        const end = endOfValue(at)
        value = parseValue(at, end)
        at = end
      }
      // As JSON.parse: a key "__proto__" is an ordinary member, never the object's prototype.
      Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true })
      at = skipSpace(at)
      if (bytes[at] === CLOSE_OBJECT) break
      at = skipSpace(expect(at, COMMA))
    }
    at++
  }
  if (skipSpace(at) !== bytes.length) fail(at)
  return result
}
