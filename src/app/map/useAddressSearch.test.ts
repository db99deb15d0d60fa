import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import type { GeocodingOutcome } from './geocoder'
import { useAddressSearch } from './useAddressSearch'

const found = (label: string): GeocodingOutcome => ({
  ok: true, results: [{ label, line: label, postcode: '75009', city: 'Paris', citycode: '75109', lat: 48.87, lng: 2.33, type: 'street', score: 0.9, distance: null, inFrance: true }],
})

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

function searching(ask: (query: string, signal: AbortSignal) => Promise<GeocodingOutcome>) {
  const scope = effectScope()
  const search = scope.run(() => useAddressSearch({ debounceMs: 300, ask }))!
  return { search, stop: () => scope.stop() }
}

describe('address autocompletion', () => {
  it('asks once typing pauses, not for each key, and not below three characters', async () => {
    const asked: string[] = []
    const { search, stop } = searching(async (query) => (asked.push(query), found(query)))
    for (const text of ['2', '25', '25 ', '25 r', '25 ru', '25 rue de Mog']) {
      search.type(text)
      await vi.advanceTimersByTimeAsync(100)
    }
    expect(asked).toEqual([])
    await vi.advanceTimersByTimeAsync(300)
    expect(asked).toEqual(['25 rue de Mog'])
    expect(search.status.value).toBe('done')
    expect(search.results.value[0]!.label).toBe('25 rue de Mog')
    search.type('25')
    expect(search.results.value).toEqual([])
    await vi.advanceTimersByTimeAsync(1000)
    expect(asked).toHaveLength(1)
    stop()
  })

  it('keeps one request in flight: a newer search cancels the older, whose late answer is ignored', async () => {
    const signals: AbortSignal[] = []
    const { search, stop } = searching((query, signal) => {
      signals.push(signal)
      return new Promise((resolve) => setTimeout(() => resolve(found(query)), query.startsWith('rue M') ? 2000 : 10))
    })
    search.type('rue Mog')
    await vi.advanceTimersByTimeAsync(400)
    search.type('rue Mouffetard')
    await vi.advanceTimersByTimeAsync(400)
    expect(signals[0]!.aborted).toBe(true)
    await vi.advanceTimersByTimeAsync(3000)
    expect(search.results.value.map((result) => result.label)).toEqual(['rue Mouffetard'])
    stop()
  })

  it('after a 429, waits the retry-after before asking again, and says so; results are never filled from a failure', async () => {
    const times: number[] = []
    let calls = 0
    const { search, stop } = searching(async () => {
      times.push(Date.now())
      return ++calls === 1 ? { ok: false, reason: 'busy', retryAfterS: 5 } : found('Rue de Mogador')
    })
    search.type('rue de Mogador')
    await vi.advanceTimersByTimeAsync(300)
    expect(search.status.value).toBe('busy')
    expect(search.retryAfterS.value).toBe(5)
    expect(search.results.value).toEqual([])
    search.type('rue de Mogador 75009')
    await vi.advanceTimersByTimeAsync(4000)
    expect(calls).toBe(1)
    await vi.advanceTimersByTimeAsync(1500)
    expect(calls).toBe(2)
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(5000)
    stop()
  })

  it('offline, says so; searches again by itself when the network returns', async () => {
    let offline = true
    const { search, stop } = searching(async (query) => (offline ? { ok: false, reason: 'offline' } : found(query)))
    search.type('52 rue Mouffetard')
    await vi.advanceTimersByTimeAsync(300)
    expect(search.status.value).toBe('offline')
    offline = false
    window.dispatchEvent(new Event('online'))
    await vi.advanceTimersByTimeAsync(300)
    expect(search.status.value).toBe('done')
    expect(search.results.value[0]!.label).toBe('52 rue Mouffetard')
    stop()
  })
})
