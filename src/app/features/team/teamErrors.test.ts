import { describe, expect, it } from 'vitest'
import { SyncFailure } from '../../sync/syncClient'
import { lastSyncErrorKey, teamErrorKey } from './teamErrors'

describe('lastSyncErrorKey', () => {
  it('reads a failure kind, or a server code older versions kept, as a message; other text stays as it is', () => {
    expect(lastSyncErrorKey('revoked')).toBe('team.errors.revoked')
    expect(lastSyncErrorKey('offline')).toBe('team.errors.offline')
    expect(lastSyncErrorKey('unauthenticated')).toBe('team.errors.unauthorized')
    expect(lastSyncErrorKey('mutation_gap')).toBe('team.errors.gap')
    expect(lastSyncErrorKey('HTTP 503')).toBe('team.errors.server')
    expect(lastSyncErrorKey('QuotaExceededError: the disk is full')).toBeNull()
    expect(lastSyncErrorKey('constructor')).toBeNull()
  })
})

describe('teamErrorKey', () => {
  it("explains the server's refusal when it gave one, else the kind of failure", () => {
    expect(teamErrorKey(new SyncFailure('revoked', 'revoked', { error: 'revoked' }))).toBe('team.refusals.revoked')
    expect(teamErrorKey(new SyncFailure('offline', 'Failed to fetch'))).toBe('team.errors.offline')
    expect(teamErrorKey(new Error('boom'))).toBe('team.errors.server')
  })
})
