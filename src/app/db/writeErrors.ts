/** Why a local write did not happen, as the one message the user reads (a locale key). */
import { StorageFailure } from './storageErrors'

/** A write to a production this phone only views (its team role is viewer): refused before anything is stored. */
export class ReadOnlyProduction extends Error {
  constructor(readonly productionId: string) {
    super(`production ${productionId} is read-only on this phone`)
    this.name = 'ReadOnlyProduction'
  }
}

/**
 * The locale key telling the user why a save failed: the production is read-only here, the phone is full, its
 * storage is blocked, or anything else (`fallback`).
 */
export function saveFailureMessage(error: unknown, fallback = 'errors.saveFailed'): string {
  if (error instanceof ReadOnlyProduction) return 'errors.readOnly'
  return error instanceof StorageFailure ? `errors.storage.${error.kind}` : fallback
}
