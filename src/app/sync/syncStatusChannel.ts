/**
 * Shares the leading tab's sync state (whether it is syncing, and why its last sync failed) with the app's other
 * tabs by BroadcastChannel, so every tab's status pill tells the truth. A tab opened later asks, and the leader
 * answers with its current state. The last sync time and error of each production need no message: they are in
 * the teams table, which every tab reads live. Without BroadcastChannel the other tabs show only that table.
 */
import type { SyncFailureKind } from './syncClient'

export interface SharedSyncState {
  syncing: boolean
  failure: SyncFailureKind | null
}

type Message = { type: 'state'; state: SharedSyncState } | { type: 'ask' }

export const SYNC_STATUS_CHANNEL = 'regie-sync-status'

export interface SyncStatusChannel {
  readonly isSupported: boolean
  /** Sends this tab's state to the others (the leader only); it also answers later tabs' questions. */
  publish(state: SharedSyncState): void
  close(): void
}

export function openSyncStatusChannel(onState: (state: SharedSyncState) => void, name = SYNC_STATUS_CHANNEL): SyncStatusChannel {
  if (typeof BroadcastChannel === 'undefined') return { isSupported: false, publish: () => undefined, close: () => undefined }
  const channel = new BroadcastChannel(name)
  let mine: SharedSyncState | null = null
  channel.onmessage = (event: MessageEvent<Message>) => {
    const message = event.data
    if (message?.type === 'ask' && mine) channel.postMessage({ type: 'state', state: mine } satisfies Message)
    else if (message?.type === 'state' && isState(message.state)) onState(message.state)
  }
  channel.postMessage({ type: 'ask' } satisfies Message)
  return {
    isSupported: true,
    publish(state) {
      mine = { ...state }
      channel.postMessage({ type: 'state', state: mine } satisfies Message)
    },
    close: () => channel.close(),
  }
}

function isState(value: unknown): value is SharedSyncState {
  const state = value as Partial<SharedSyncState> | null
  return typeof state?.syncing === 'boolean' && (state.failure === null || typeof state.failure === 'string')
}
