/** The message key for a failed team request: the server's own refusal when it gave one we can explain, else the kind of failure. */
import { SyncFailure } from '../../sync/syncClient'

const EXPLAINED = ['forbidden', 'last_owner', 'member_not_found', 'session_not_found', 'revoked'] as const

export function teamErrorKey(error: unknown): string {
  if (!(error instanceof SyncFailure)) return 'team.errors.server'
  const code = (error.body as { error?: string } | null | undefined)?.error
  if (code && (EXPLAINED as readonly string[]).includes(code)) return `team.refusals.${code}`
  return `team.errors.${error.kind}`
}
