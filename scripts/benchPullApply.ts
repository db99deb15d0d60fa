/**
 * Pull-apply figures for `npm run bench` (DESIGN.md section 7: "a pull of 50,000 rows applies within 2x of raw Dexie
 * bulkPut of the same rows in the same browser"). 50,000 rows cut from copies of the demo production (every kind of
 * record, as a crew makes them) are pushed to the real server (in process, SQLite), pulled by a device joining the
 * production in the app's pages of 500, then applied in Debian's Chromium by the app's own applyPullPage
 * (scripts/benchPullApplyInPage.ts, bundled here with Vite) and, for comparison, written with a raw Dexie bulkPut.
 * Prints figures only; never fails on a slow machine.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from '@playwright/test'
import { build, type Rolldown } from 'vite'
import { buildDemoProduction } from '../src/core/demo/demoProduction'
import { encodeHlc } from '../src/core/sync/hlc'
import { newId } from '../src/core/sync/ids'
import type { PullResponse, PushResponse } from '../src/core/sync/protocol'
import { buildServer } from '../src/server/app'
import { migrateToLatest } from '../src/server/migrations'
import { createSqliteStore } from '../src/server/testDatabases'
import { ACCESS_HEADERS, TEST_ACCESS_CODE } from '../src/server/testAccessCode'

const ROOT = path.resolve(import.meta.dirname, '..')
/** BENCH_PULL_ROWS: fewer rows for a quick look while working on the apply path. */
const ROWS = Number(process.env.BENCH_PULL_ROWS ?? 50_000)
/** syncEngine's PULL_PAGE: what the app asks for. */
const PULL_PAGE = 500
const PUSH_BATCH = 1000
const RUNS = Number(process.env.BENCH_PULL_RUNS ?? 3)
const PENDING_EDITS = 200
/** A made-up origin served by Playwright: IndexedDB needs one, and nothing else runs there. */
const ORIGIN = 'http://pull-apply.bench.test'

/** Records of demo productions, renamed into one production, until there are `count`. */
function crewRecords(productionId: string, count: number): { entity: string; record: Record<string, unknown> }[] {
  const records: { entity: string; record: Record<string, unknown> }[] = []
  for (let copy = 0; records.length < count; copy++) {
    // Weeks ahead, so no meal is past its cut-off when pushed.
    const startDate = new Date(Date.UTC(2030, 0, 7 + 7 * (copy % 50))).toISOString().slice(0, 10)
    for (const { entity, record } of buildDemoProduction({ startDate }).records) {
      if (records.length === count) break
      records.push({ entity, record: { ...record, productionId } })
    }
  }
  return records
}

/** The pulled pages, as the server sent them (JSON text), for a device joining a production of ROWS rows. */
async function pulledPages(): Promise<{ productionId: string; pages: string[]; rows: number; rejected: number }> {
  const store = await createSqliteStore()
  const { db, dialect } = store.open()
  await migrateToLatest(db)
  const app = await buildServer({ db, dialect, accessCode: TEST_ACCESS_CODE, distDir: path.join(os.tmpdir(), 'regie-no-dist') })
  try {
    const created = (await app.inject({ method: 'POST', url: '/api/v1/productions', headers: ACCESS_HEADERS, payload: { name: 'Bench pull' } })).json() as { productionId: string; token: string }
    const { productionId } = created
    const headers = { authorization: `Bearer ${created.token}` }
    const writer = newId()
    const records = crewRecords(productionId, ROWS)
    let rejected = 0
    for (let start = 0; start < records.length; start += PUSH_BATCH) {
      const mutations = records.slice(start, start + PUSH_BATCH).map(({ entity, record }, index) => ({
        mutationId: start + index + 1, name: `${entity}.create`, args: { record },
        hlc: encodeHlc({ millis: Date.now() - 1000, counter: index, node: writer }),
      }))
      const pushed = await app.inject({ method: 'POST', url: `/api/v1/productions/${productionId}/push`, headers, payload: { clientId: writer, schemaVersion: 1, mutations } })
      rejected += (pushed.json() as PushResponse).rejected.length
    }
    const reader = newId()
    const pages: string[] = []
    let rows = 0
    for (let cursor = 0; ;) {
      const response = await app.inject({ method: 'GET', url: `/api/v1/productions/${productionId}/pull?clientId=${reader}&cursor=${cursor}&limit=${PULL_PAGE}&acked=0`, headers })
      const page = JSON.parse(response.body) as PullResponse
      pages.push(response.body)
      rows += page.changes.length
      cursor = page.cursor
      if (!page.hasMore) break
    }
    return { productionId, pages, rows, rejected }
  } finally {
    await app.close()
    await store.drop()
  }
}

/** The in-page half, bundled as the app is (minified ES modules): file name → code. */
async function bundleHarness(): Promise<Map<string, string>> {
  const output = await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      lib: { entry: path.join(ROOT, 'scripts/benchPullApplyInPage.ts'), formats: ['es'], fileName: 'harness' },
    },
  })
  const outputs = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[]
  const files = new Map<string, string>()
  for (const item of outputs.flatMap((result) => result.output)) if (item.type === 'chunk') files.set(`/${item.fileName}`, item.code)
  return files
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function main() {
  const { productionId, pages, rows, rejected } = await pulledPages()
  const files = await bundleHarness()
  const entry = [...files.keys()].find((name) => name.startsWith('/harness'))
  if (!entry) throw new Error(`the harness bundle has no entry: ${[...files.keys()].join(', ')}`)

  // A profile on disk, as on a phone: a throwaway (incognito) context keeps IndexedDB in memory, slower at this size.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'regie-bench-profile-'))
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  try {
    const page = browser.pages()[0] ?? await browser.newPage()
    await page.route(`${ORIGIN}/**`, (route) => {
      const { pathname } = new URL(route.request().url())
      const pageIndex = /^\/pages\/(\d+)\.json$/.exec(pathname)
      if (pageIndex) return route.fulfill({ contentType: 'application/json', body: pages[Number(pageIndex[1])] ?? '' })
      const code = files.get(pathname)
      if (code !== undefined) return route.fulfill({ contentType: 'text/javascript', body: code })
      if (pathname === '/') return route.fulfill({ contentType: 'text/html', body: `<!doctype html><script type="module" src="${entry}"></script>` })
      return route.fulfill({ status: 404, body: '' })
    })
    await page.goto(`${ORIGIN}/`)
    await page.waitForFunction(() => 'regieBench' in window)
    const loaded = await page.evaluate((count) => window.regieBench.loadPages(count), pages.length)
    if (loaded !== rows) throw new Error(`the page holds ${loaded} rows, ${rows} were pulled`)

    const times = { rawPaged: [] as number[], rawOnce: [] as number[], apply: [] as number[], applyPending: [] as number[] }
    for (let run = 0; run < RUNS; run++) {
      const check = ({ ms, rows: written }: { ms: number; rows: number }) => {
        if (written !== rows) throw new Error(`${written} rows written, ${rows} pulled`)
        return ms
      }
      times.rawPaged.push(check(await page.evaluate(() => window.regieBench.timeRawBulkPut(true))))
      times.apply.push(check(await page.evaluate((pid) => window.regieBench.timeApply(pid, 0), productionId)))
      times.rawOnce.push(check(await page.evaluate(() => window.regieBench.timeRawBulkPut(false))))
      times.applyPending.push(check(await page.evaluate(([pid, edits]) => window.regieBench.timeApply(pid, edits), [productionId, PENDING_EDITS] as const)))
    }
    const raw = median(times.rawPaged)
    const line = (label: string, ms: number, budget = false) => {
      const ratio = ms / raw
      console.log(`${label}: ${ms.toFixed(1)} ms${budget ? `, ${ratio.toFixed(2)}x the raw bulkPut (budget 2x, ${ratio <= 2 ? 'within' : 'OVER'})` : ''}`)
    }
    console.log(`pull apply in Chromium: ${rows.toLocaleString('en')} rows of ${new Set(pages.flatMap((body) => (JSON.parse(body) as PullResponse).changes.map((change) => change.entity))).size} entities in ${pages.length} pages of ${PULL_PAGE}`
      + `${rejected ? ` (${rejected} of the pushed records were refused)` : ''}; medians of ${RUNS} runs, each on a fresh device database`)
    line('  raw Dexie bulkPut of the same rows, page by page (the reference)', raw)
    line('  raw Dexie bulkPut of the same rows, one per table for all pages', median(times.rawOnce))
    line('  applyPullPage, the app\'s pull apply', median(times.apply), true)
    line(`  applyPullPage with ${PENDING_EDITS} unsent local edits re-applied on top`, median(times.applyPending), true)
  } finally {
    await browser.close()
    fs.rmSync(profile, { recursive: true, force: true })
  }
}

await main()
