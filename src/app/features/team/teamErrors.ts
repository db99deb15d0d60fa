/** The message key for a failed team request: the server's own refusal when it gave one we can explain, else the kind of failure. */
import { SyncFailure, type SyncFailureKind } from '../../sync/syncClient'

const EXPLAINED = [
  'forbidden', 'last_owner', 'member_not_found', 'member_revoked', 'session_not_found', 'revoked', 'recovery_code_required', 'invite_not_found', 'session_expired',
] as const

export function teamErrorKey(error: unknown): string {
  if (!(error instanceof SyncFailure)) return 'team.errors.server'
  const code = (error.body as { error?: string } | null | undefined)?.error
  if (code && (EXPLAINED as readonly string[]).includes(code)) return `team.refusals.${code}`
  return `team.errors.${error.kind}`
}

const FAILURE_KINDS: readonly string[] = [
  'offline', 'unauthorized', 'revoked', 'expired', 'upgrade', 'gap', 'reset', 'rejected', 'server', 'accessCode', 'gone', 'exists', 'quota',
] satisfies SyncFailureKind[]

/**
 * The message key for a production's last sync error (TeamLink.lastError): a failure kind, or a server code kept
 * by older versions of the app. Null for any other text (a storage error on the phone), which is shown as it is.
 */
export function lastSyncErrorKey(lastError: string): string | null {
  if (/^HTTP \d{3}$/.test(lastError)) return 'team.errors.server'
  const kind = FAILURE_KINDS.includes(lastError) ? lastError : LEGACY_CODES.get(lastError)
  return kind ? `team.errors.${kind}` : null
}

const LEGACY_CODES = new Map<string, SyncFailureKind>([
  ['unauthenticated', 'unauthorized'], ['forbidden', 'unauthorized'], ['forged_client', 'unauthorized'], ['upgrade_required', 'upgrade'], ['mutation_gap', 'gap'],
])
