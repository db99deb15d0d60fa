import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { db } from '../db/db'
import { saveTeam } from '../db/syncStore'
import { startSyncLoopInLeaderTab } from './syncLoop'
import { useSyncStatusStore } from './syncStatusStore'

vi.mock('./syncLoop', () => ({ startSyncLoopInLeaderTab: vi.fn() }))

const team = (productionId: string) =>
  ({ productionId, serverUrl: '', token: 'token-of-this-phone-abcdef', memberId: 'm', sessionId: 's', role: 'member', cursor: 0, lastSyncAt: null, lastError: null })

beforeEach(() => setActivePinia(createPinia()))
afterEach(async () => {
  vi.mocked(startSyncLoopInLeaderTab).mockClear()
  await db.teams.clear()
})

describe('sync status store', () => {
  it('loads the sync loop only once the phone has a team production, and starts it once', async () => {
    useSyncStatusStore().startSync()
    // Two reads of the teams table: by then the store's live query has read it too, and found it empty.
    await db.teams.toArray()
    await db.teams.toArray()
    expect(startSyncLoopInLeaderTab).not.toHaveBeenCalled()

    await saveTeam(team('joined'))
    await vi.waitFor(() => expect(startSyncLoopInLeaderTab).toHaveBeenCalledOnce())
    await saveTeam(team('shared'))
    await vi.waitFor(() => expect(useSyncStatusStore().teams).toHaveLength(2))
    expect(startSyncLoopInLeaderTab).toHaveBeenCalledOnce()
  })
})
