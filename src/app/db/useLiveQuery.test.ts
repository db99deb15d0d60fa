import { describe, expect, it } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import type { Observable } from 'dexie'
import { useLiveQuery } from './useLiveQuery'

/** A minimal observable the test drives by hand, counting live subscriptions. */
function manualObservable<T>() {
  const listeners = new Set<(value: T) => void>()
  const observable = {
    subscribe: ({ next }: { next: (value: T) => void }) => {
      listeners.add(next)
      return { unsubscribe: () => listeners.delete(next) }
    },
  } as unknown as Observable<T>
  return { observable, emit: (value: T) => listeners.forEach((next) => next(value)), listeners }
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 5)))

describe('useLiveQuery', () => {
  it('follows the observable and unsubscribes when its scope ends', async () => {
    const source = manualObservable<number>()
    const scope = effectScope()
    const state = scope.run(() => useLiveQuery(() => source.observable, 0))!
    expect(state.loading.value).toBe(true)
    source.emit(3)
    expect(state.data.value).toBe(3)
    expect(state.loading.value).toBe(false)
    scope.stop()
    expect(source.listeners.size).toBe(0)
  })

  it('shows cached data at once and subscribes only after the first paint', async () => {
    const source = manualObservable<string[]>()
    const scope = effectScope()
    const state = scope.run(() => useLiveQuery(() => source.observable, ['cached'], { loaded: true }))!
    expect(state.data.value).toEqual(['cached'])
    expect(state.loading.value).toBe(false)
    expect(source.listeners.size).toBe(0)
    await frame()
    expect(source.listeners.size).toBe(1)
    source.emit(['fresh'])
    expect(state.data.value).toEqual(['fresh'])
    scope.stop()
  })

  it('never starts a deferred subscription to a source that was replaced or disposed', async () => {
    const first = manualObservable<number>()
    const second = manualObservable<number>()
    const which = ref(first.observable)
    const scope = effectScope()
    scope.run(() => useLiveQuery(() => which.value, 0, { loaded: true }))
    which.value = second.observable
    await nextTick()
    await frame()
    expect(first.listeners.size).toBe(0)
    expect(second.listeners.size).toBe(1)
    scope.stop()
    expect(second.listeners.size).toBe(0)
  })

  it('while held, stops following and keeps what it read; once released, reads again', async () => {
    const source = manualObservable<number>()
    const held = ref(false)
    const scope = effectScope()
    const state = scope.run(() => useLiveQuery(() => source.observable, 0, { held }))!
    source.emit(1)
    held.value = true
    await nextTick()
    expect(source.listeners.size).toBe(0)
    expect(state.data.value).toBe(1)
    expect(state.loading.value).toBe(false)
    held.value = false
    await nextTick()
    expect(source.listeners.size).toBe(1)
    expect(state.loading.value).toBe(false)
    source.emit(2)
    expect(state.data.value).toBe(2)
    scope.stop()
  })
})
