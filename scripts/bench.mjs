// Measured performance figures (DESIGN.md section 7). Prints numbers against their budgets; never fails on speed.
// Builds the app if needed, starts the real server on a throwaway database and drives Debian's Chromium.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { benchFirstLoad } from './benchFirstLoad.mjs'
import { formatFigure, launchChromium, startBenchServer } from './benchHarness.mjs'
import { benchPlan } from './benchPlan.mjs'
import { benchPrint } from './benchPrint.mjs'

const RUNS = 5

const results = []
const report = (...figure) => {
  const line = formatFigure(...figure)
  results.push(line)
  console.log(line)
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** In the page: resolves once the list's count line shows `expected` results and the frame after it is painted. */
const measureInPage = async ({ action, expected }) => {
  const countText = () => document.querySelector('[data-testid="result-count"]')?.textContent ?? ''
  const t0 = performance.now()
  if (action.kind === 'click') document.querySelector(action.selector).click()
  if (action.kind === 'input' || action.kind === 'select') {
    const element = document.querySelector(action.selector)
    element.value = action.value
    element.dispatchEvent(new Event(action.kind === 'input' ? 'input' : 'change', { bubbles: true }))
  }
  for (;;) {
    await new Promise((resolve) => requestAnimationFrame(resolve))
    const match = countText().match(/(\d+)\D+(\d+)/)
    if (match && Number(match[1]) === expected.shown && Number(match[2]) === expected.total && document.querySelector('[data-testid="record-row"]')) break
    if (performance.now() - t0 > 30_000) throw new Error(`timeout waiting for ${JSON.stringify(expected)}, saw "${countText()}"`)
  }
  return performance.now() - t0
}

/** In the page: clicks `click`, then resolves once `until` matches `count` elements and that frame is painted. */
const measureScreen = async ({ click, until, count }) => {
  const t0 = performance.now()
  document.querySelector(click).click()
  for (;;) {
    await new Promise((resolve) => requestAnimationFrame(resolve))
    if (document.querySelectorAll(until).length === count) break
    if (performance.now() - t0 > 30_000) throw new Error(`timeout waiting for ${count} × ${until}`)
  }
  return performance.now() - t0
}

/** A 60-day shoot: 100 people at each of the 4 services every day, part of them already counted. */
const seedMealsInPage = async ({ productionId, days }) => {
  const idb = await new Promise((resolve, reject) => {
    const request = indexedDB.open('regie')
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
  const now = new Date().toISOString()
  const base = (id) => ({ id, productionId, createdAt: now, updatedAt: now, deletedAt: null })
  await new Promise((resolve, reject) => {
    const tx = idb.transaction(['production', 'shootDay', 'meal'], 'readwrite')
    tx.objectStore('production').put({ ...base(productionId), name: 'Bench repas', kind: 'feature', mealBudget: 400000 })
    const start = Date.UTC(2027, 0, 4)
    for (let d = 0; d < days; d++) {
      const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10)
      tx.objectStore('shootDay').put({ ...base(`day-${d}`), number: d + 1, date, dayType: 'normal', callTime: '06:30', wrapTime: '21:30', locationIds: [] })
      for (const service of ['breakfast', 'lunch', 'dinner', 'snack']) {
        const expected = { crew: 50, cast: 10, extras: 30, production: 6, guests: 4 }
        const served = d < days / 2 ? { crew: 48, cast: 10, extras: 27, production: 6, guests: 3 } : {}
        tx.objectStore('meal').put({
          ...base(`meal-day-${d}-${service}`), shootDayId: `day-${d}`, service, expected, served, unitPrice: service === 'snack' ? 6.5 : 15.9,
          vegetarian: 8, vegan: 2, glutenFree: 1, allergies: 1, cutoffAt: `${date}T10:30`, unlocks: [],
        })
      }
    }
    tx.oncomplete = resolve
    tx.onerror = () => reject(tx.error)
  })
  idb.close()
}

/** Seeds records straight into the app's IndexedDB (the app has created its schema on first load). */
const seedInPage = async ({ productionId, decors, items }) => {
  const open = () => new Promise((resolve, reject) => {
    const request = indexedDB.open('regie')
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
  const idb = await open()
  const now = new Date().toISOString()
  const base = (id) => ({ id, productionId, createdAt: now, updatedAt: now, deletedAt: null })
  const statuses = ['toScout', 'scouted', 'option', 'confirmed', 'rejected']
  const conditions = ['ok', 'ok', 'ok', 'damaged', 'missing', 'incomplete']
  await new Promise((resolve, reject) => {
    const tx = idb.transaction(['production', 'location', 'rentalHouse', 'inventoryItem'], 'readwrite')
    tx.objectStore('production').put({ ...base(productionId), name: 'Bench', kind: 'feature' })
    for (let i = 0; i < 6; i++) tx.objectStore('rentalHouse').put({ ...base(`rh-${i}`), name: `Loueur ${i}`, category: 'camera' })
    for (let i = 0; i < decors; i++) {
      tx.objectStore('location').put({
        ...base(`loc-${i}`), name: `Décor ${i} rue de la Paix`, scriptDecor: `DÉCOR ${i % 300} – INT`, intExt: i % 2 ? 'INT' : 'EXT',
        setting: 'natural', status: statuses[i % 5], address: `${i} rue de Rivoli`, city: 'Paris', contacts: [], rooms: [],
        advantages: [], nuisances: [], arrangements: [],
      })
    }
    for (let i = 0; i < items; i++) {
      tx.objectStore('inventoryItem').put({
        ...base(`item-${i}`), rentalHouseId: `rh-${i % 6}`, name: `Projecteur ${i}`, reference: `SN-${i}`, quantityOut: 2,
        quantityBack: i % 3 === 0 ? 1 : 2, condition: conditions[i % 6], dueDate: '2027-05-01',
      })
    }
    tx.oncomplete = resolve
    tx.onerror = () => reject(tx.error)
  })
  idb.close()
}

/** Décors with positions spread over Paris and its near suburbs (a fixed pseudo-random spread), for the map. */
const seedMapInPage = async ({ productionId, decors }) => {
  const idb = await new Promise((resolve, reject) => {
    const request = indexedDB.open('regie')
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
  const now = new Date().toISOString()
  const base = (id) => ({ id, productionId, createdAt: now, updatedAt: now, deletedAt: null })
  const statuses = ['toScout', 'scouted', 'option', 'confirmed', 'rejected']
  let seed = 42
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
  await new Promise((resolve, reject) => {
    const tx = idb.transaction(['production', 'location'], 'readwrite')
    tx.objectStore('production').put({ ...base(productionId), name: 'Bench carte', kind: 'feature' })
    for (let i = 0; i < decors; i++) {
      tx.objectStore('location').put({
        ...base(`map-loc-${i}`), name: `Décor ${i}`, intExt: i % 2 ? 'INT' : 'EXT', setting: 'natural', status: statuses[i % 5],
        city: 'Paris', lat: 48.8 + random() * 0.12, lng: 2.22 + random() * 0.26, contacts: [], rooms: [], advantages: [], nuisances: [], arrangements: [],
      })
    }
    tx.oncomplete = resolve
    tx.onerror = () => reject(tx.error)
  })
  idb.close()
}

/**
 * In the page: clicks `click` (the map tab) if given, then resolves once the map has placed its `count` points
 * (pins or clusters) and that frame is painted. Without a click, the time counts from the start of the page load.
 */
const measureMap = async ({ click, count }) => {
  const t0 = click ? performance.now() : 0
  if (click) document.querySelector(click).click()
  for (;;) {
    await new Promise((resolve) => requestAnimationFrame(resolve))
    const map = document.querySelector('[data-testid="map"]')
    if (map?.getAttribute('data-points') === String(count) && map.querySelector('.leaflet-marker-icon')) break
    if (performance.now() - t0 > 30_000) throw new Error(`timeout waiting for ${count} points on the map`)
  }
  return performance.now() - t0
}

/**
 * In the page: drags the map `dx` pixels with one mouse move (as a quick swipe, no inertia), then waits for the
 * next frame. Leaflet ends the pan on mouseup; the cluster group adds the pins of the uncovered area right then.
 */
const measurePan = async ({ dx }) => {
  const map = document.querySelector('[data-testid="map"]')
  const box = map.getBoundingClientRect()
  const x = box.left + box.width / 2
  const y = box.top + box.height / 2
  const mouse = (type, target, offset) =>
    target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, clientX: x + offset, clientY: y, button: 0, buttons: type === 'mouseup' ? 0 : 1 }))
  const pane = map.querySelector('.leaflet-map-pane')
  const before = pane.style.transform
  const t0 = performance.now()
  // Dispatched on the map (Leaflet listens on the document; the target must be an element, as a real one is).
  mouse('mousedown', map, 0)
  mouse('mousemove', map, dx)
  mouse('mouseup', map, dx)
  await new Promise((resolve) => requestAnimationFrame(resolve))
  const elapsed = performance.now() - t0
  if (pane.style.transform === before) throw new Error('the map did not pan')
  return elapsed
}

async function main(base) {
  const browser = await launchChromium()
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' })
    const page = await context.newPage()

    // First route: the entry (the picker is bundled with it) and its static imports, read from the build manifest
    // (what the browser must fetch before the first paint, whatever idle work starts early).
    const manifest = JSON.parse(readFileSync('dist/.vite/manifest.json', 'utf8'))
    const firstRoute = new Set()
    const addChunk = (key) => {
      const chunk = manifest[key]
      if (!chunk || firstRoute.has(`/${chunk.file}`)) return
      firstRoute.add(`/${chunk.file}`)
      for (const imported of chunk.imports ?? []) addChunk(imported)
    }
    addChunk('index.html')
    const gzipOf = (file) => gzipSync(readFileSync(path.join('dist', file)), { level: 9 }).length
    const gzipBytes = [...firstRoute].reduce((sum, file) => sum + gzipOf(file), 0)
    report(`first route JS (${firstRoute.size} files, gzip)`, gzipBytes / 1024, 'kB', 120)
    await benchFirstLoad(browser, { base, report })

    const scripts = new Set()
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.add(new URL(response.url()).pathname)
    })
    await page.goto(`${base}/`)
    await page.getByTestId('load-demo').waitFor()
    await page.waitForTimeout(3000)
    const idleBytes = [...scripts].filter((file) => !firstRoute.has(file)).reduce((sum, file) => sum + gzipOf(file), 0)
    report('JS loaded once the first screen is idle (other screens\' texts, service worker, update prompt; gzip)', idleBytes / 1024, 'kB')

    const productionId = 'bench-production'
    await page.evaluate(seedInPage, { productionId, decors: 5000, items: 20000 })

    // Expected counts follow the seed: décor status cycles over 5, item condition over 6; "1234" is in 1 décor
    // name and in 12 item names (1234, 11234, 12340-12349).
    for (const [label, view, total, filter, searchShown] of [
      ['5,000 décors', 'locations', 5000, { select: '[data-testid="filter-status"]', value: 'confirmed', shown: 1000 }, 1],
      ['20,000 inventory items', 'inventory', 20000, { select: '[data-testid="filter-condition"]', value: 'damaged', shown: 3333 }, 12],
    ]) {
      const listTimes = []
      const filterTimes = []
      const searchTimes = []
      // Cold: the time IndexedDB itself takes to hand over every record of the list.
      const coldRead = await page.evaluate(async ({ store, productionId }) => {
        const idb = await new Promise((resolve) => { const request = indexedDB.open('regie'); request.onsuccess = () => resolve(request.result) })
        const t0 = performance.now()
        await new Promise((resolve) => { const request = idb.transaction(store).objectStore(store).index('productionId').getAll(productionId); request.onsuccess = resolve })
        idb.close()
        return performance.now() - t0
      }, { store: view === 'locations' ? 'location' : 'inventoryItem', productionId })
      report(`IndexedDB read of ${label} (raw getAll, for reference)`, coldRead, 'ms')

      await page.goto(`${base}/p/${productionId}`)
      // A user looks at the overview for a moment: the app reads the lists meanwhile, when idle.
      await page.waitForTimeout(1500)
      for (let run = 0; run < RUNS; run++) {
        // Back to the overview inside the app (no page load), as a user taps between screens.
        if (run > 0) await page.getByTestId('production-title').click()
        await page.getByTestId(`store-${view}`).waitFor()
        listTimes.push(await page.evaluate(measureInPage, { action: { kind: 'click', selector: `[data-testid="store-${view}"]` }, expected: { shown: total, total } }))
        searchTimes.push(await page.evaluate(measureInPage, { action: { kind: 'input', selector: '[data-testid="search"]', value: '1234' }, expected: { shown: searchShown, total } }))
        await page.evaluate(measureInPage, { action: { kind: 'input', selector: '[data-testid="search"]', value: '' }, expected: { shown: total, total } })
        filterTimes.push(await page.evaluate(measureInPage, { action: { kind: 'select', selector: filter.select, value: filter.value }, expected: { shown: filter.shown, total } }))
      }
      // The first open reads IndexedDB; later opens show the list kept in memory at once, then refresh it.
      report(`list ${label}: first open, 1.5 s after the overview appeared`, listTimes[0], 'ms', 100)
      report(`list ${label}: reopen (median of ${RUNS - 1})`, median(listTimes.slice(1)), 'ms', 100)
      report(`filter ${label} by a select (median)`, median(filterTimes), 'ms', 100)
      report(`search ${label} by text (median)`, median(searchTimes), 'ms', 100)
    }

    // The "still out" dashboard over the 20,000 items of 6 rental houses, opened from the bottom navigation
    // after a moment on the overview (as for the lists), then again from the overview within the app.
    await page.goto(`${base}/p/${productionId}`)
    await page.waitForTimeout(1500)
    const dashboardTimes = []
    for (let run = 0; run < RUNS; run++) {
      if (run > 0) await page.getByTestId('production-title').click()
      await page.getByTestId('nav-returns').waitFor()
      dashboardTimes.push(await page.evaluate(measureScreen, { click: '[data-testid="nav-returns"]', until: '[data-testid^="returns-house-"]', count: 6 }))
    }
    report('"still out" dashboard over 20,000 items: first open, 1.5 s after the overview appeared', dashboardTimes[0], 'ms', 100)
    report(`"still out" dashboard over 20,000 items: reopen (median of ${RUNS - 1})`, median(dashboardTimes.slice(1)), 'ms', 100)

    // Meal totals over a 60-day shoot, 100 people, 4 services: opened from the services screen's link.
    const mealsProduction = 'bench-meals'
    await page.evaluate(seedMealsInPage, { productionId: mealsProduction, days: 60 })
    const totalsTimes = []
    for (let run = 0; run < RUNS; run++) {
      await page.goto(`${base}/p/${mealsProduction}/meal-plan`)
      await page.locator('a[href$="/meal-totals"]').first().waitFor()
      totalsTimes.push(await page.evaluate(measureScreen, { click: 'a.btn[href$="/meal-totals"]', until: '[data-testid="totals-by-day"] tbody tr', count: 60 }))
    }
    report(`meal totals of a 60-day shoot (240 services, 100 people): open (median of ${RUNS})`, median(totalsTimes), 'ms', 100)

    // The décors map with 2,000 décors around Paris (pins clustered): opened from the décors list's "Carte" tab,
    // loaded directly, then panned by a swipe.
    const mapProduction = 'bench-map'
    const mapDecors = 2000
    await page.evaluate(seedMapInPage, { productionId: mapProduction, decors: mapDecors })
    await page.goto(`${base}/p/${mapProduction}/locations`)
    const mapOpenTimes = []
    for (let run = 0; run < RUNS; run++) {
      if (run > 0) await page.locator('a.record-tab[href$="/locations"]').click()
      await page.locator('a.record-tab[href$="/locations-map"]').waitFor()
      mapOpenTimes.push(await page.evaluate(measureMap, { click: 'a.record-tab[href$="/locations-map"]', count: mapDecors }))
    }
    report('map with 2,000 décors: first open from the décors list, to pins and clusters drawn', mapOpenTimes[0], 'ms')
    report(`map with 2,000 décors: reopen (median of ${RUNS - 1})`, median(mapOpenTimes.slice(1)), 'ms')
    const mapLoads = []
    for (let run = 0; run < RUNS; run++) {
      await page.goto(`${base}/p/${mapProduction}/locations-map`)
      // From the start of navigation: the app boots, reads IndexedDB, loads Leaflet and clusters the pins.
      mapLoads.push(await page.evaluate(measureMap, { count: mapDecors }))
    }
    report(`map with 2,000 décors: page load to pins drawn (median of ${RUNS})`, median(mapLoads), 'ms')
    const panTimes = []
    for (let run = 0; run < RUNS; run++) panTimes.push(await page.evaluate(measurePan, { dx: run % 2 ? 300 : -300 }))
    report(`map with 2,000 décors: pan by 300 px, to the next frame (median of ${RUNS})`, median(panTimes), 'ms')

    // 20 photos added at once on a décor's page (resized to the app's sizes and stored in IndexedDB): half the
    // small EXIF fixture, half a 3000x2000 JPEG drawn once in the page, so the resizing is a camera's.
    await page.goto(`${base}/p/${productionId}/locations/loc-1`)
    const photoInput = page.getByTestId('record-photos').getByTestId('choose-photos')
    await photoInput.waitFor({ state: 'attached' })
    const largeJpeg = Buffer.from(await page.evaluate(async () => {
      const canvas = document.createElement('canvas')
      canvas.width = 3000
      canvas.height = 2000
      const g = canvas.getContext('2d')
      const gradient = g.createLinearGradient(0, 0, 3000, 2000)
      gradient.addColorStop(0, '#d9a441')
      gradient.addColorStop(1, '#1d3557')
      g.fillStyle = gradient
      g.fillRect(0, 0, 3000, 2000)
      // Detail everywhere, as in a photo (a flat image would compress to nothing).
      for (let i = 0; i < 4000; i++) {
        g.fillStyle = `hsl(${(i * 37) % 360} 60% ${30 + (i % 40)}%)`
        g.fillRect((i * 7919) % 3000, (i * 104729) % 2000, 20 + (i % 60), 10 + (i % 45))
      }
      const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9))
      const bytes = new Uint8Array(await blob.arrayBuffer())
      let binary = ''
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
      return btoa(binary)
    }), 'base64')
    const smallJpeg = readFileSync('test/fixtures/photos/with-exif.jpg')
    const photoFiles = Array.from({ length: 20 }, (_, i) => i % 2
      ? { name: `large-${i}.jpg`, mimeType: 'image/jpeg', buffer: largeJpeg }
      : { name: `exif-${i}.jpg`, mimeType: 'image/jpeg', buffer: smallJpeg })
    const photosStart = performance.now()
    await photoInput.setInputFiles(photoFiles)
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="record-photos"] [data-testid="photo-item"]').length >= 20, null, { polling: 'raf', timeout: 180_000 })
    const photosMs = performance.now() - photosStart
    report(`adding 20 photos (resize + store) in Chromium (10 × 3000x2000 ${(largeJpeg.length / 1024 / 1024).toFixed(1)} MB, 10 × small; total)`, photosMs, 'ms')
    report('adding 20 photos (resize + store) in Chromium: per photo', photosMs / 20, 'ms')
    await context.close()

    // A day plan with 200 vehicles redrawn while one is dragged (issue 5): frame times.
    const planContext = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' })
    await benchPlan(await planContext.newPage(), { base, report })
    await planContext.close()

    // A 30-vehicle plan printed with its map from the tiles the service worker cached (issue 12).
    const printContext = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    await benchPrint(printContext, { base: BASE, mapFixture: mapFixture.env.GEOPLATEFORME_URL, report })
    await printContext.close()
  } finally {
    await browser.close()
  }
}

/** Server push and pull on SQLite and PostgreSQL, then applying 50,000 pulled rows in Chromium (each its own script). */
function syncBench() {
  for (const script of ['scripts/benchServer.ts', 'scripts/benchDurability.ts', 'scripts/benchPullApply.ts']) {
    const run = spawnSync('node_modules/.bin/tsx', [script], { stdio: 'inherit', env: process.env })
    if (run.status !== 0) process.exitCode = 1
  }
}

const server = await startBenchServer(Number(process.env.BENCH_PORT ?? 4399))
main(server.base)
  .then(syncBench)
  .catch((error) => {
    console.error(error)
    process.exitCode = 1
  })
  .finally(server.stop)
