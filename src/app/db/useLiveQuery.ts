/**
 * Vue binding of Dexie's liveQuery: a readonly ref that follows the database (including writes made by other
 * tabs), re-subscribed when its sources change and unsubscribed when the component goes away.
 */
import { computed, onScopeDispose, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref, type WatchSource } from 'vue'
import type { Observable } from 'dexie'

export interface LiveQueryState<T> {
  data: Readonly<Ref<T>>
  loading: Readonly<Ref<boolean>>
  error: Readonly<Ref<unknown>>
}

const HELD = Symbol('held')

/**
 * `loaded: true` says `initial` is already real data (a cached result): it is shown at once, and the live
 * query starts after that first paint, since reading a large list back blocks the main thread a while.
 * While `held` is true the query is not followed: what was read last stays, and it is read again once released.
 * A long write in batches (an import) holds it, as re-reading a large list after every batch would hold the page.
 */
export function useLiveQuery<T>(
  source: WatchSource<Observable<T> | null>,
  initial: T,
  options: { loaded?: boolean; held?: MaybeRefOrGetter<boolean> } = {},
): LiveQueryState<T> {
  const data = shallowRef<T>(initial) as Ref<T>
  const loading = shallowRef(!options.loaded)
  const error = shallowRef<unknown>(null)
  let subscription: { unsubscribe(): void } | null = null
  // Bumped on every new source and on dispose, so a deferred subscription to a stale source never starts.
  let generation = 0

  const subscribe = (observable: Observable<T>, forGeneration: number) => {
    if (forGeneration !== generation) return
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
  }

  const stop = watch(
    () => (toValue(options.held) ? HELD : toValue(source)),
    (observable, previous) => {
      const current = ++generation
      subscription?.unsubscribe()
      subscription = null
      if (observable === HELD) return
      if (previous !== undefined && previous !== HELD) loading.value = true
      if (!observable) {
        data.value = initial
        loading.value = false
        return
      }
      const afterFirstPaint = previous === undefined && options.loaded && typeof requestAnimationFrame === 'function'
      if (afterFirstPaint) requestAnimationFrame(() => setTimeout(() => subscribe(observable, current), 0))
      else subscribe(observable, current)
    },
    { immediate: true },
  )

  onScopeDispose(() => {
    generation++
    stop()
    subscription?.unsubscribe()
  })

  // computed, not readonly(): readonly() would wrap every record in deep proxies, which makes sorting 20,000 items slow.
  return { data: computed(() => data.value), loading: computed(() => loading.value), error: computed(() => error.value) }
}
