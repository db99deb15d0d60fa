/** Turns IndexedDB failures into the two cases a user can act on: the phone is full, or the database is blocked. */
export type StorageFailureKind = 'quota' | 'blocked' | 'unknown'

export class StorageFailure extends Error {
  constructor(
    readonly kind: StorageFailureKind,
    override readonly cause: unknown,
  ) {
    super(`Storage failure (${kind}): ${cause instanceof Error ? cause.message : String(cause)}`)
    this.name = 'StorageFailure'
  }
}

const QUOTA = ['QuotaExceededError']
const BLOCKED = ['DatabaseClosedError', 'OpenFailedError', 'VersionError', 'InvalidStateError', 'UpgradeError', 'BlockedError']

/** Refusals the write path raises on purpose (a read-only production, a record gone, a stale move): not storage failures. */
const REFUSALS = new Set(['ReadOnlyProduction', 'RecordNotFound', 'ChangeRefused'])

/** What a failed local write throws: the write path's own refusal as it is, else the storage failure behind it. */
export function writeFailure(error: unknown): Error {
  return error instanceof Error && REFUSALS.has(error.name) ? error : classifyStorageError(error)
}

export function classifyStorageError(error: unknown): StorageFailure {
  if (error instanceof StorageFailure) return error
  const names = errorNames(error)
  if (names.some((name) => QUOTA.includes(name))) return new StorageFailure('quota', error)
  if (names.some((name) => BLOCKED.includes(name))) return new StorageFailure('blocked', error)
  return new StorageFailure('unknown', error)
}

/** Dexie wraps the DOMException: look at the error and its inner errors. */
function errorNames(error: unknown): string[] {
  const names: string[] = []
  let current: unknown = error
  for (let depth = 0; current && depth < 4; depth++) {
    const { name, inner } = current as { name?: string; inner?: unknown }
    if (name) names.push(name)
    current = inner
  }
  return names
}
