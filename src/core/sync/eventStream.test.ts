import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createEventParser, MAX_EVENT_LINE, pokeHead, readEventStream, type ServerEvent } from './eventStream'

function parse(...chunks: string[]): ServerEvent[] {
  const events: ServerEvent[] = []
  const parser = createEventParser((event) => events.push(event))
  for (const chunk of chunks) parser.push(chunk)
  return events
}

const STREAM = ': connected\n\nevent: poke\ndata: {"head":41}\n\n: keepalive\n\nevent: poke\ndata: {"head":42}\n\ndata: first\ndata:second\n\n'
const EXPECTED: ServerEvent[] = [
  { event: 'poke', data: '{"head":41}' },
  { event: 'poke', data: '{"head":42}' },
  { event: 'message', data: 'first\nsecond' },
]

describe('event stream parser', () => {
  it('reads named events, multi-line data and skips comments', () => {
    expect(parse(STREAM)).toEqual(EXPECTED)
  })

  it('gives the same events however the bytes are cut into chunks', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: STREAM.length - 1 }), { maxLength: 12 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), STREAM.length]
        expect(parse(...points.slice(1).map((end, index) => STREAM.slice(points[index], end)))).toEqual(EXPECTED)
      }),
    )
  })

  it('accepts CRLF and lone CR line endings, even when a CRLF is split between chunks', () => {
    expect(parse('event: poke\r\ndata: {"head":1}\r\n\r\n')).toEqual([{ event: 'poke', data: '{"head":1}' }])
    expect(parse('event: poke\rdata: {"head":2}\r\r')).toEqual([{ event: 'poke', data: '{"head":2}' }])
    expect(parse('event: poke\r', '\ndata: {"head":3}\r', '\n\r', '\n')).toEqual([{ event: 'poke', data: '{"head":3}' }])
  })

  it('dispatches nothing for an event without data, and forgets its name', () => {
    expect(parse('event: poke\n\ndata: x\n\n')).toEqual([{ event: 'message', data: 'x' }])
    expect(parse('event: poke\ndata: {"head":1}')).toEqual([])
  })

  it('keeps the value after "field:" with one leading space removed, and ignores unknown fields', () => {
    expect(parse('data:  two spaces\nid: 7\nretry: 1000\nfoo: bar\ndata\n\n')).toEqual([{ event: 'message', data: ' two spaces\n' }])
  })

  it('refuses an endless line instead of buffering it', () => {
    const parser = createEventParser(() => undefined)
    expect(() => parser.push('data: ' + 'x'.repeat(MAX_EVENT_LINE))).toThrow(/too long/)
  })
})

describe('poke head', () => {
  it('reads the head of a poke, and nothing from other or malformed events', () => {
    expect(pokeHead({ event: 'poke', data: '{"head":42}' })).toBe(42)
    expect(pokeHead({ event: 'poke', data: '{"head":0}' })).toBe(0)
    expect(pokeHead({ event: 'message', data: '{"head":42}' })).toBeNull()
    expect(pokeHead({ event: 'poke', data: '{"head":-1}' })).toBeNull()
    expect(pokeHead({ event: 'poke', data: '{"head":"42"}' })).toBeNull()
    expect(pokeHead({ event: 'poke', data: 'null' })).toBeNull()
    expect(pokeHead({ event: 'poke', data: '{head' })).toBeNull()
  })
})

describe('reading a response body', () => {
  it('decodes UTF-8 split across chunks and reports each chunk', async () => {
    const bytes = new TextEncoder().encode('event: note\ndata: Décor voûté\n\n')
    const split = bytes.indexOf(0xc3) + 1
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, split))
        controller.enqueue(bytes.slice(split))
        controller.close()
      },
    })
    const events: ServerEvent[] = []
    let chunks = 0
    await readEventStream(body, (event) => events.push(event), () => chunks++)
    expect(events).toEqual([{ event: 'note', data: 'Décor voûté' }])
    expect(chunks).toBe(2)
  })
})
