/**
 * Reads the store lists of a production while the phone is idle, so the first tap on a list shows it at
 * once from memory (a cold IndexedDB read of 20,000 items takes a few hundred ms on a phone).
 */
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
