// Printing a 30-vehicle plan with its map (issue 12): the plan's print page opened once online (its tiles cached by
// the service worker), then, with the tile server cut off, loaded again and printed to PDF from the cached tiles.
// Prints the time to "ready to print" (every map composed) and the time of Chromium's print to PDF. Never fails on speed.
//   From scripts/bench.mjs:  import { benchPrint } from './benchPrint.mjs'  ...  await benchPrint(context, { base, mapFixture, report })
import { seedPlanInPage } from './benchPlan.mjs'

const PRODUCTION = 'bench-print'
const DAY = 'bench-print-day'
const VEHICLES = 30
const RUNS = 3

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** `context` must let the service worker run; `mapFixture` is the tile server's origin, cut off after the first visit. */
export async function benchPrint(context, { base, mapFixture, report }) {
  const page = await context.newPage()
  await page.goto(`${base}/`)
  await page.evaluate(() => navigator.serviceWorker.ready)
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload()
  await page.waitForFunction(() => !!navigator.serviceWorker.controller)
  await page.evaluate(seedPlanInPage, { productionId: PRODUCTION, dayId: DAY, count: VEHICLES })
  const url = `${base}/p/${PRODUCTION}/vehicle-plan/print?day=${DAY}`
  const ready = () => page.locator('[data-print-ready="true"] [data-printed-map="ready"]').first().waitFor({ timeout: 60_000 })
  await page.goto(url)
  await ready()

  // From here the tile server is gone: every tile comes from the service worker's cache.
  await context.route(`${mapFixture}/**`, (route) => route.abort('internetdisconnected'))
  const loads = []
  const pdfs = []
  for (let run = 0; run < RUNS; run++) {
    const start = Date.now()
    await page.goto(url)
    await ready()
    loads.push(Date.now() - start)
    const missing = await page.locator('[data-printed-map]').evaluateAll((maps) => maps.reduce((sum, map) => sum + Number(map.getAttribute('data-missing') ?? 0), 0))
    if (missing > 0) throw new Error(`${missing} tiles missing from the cache`)
    await page.emulateMedia({ media: 'print' })
    const pdfStart = Date.now()
    await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })
    pdfs.push(Date.now() - pdfStart)
    await page.emulateMedia({ media: 'screen' })
  }
  await context.unroute(`${mapFixture}/**`)
  const vehicles = await page.locator('[data-testid^="plan-vehicle-"]').count()
  report(`printing a ${vehicles}-vehicle plan with its map from cached tiles: page load to ready to print (median of ${RUNS})`, median(loads), 'ms')
  report(`printing a ${vehicles}-vehicle plan with its map from cached tiles: print to PDF (median of ${RUNS})`, median(pdfs), 'ms')
  await page.close()
}
