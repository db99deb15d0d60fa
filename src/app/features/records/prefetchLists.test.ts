import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { prefetchScreens } from './prefetchLists'

afterEach(() => {
  vi.useRealTimers()
})

describe('prefetchScreens', () => {
  it('loads the code of the screens named, once idle, and nothing else', async () => {
    vi.useFakeTimers()
    const loaded = { list: vi.fn(async () => ({ default: {} })), map: vi.fn(async () => ({ default: {} })) }
    const home = { render: () => null, props: {} }
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/p/:pid', component: home },
        { path: '/p/:pid/locations', component: loaded.list },
        { path: '/p/:pid/vehicle-plan', component: loaded.map },
      ],
    })
    prefetchScreens(router, ['/p/prod-1/locations', '/p/prod-1', '/p/prod-1/nowhere'])
    expect(loaded.list).not.toHaveBeenCalled()
    await vi.runAllTimersAsync()
    expect(loaded.list).toHaveBeenCalledTimes(1)
    expect(loaded.map).not.toHaveBeenCalled()
  })
})
