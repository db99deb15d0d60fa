import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { useBlobUrl } from './useBlobUrl'

/** The database side, driven by hand: what liveBlob emits for each hash. */
const listeners = new Map<string, Set<(blob: Blob | null) => void>>()
const emitBlob = (sha256: string, blob: Blob | null) => listeners.get(sha256)?.forEach((next) => next(blob))
vi.mock('../db/blobStore', () => ({
  liveBlob: (sha256: string) => ({
    subscribe: ({ next }: { next: (blob: Blob | null) => void }) => {
      const set = listeners.get(sha256) ?? new Set()
      listeners.set(sha256, set.add(next))
      return { unsubscribe: () => set.delete(next) }
    },
  }),
}))
const fetchMissingBlob = vi.fn()
vi.mock('../sync/blobFetch', () => ({ fetchMissingBlob: (...args: unknown[]) => fetchMissingBlob(...args) }))

let made: string[] = []
let revoked: string[] = []
beforeEach(() => {
  made = []
  revoked = []
  let n = 0
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => {
    made.push(`blob:test/${++n}`)
    return made.at(-1)!
  })
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => void revoked.push(url))
  fetchMissingBlob.mockReset().mockResolvedValue(null)
})
afterEach(() => {
  vi.restoreAllMocks()
  listeners.clear()
})

const A = 'a'.repeat(64)
const B = 'b'.repeat(64)

describe('useBlobUrl', () => {
  it('gives a URL for bytes on this phone and revokes it when the component goes away', async () => {
    const scope = effectScope()
    const { url, state } = scope.run(() => useBlobUrl({ productionId: 'prod-1', sha256: A }))!
    expect(state.value).toBe('loading')
    emitBlob(A, new Blob(['jpeg']))
    await nextTick()
    expect(url.value).toBe('blob:test/1')
    expect(state.value).toBe('ready')
    scope.stop()
    expect(revoked).toEqual(['blob:test/1'])
    expect(fetchMissingBlob).not.toHaveBeenCalled()
  })

  it('asks the server once for missing bytes, and shows them when the sync stores them later', async () => {
    const scope = effectScope()
    const { url, state } = scope.run(() => useBlobUrl({ productionId: 'prod-1', sha256: A }))!
    emitBlob(A, null)
    await flushPromises()
    expect(fetchMissingBlob).toHaveBeenCalledWith('prod-1', A)
    expect(state.value).toBe('missing')
    expect(url.value).toBeNull()
    emitBlob(A, null)
    await flushPromises()
    expect(fetchMissingBlob).toHaveBeenCalledTimes(1)
    emitBlob(A, new Blob(['arrived']))
    await nextTick()
    expect(state.value).toBe('ready')
    scope.stop()
    expect(revoked).toEqual(made)
  })

  it('uses fetched bytes at once, revokes the old URL when the hash changes, and leaks none made after unmount', async () => {
    fetchMissingBlob.mockResolvedValue(new Blob(['from server']))
    const sha256 = ref(A)
    const scope = effectScope()
    const { url } = scope.run(() => useBlobUrl({ productionId: 'prod-1', sha256 }))!
    emitBlob(A, null)
    await flushPromises()
    expect(url.value).toBe('blob:test/1')

    sha256.value = B
    await nextTick()
    emitBlob(B, new Blob(['b']))
    await flushPromises()
    expect(url.value).toBe('blob:test/2')
    expect(revoked).toEqual(['blob:test/1'])

    let answer: (blob: Blob) => void = () => {}
    fetchMissingBlob.mockReturnValue(new Promise((resolve) => (answer = resolve)))
    sha256.value = A
    await nextTick()
    emitBlob(A, null)
    await flushPromises()
    scope.stop()
    answer(new Blob(['late']))
    await flushPromises()
    expect(revoked.sort()).toEqual(made.sort())
  })
})
