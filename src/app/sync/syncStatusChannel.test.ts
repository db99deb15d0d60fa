// @vitest-environment node
// Node's BroadcastChannel delivers between channel objects of one process, as the browser does between tabs.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openSyncStatusChannel, type SharedSyncState, type SyncStatusChannel } from './syncStatusChannel'

const opened: SyncStatusChannel[] = []
function tab(name: string) {
  const states: SharedSyncState[] = []
  const channel = openSyncStatusChannel((state) => states.push(state), name)
  opened.push(channel)
  return { channel, states }
}
afterEach(() => {
  opened.splice(0).forEach((channel) => channel.close())
  vi.unstubAllGlobals()
})

describe('sync status shared between tabs', () => {
  it("shows the leader's state in the other tabs, including a tab opened later", async () => {
    const name = `status-${Math.random()}`
    const leader = tab(name)
    const other = tab(name)
    leader.channel.publish({ syncing: true, failure: null })
    // (A state may arrive twice, published and then as the answer to the tab's question: applying it is idempotent.)
    await vi.waitFor(() => expect(other.states.at(-1)).toEqual({ syncing: true, failure: null }))
    leader.channel.publish({ syncing: false, failure: 'offline' })
    await vi.waitFor(() => expect(other.states.at(-1)).toEqual({ syncing: false, failure: 'offline' }))

    const late = tab(name)
    await vi.waitFor(() => expect(late.states).toEqual([{ syncing: false, failure: 'offline' }]))
    // The leader never hears its own state back, and a tab that is not leading never answers.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(leader.states).toEqual([])
    expect(late.states).toHaveLength(1)
  })

  it('ignores messages that are not a sync state', async () => {
    const name = `status-${Math.random()}`
    const receiver = tab(name)
    const stranger = new BroadcastChannel(name)
    stranger.postMessage({ type: 'state', state: { syncing: 'yes' } })
    stranger.postMessage('hello')
    const leader = tab(name)
    leader.channel.publish({ syncing: false, failure: null })
    await vi.waitFor(() => expect(receiver.states).toEqual([{ syncing: false, failure: null }]))
    stranger.close()
  })

  it('does nothing, without failing, where BroadcastChannel is missing', () => {
    vi.stubGlobal('BroadcastChannel', undefined)
    const { channel, states } = tab('status-none')
    expect(channel.isSupported).toBe(false)
    channel.publish({ syncing: true, failure: null })
    expect(states).toEqual([])
  })
})
