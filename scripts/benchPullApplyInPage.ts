/**
 * The browser half of the pull-apply bench (scripts/benchPullApply.ts bundles it and opens it in Chromium): the
 * app's own applyPullPage over pulled pages, against a raw Dexie bulkPut of the same rows into the same tables.
 * Each run gets a fresh device database, deleted afterwards; times are taken in the page with performance.now().
 */
import { clientStateKey, Dexie, RegieDatabase } from '../src/app/db/db'
import { applyPullPage, saveTeam } from '../src/app/db/syncStore'
import { ENTITY_TABLES } from '../src/core/model/tables'
import type { OutboxEntry } from '../src/core/sync/mutations'
import type { PullResponse } from '../src/core/sync/protocol'

let pages: PullResponse[] = []
let runs = 0

/** Fetches the pulled pages as the app receives them (parsing is not timed: the app parses before applying). */
async function loadPages(count: number): Promise<number> {
  pages = await Promise.all(Array.from({ length: count }, async (_, index) => (await fetch(`/pages/${index}.json`)).json() as Promise<PullResponse>))
  return pages.reduce((sum, page) => sum + page.changes.length, 0)
}

async function freshDatabase(): Promise<RegieDatabase> {
  const database = new RegieDatabase(`regie-bench-${++runs}`)
  await database.open()
  return database
}

async function dropDatabase(database: RegieDatabase): Promise<void> {
  database.close()
  await Dexie.delete(database.name)
}

/** Rows in the database after a run, to check both ways wrote everything. */
async function countRows(database: RegieDatabase): Promise<number> {
  const counts = await Promise.all(Object.values(ENTITY_TABLES).map((table) => database.table(table).count()))
  return counts.reduce((sum, count) => sum + count, 0)
}

/**
 * The app's path: a joined device (team link, clientId) applies every page with applyPullPage. With `pendingEdits`,
 * the device holds that many unsent edits of rows the pages bring (spread over them), re-applied on top.
 */
async function timeApply(productionId: string, pendingEdits: number): Promise<{ ms: number; rows: number }> {
  const database = await freshDatabase()
  const clientId = `bench-device-${runs}`
  await saveTeam({ productionId, serverUrl: '', token: 'bench', memberId: 'bench', sessionId: 'bench', role: 'member', cursor: 0, lastSyncAt: null, lastError: null }, database)
  await database.meta.put({ key: clientStateKey(productionId), productionId, clientId, nextMutationId: pendingEdits + 1, hlc: null })
  const changes = pages.flatMap((page) => page.changes).filter((change) => change.entity === 'location' || change.entity === 'inventoryItem')
  const step = Math.max(1, Math.floor(changes.length / Math.max(1, pendingEdits)))
  const edits: OutboxEntry[] = Array.from({ length: pendingEdits }, (_, index) => {
    const change = changes[(index * step) % changes.length]!
    return {
      mutationId: index + 1, clientId, productionId, name: `${change.entity}.patch` as OutboxEntry['name'],
      args: { id: change.id, fields: { name: `Modifié hors ligne ${index}` } },
      hlc: `${String(Date.now()).padStart(15, '0')}:00000:${clientId}`, createdAt: new Date().toISOString(),
    }
  })
  await database.outbox.bulkPut(edits)

  const t0 = performance.now()
  for (const page of pages) await applyPullPage(productionId, page, database)
  const ms = performance.now() - t0
  const rows = await countRows(database)
  await dropDatabase(database)
  return { ms, rows }
}

/**
 * The floor: the same rows put with bulkPut into their tables, nothing else. `paged`: page by page, as they
 * arrive (one bulkPut per table and page); otherwise every row of a table in one bulkPut.
 */
async function timeRawBulkPut(paged: boolean): Promise<{ ms: number; rows: number }> {
  const database = await freshDatabase()
  const batches = paged ? pages.map((page) => page.changes) : [pages.flatMap((page) => page.changes)]
  const t0 = performance.now()
  for (const changes of batches) {
    const byTable = new Map<string, Record<string, unknown>[]>()
    for (const change of changes) {
      const table = ENTITY_TABLES[change.entity]
      const rows = byTable.get(table) ?? []
      byTable.set(table, rows)
      rows.push(change.data)
    }
    await Promise.all([...byTable].map(([table, rows]) => database.table(table).bulkPut(rows)))
  }
  const ms = performance.now() - t0
  const rows = await countRows(database)
  await dropDatabase(database)
  return { ms, rows }
}

declare global {
  interface Window {
    regieBench: { loadPages: typeof loadPages; timeApply: typeof timeApply; timeRawBulkPut: typeof timeRawBulkPut }
  }
}

window.regieBench = { loadPages, timeApply, timeRawBulkPut }
