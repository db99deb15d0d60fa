/**
 * Vue binding of Dexie's liveQuery: a readonly ref that follows the database (including writes made by other
 * tabs), re-subscribed when its sources change and unsubscribed when the component goes away.
 */
import { computed, onScopeDispose, shallowRef, watch, type Ref, type WatchSource } from 'vue'
import type { Observable } from 'dexie'

export interface LiveQueryState<T> {
  data: Readonly<Ref<T>>
  loading: Readonly<Ref<boolean>>
  error: Readonly<Ref<unknown>>
}

/** `loaded: true` says `initial` is already real data (a cached result): show it at once, no loading state. */
export function useLiveQuery<T>(source: WatchSource<Observable<T> | null>, initial: T, options: { loaded?: boolean } = {}): LiveQueryState<T> {
  const data = shallowRef<T>(initial) as Ref<T>
  const loading = shallowRef(!options.loaded)
  const error = shallowRef<unknown>(null)
  let subscription: { unsubscribe(): void } | null = null

  const stop = watch(
    source,
    (observable, previous) => {
      subscription?.unsubscribe()
      subscription = null
      if (previous !== undefined) loading.value = true
      if (!observable) {
        data.value = initial
        loading.value = false
        return
      }
      subscription = observable.subscribe({
        next: (value) => {
          data.value = value
          loading.value = false
          error.value = null
        },
        error: (reason) => {
          error.value = reason
          loading.value = false
        },
      })
    },
    { immediate: true },
  )

  onScopeDispose(() => {
    stop()
    subscription?.unsubscribe()
  })

  // computed, not readonly(): readonly() would wrap every record in deep proxies, which makes sorting 20,000 items slow.
  return { data: computed(() => data.value), loading: computed(() => loading.value), error: computed(() => error.value) }
}
