// First load benchmark (issue 13): the bytes a phone receives over the network when it first opens the app, read from
// Chromium's own network events (Network.loadingFinished encodedDataLength: headers and body as sent, compressed or
// not), and the Lighthouse 12 mobile performance score of that first route when Lighthouse can run. Never fails on speed.
//   From scripts/bench.mjs:  import { benchFirstLoad } from './benchFirstLoad.mjs'  ...  await benchFirstLoad(browser, { base: BASE, report })
//   Standalone:              node scripts/benchFirstLoad.mjs   (builds if needed, serves on BENCH_FIRST_LOAD_PORT or 4397)
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { CHROME_FLAGS, CHROME_PATH, formatFigure, runStandalone } from './benchHarness.mjs'

export const FIRST_LOAD_BUDGET_KB = 150
export const LIGHTHOUSE_BUDGET = 0.95
// Pinned: Lighthouse 13 needs Node 22. Fetched by npx from the npm registry on first use, not a dependency of the app.
export const LIGHTHOUSE_PACKAGE = 'lighthouse@12.8.2'
const LIGHTHOUSE_RUNS = 3
// The first load is over once no request has been in flight for this long after the first screen showed:
// whatever the app fetches while idle (other screens' texts, the update prompt) counts, a phone receives it too.
const QUIET_MS = 2000

const TEXT_TYPES = /javascript|css|html|json|svg|manifest/

/**
 * Loads `/` in a fresh phone-sized context with an empty cache; resolves to the requests Chromium saw with their
 * bytes. `acceptEncoding` replaces the Accept-Encoding Chromium sends, to stand for another kind of connection.
 */
async function measureFirstLoad(browser, base, { acceptEncoding } = {}) {
  // The service worker's precache (every screen, for offline use) is an install, not the first load: blocked here.
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 }, serviceWorkers: 'block', ...(acceptEncoding && { extraHTTPHeaders: { 'Accept-Encoding': acceptEncoding } }),
  })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  const requests = new Map()
  let lastActivity = Date.now()
  cdp.on('Network.requestWillBeSent', ({ requestId, request, type }) => {
    requests.set(requestId, { url: request.url, type: type ?? 'Other', bytes: 0, done: false })
    lastActivity = Date.now()
  })
  cdp.on('Network.requestWillBeSentExtraInfo', ({ requestId, headers }) => {
    const request = requests.get(requestId)
    if (request) request.acceptEncoding = headers['Accept-Encoding'] ?? headers['accept-encoding'] ?? ''
  })
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    const request = requests.get(requestId)
    if (request) Object.assign(request, { mimeType: response.mimeType, encoding: response.headers['content-encoding'] ?? response.headers['Content-Encoding'] ?? '' })
  })
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const request = requests.get(requestId)
    if (request) Object.assign(request, { bytes: encodedDataLength, done: true })
    lastActivity = Date.now()
  })
  cdp.on('Network.loadingFailed', ({ requestId }) => {
    const request = requests.get(requestId)
    if (request) request.done = true
    lastActivity = Date.now()
  })
  await cdp.send('Network.enable')
  try {
    await page.goto(`${base}/`)
    await page.getByTestId('load-demo').waitFor()
    const deadline = Date.now() + 30_000
    while (Date.now() < deadline) {
      const inFlight = [...requests.values()].some((request) => !request.done)
      if (!inFlight && Date.now() - lastActivity >= QUIET_MS) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    return [...requests.values()].filter((request) => request.done)
  } finally {
    await context.close()
  }
}

/** One Lighthouse 12 mobile performance run of `url` (default throttling): its score and paints, or why it failed. */
function lighthouseRun(url) {
  const result = spawnSync('npx', [
    '--yes', LIGHTHOUSE_PACKAGE, url, '--only-categories=performance', '--output=json', '--output-path=stdout', '--quiet',
    `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
  ], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 180_000, env: { ...process.env, CHROME_PATH } })
  if (result.status !== 0) return { reason: `${LIGHTHOUSE_PACKAGE} exited with ${result.status ?? result.signal}: ${(result.stderr || String(result.error ?? '')).trim().split('\n').at(-1)}` }
  const lhr = JSON.parse(result.stdout)
  const score = lhr.categories?.performance?.score
  if (typeof score !== 'number') return { reason: `no performance score (${lhr.runtimeError?.message ?? 'unknown error'})` }
  return { score, fcp: lhr.audits['first-contentful-paint'].numericValue, lcp: lhr.audits['largest-contentful-paint'].numericValue }
}

/** The median of LIGHTHOUSE_RUNS scores, or the reason Lighthouse could not run. */
function lighthouseScore(url) {
  const runs = []
  let failure
  // On a busy machine a run now and then loses its trace (NO_NAVSTART): a failed run is tried again, a few times.
  for (let attempt = 0; runs.length < LIGHTHOUSE_RUNS && attempt < LIGHTHOUSE_RUNS * 2; attempt++) {
    const run = lighthouseRun(url)
    if (run.reason) failure = run.reason
    else runs.push(run)
  }
  if (runs.length < LIGHTHOUSE_RUNS) return { reason: failure }
  runs.sort((a, b) => a.score - b.score)
  return { ...runs[Math.floor(runs.length / 2)], all: runs.map((run) => run.score) }
}

/** Prints the bytes and requests of one first load. */
async function reportFirstLoad(browser, { base, report }, connection, options) {
  const requests = await measureFirstLoad(browser, base, options)
  const totalBytes = requests.reduce((sum, request) => sum + request.bytes, 0)
  const byType = new Map()
  for (const request of requests) byType.set(request.type, (byType.get(request.type) ?? 0) + request.bytes)
  const breakdown = [...byType].sort((a, b) => b[1] - a[1]).map(([type, bytes]) => `${type} ${(bytes / 1024).toFixed(1)}`).join(', ')
  const uncompressed = requests.filter((request) => !request.encoding && TEXT_TYPES.test(request.mimeType ?? '')).length
  const asked = requests[0]?.acceptEncoding || '?'
  report(`first load ${connection}: bytes received by Chromium over the network, headers included (${requests.length} requests, ` +
    `Accept-Encoding: ${asked}; kB: ${breakdown}; ${uncompressed} text answers uncompressed)`, totalBytes / 1024, 'kB', FIRST_LOAD_BUDGET_KB)
}

export async function benchFirstLoad(browser, { base, report }) {
  await reportFirstLoad(browser, { base, report }, 'over HTTPS or localhost', {})
  // Off HTTPS (a phone on the set's Wi-Fi at http://192.168.x.y:8080) Chromium does not ask for brotli.
  await reportFirstLoad(browser, { base, report }, 'over plain HTTP on a local network', { acceptEncoding: 'gzip, deflate' })

  const lighthouse = lighthouseScore(`${base}/`)
  if (lighthouse.reason) {
    console.log(`Lighthouse: not run (${lighthouse.reason})`)
    return
  }
  console.log(`Lighthouse 12 mobile performance of the first route: ${lighthouse.score.toFixed(2)} (median of ${LIGHTHOUSE_RUNS}: ${lighthouse.all.join(', ')}; ` +
    `first contentful paint ${(lighthouse.fcp / 1000).toFixed(1)} s, largest ${(lighthouse.lcp / 1000).toFixed(1)} s) ` +
    `(budget ${LIGHTHOUSE_BUDGET}, ${lighthouse.score >= LIGHTHOUSE_BUDGET ? 'within' : 'UNDER'})`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const report = (...figure) => console.log(formatFigure(...figure))
  runStandalone(Number(process.env.BENCH_FIRST_LOAD_PORT ?? 4397), (browser, base) => benchFirstLoad(browser, { base, report }))
    .catch((error) => {
      console.error(error)
      process.exitCode = 1
    })
}
