/**
 * An object URL for the bytes of a photo or signature: from this phone, else asked once of the team server
 * (fetchMissingBlob, loaded only when needed). It follows the database, so bytes fetched later by the sync show up
 * by themselves. Every URL made is revoked when replaced or when the component goes away: thumbnails never leak.
 */
import { computed, onScopeDispose, shallowRef, toValue, watch, type MaybeRefOrGetter } from 'vue'
import { liveBlob } from '../db/blobStore'
import { useLiveQuery } from '../db/useLiveQuery'

export type BlobUrlState = 'loading' | 'ready' | 'missing'

export function useBlobUrl(options: { productionId: MaybeRefOrGetter<string>; sha256: MaybeRefOrGetter<string | null | undefined> }) {
  const url = shallowRef<string | null>(null)
  const state = shallowRef<BlobUrlState>('loading')
  const show = (blob: Blob | null) => {
    if (url.value) URL.revokeObjectURL(url.value)
    url.value = blob ? URL.createObjectURL(blob) : null
    state.value = blob ? 'ready' : 'missing'
  }

  const { data: stored, loading } = useLiveQuery(() => {
    const sha256 = toValue(options.sha256)
    return sha256 ? liveBlob(sha256) : null
  }, null as Blob | null)

  // One request per hash per component: a missing photo must not hammer the server at every database change.
  const asked = new Set<string>()
  let active = true
  watch(
    [stored, loading, () => toValue(options.sha256)],
    async ([blob, isLoading, sha256]) => {
      if (isLoading) return
      if (blob || !sha256 || asked.has(sha256)) return show(blob)
      asked.add(sha256)
      state.value = 'loading'
      const { fetchMissingBlob } = await import('../sync/blobFetch')
      const fetched = await fetchMissingBlob(toValue(options.productionId), sha256).catch(() => null)
      if (active && toValue(options.sha256) === sha256 && !stored.value) show(fetched)
    },
    { immediate: true },
  )

  onScopeDispose(() => {
    active = false
    show(null)
  })
  return { url: computed(() => url.value), state: computed(() => state.value) }
}
