import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createPace } from './pace'
import { parseJsonInSlices } from './slicedJson'
import { steppedPace } from './zipTesting'

const encode = (text: string) => new TextEncoder().encode(text)
const parse = (text: string, maxValueBytes = 1_000_000) => parseJsonInSlices(encode(text), createPace(), maxValueBytes)

/** What JSON.parse says of a text, when its top level is an object. */
function reference(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ok: true, value } : { ok: false }
  } catch {
    return { ok: false }
  }
}

async function outcome(text: string): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: await parse(text) }
  } catch (error) {
    expect(error).toBeInstanceOf(SyntaxError)
    return { ok: false }
  }
}

describe('parsing JSON in slices', () => {
  it('gives what JSON.parse gives, for any object, however spaced', async () => {
    await fc.assert(fc.asyncProperty(fc.dictionary(fc.string(), fc.jsonValue()), fc.integer({ min: 0, max: 2 }), async (object, indent) => {
      const text = JSON.stringify(object, null, indent)
      expect(await outcome(text)).toEqual(reference(text))
    }))
  })

  it('refuses what JSON.parse refuses: a damaged manifest stays damaged', async () => {
    await fc.assert(fc.asyncProperty(fc.dictionary(fc.string(), fc.jsonValue()), fc.nat(), fc.constantFrom('', ',', ']', '}', '"', '\\', '[', '{', ':'), async (object, at, insert) => {
      const text = JSON.stringify(object)
      const cut = at % (text.length + 1)
      const damaged = text.slice(0, cut) + insert + text.slice(cut + 1)
      expect(await outcome(damaged)).toEqual(reference(damaged))
    }))
    for (const text of ['', '[]', '"x"', '{"a":1,}', '{"a":[1,]}', '{"a":[,1]}', '{"a" 1}', '{"a":1}x', '{"a":[1 2]}', '{"a":tru}', '{"a":"\\']) {
      expect(await outcome(text), text).toEqual({ ok: false })
    }
  })

  it('keeps "__proto__" as an ordinary member, as JSON.parse does', async () => {
    const value = await parse('{"__proto__": {"polluted": true}, "format": "regie.decors"}')
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    expect(Object.keys(value)).toEqual(['__proto__', 'format'])
  })

  it('refuses a single value larger than the bound, parsed at once', async () => {
    const text = JSON.stringify({ locations: [{ id: 'a', notes: 'x'.repeat(2000) }, { id: 'b' }] })
    await expect(parse(text, 1000)).rejects.toBeInstanceOf(SyntaxError)
    expect(await parse(text, 3000)).toEqual(JSON.parse(text))
  })

  it('gives the page a turn between elements of a long array', async () => {
    const locations = Array.from({ length: 5000 }, (_, i) => ({ id: `l${i}`, name: `Décor ${i}` }))
    const pace = steppedPace(1, 25)
    const order: string[] = []
    setTimeout(() => order.push('timer'), 0)
    const value = await parseJsonInSlices(encode(JSON.stringify({ format: 'regie.decors', locations })), pace, 1000)
    order.push('parsed')
    expect(value.locations).toEqual(locations)
    // One pace per element on a clock moving 1 ms per look: a turn every 25 elements or so.
    expect(pace.slices).toBeGreaterThanOrEqual(5000 / 26)
    expect(order).toEqual(['timer', 'parsed'])
  })
})
