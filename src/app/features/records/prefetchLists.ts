/**
 * Reads the store lists of a production while the phone is idle, so the first tap on a list shows it at
 * once from memory (a cold IndexedDB read of 20,000 items takes a few hundred ms on a phone).
 */
import type { Router } from 'vue-router'
import type { EntityName } from '../../../core/model'
import { repositoryFor } from './repositories'

const whenIdle = (callback: () => void) =>
  typeof requestIdleCallback === 'function' ? requestIdleCallback(callback, { timeout: 2000 }) : setTimeout(callback, 200)

export function prefetchLists(productionId: string, entities: readonly EntityName[]): void {
  const queue = [...entities]
  const next = () => {
    const entity = queue.shift()
    if (!entity) return
    const repository = repositoryFor(entity)
    if (repository.cached(productionId)) return whenIdle(next)
    repository.list(productionId).catch(() => undefined).finally(() => whenIdle(next))
  }
  whenIdle(next)
}

/** A route's lazy screen (`() => import(...)`), told from a component already loaded. */
const isLoader = (component: unknown): component is () => Promise<unknown> =>
  typeof component === 'function' && !('__vccOpts' in component) && !('props' in component) && !('displayName' in component)

/**
 * Loads the code of the screens the overview leads to while the phone is idle (from the service worker's cache,
 * no network): the first tap on a list then only has to draw it, as every later one.
 */
export function prefetchScreens(router: Router, paths: readonly string[]): void {
  whenIdle(() => {
    for (const path of paths) {
      for (const record of router.resolve(path).matched) {
        for (const component of Object.values(record.components ?? {})) if (isLoader(component)) component().catch(() => undefined)
      }
    }
  })
}
