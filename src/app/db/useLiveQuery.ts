/**
 * Vue binding of Dexie's liveQuery: a readonly ref that follows the database (including writes made by other
 * tabs), re-subscribed when its sources change and unsubscribed when the component goes away.
 */
import { onScopeDispose, readonly, shallowRef, watch, type Ref, type WatchSource } from 'vue'
import type { Observable } from 'dexie'

export interface LiveQueryState<T> {
  data: Readonly<Ref<T>>
  loading: Readonly<Ref<boolean>>
  error: Readonly<Ref<unknown>>
}

export function useLiveQuery<T>(source: WatchSource<Observable<T> | null>, initial: T): LiveQueryState<T> {
  const data = shallowRef<T>(initial) as Ref<T>
  const loading = shallowRef(true)
  const error = shallowRef<unknown>(null)
  let subscription: { unsubscribe(): void } | null = null

  const stop = watch(
    source,
    (observable) => {
      subscription?.unsubscribe()
      subscription = null
      loading.value = true
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

  return { data: readonly(data) as Readonly<Ref<T>>, loading: readonly(loading), error: readonly(error) }
}
