// Vehicle plan benchmark: a shoot day with 200 vehicles, one dragged across the map for about 2 seconds (pointer
// events at 120 Hz, dispatched in the page); prints the frame times seen meanwhile (requestAnimationFrame deltas: mean, p95, max) and checks the
// drag wrote one patch, not one per frame. Never fails on speed.
//   From scripts/bench.mjs:  import { benchPlan } from './benchPlan.mjs'  ...  await benchPlan(page, { base: BASE, report })
//   Standalone:              node scripts/benchPlan.mjs   (builds if needed, serves on BENCH_PLAN_PORT or 4398)
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { runStandalone } from './benchHarness.mjs'

const PRODUCTION = 'bench-plan'
const DAY = 'bench-plan-day'
const VEHICLES = 200
const DRAG_MS = 2000

/** In the page: a production in Paris, a décor in the 9e, a shoot day with a kerb and `count` placed vehicles. */
export const seedPlanInPage = async ({ productionId, dayId, count }) => {
  const idb = await new Promise((resolve, reject) => {
    const request = indexedDB.open('regie')
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
  const now = new Date().toISOString()
  const base = (id) => ({ id, productionId, createdAt: now, updatedAt: now, deletedAt: null })
  const kinds = [['van', 6.5, 2.2], ['electricTruck', 10, 2.55], ['gripTruck', 10, 2.55], ['catering', 11, 2.55], ['generator', 4, 2], ['pictureCar', 4.5, 1.8]]
  const origin = [48.8752, 2.3318]
  // A grid of 10 columns, 14 m apart east-west and 5 m apart north-south, east of the décor.
  const at = (east, north) => [origin[0] + north / 111_195, origin[1] + east / (111_195 * Math.cos((origin[0] * Math.PI) / 180))]
  await new Promise((resolve, reject) => {
    const tx = idb.transaction(['production', 'location', 'shootDay', 'vehicle', 'placement'], 'readwrite')
    tx.objectStore('production').put({ ...base(productionId), name: 'Bench plan', kind: 'feature', city: 'Paris', customCityRules: [], cityRuleSetId: '' })
    tx.objectStore('location').put({
      ...base('bench-plan-decor'), name: 'Théâtre Mogador', intExt: 'INT', setting: 'natural', status: 'confirmed', city: 'Paris', postcode: '75009',
      lat: origin[0], lng: origin[1], contacts: [], rooms: [], advantages: [], nuisances: [], arrangements: [],
    })
    tx.objectStore('shootDay').put({
      ...base(dayId), number: 1, date: '2099-01-04', dayType: 'normal', callTime: '07:00', wrapTime: '19:00', locationIds: ['bench-plan-decor'], notes: '',
      kerbs: [{ id: 'bench-kerb', street: 'Rue de Mogador', side: 'odd', startNumber: 1, endNumber: 61, points: [at(-10, 3), at(150, 3)] }], baseCamp: null,
    })
    for (let i = 0; i < count; i++) {
      const [kind, lengthM, widthM] = kinds[i % kinds.length]
      tx.objectStore('vehicle').put({
        ...base(`bench-vehicle-${i}`), name: `Véhicule ${i + 1}`, kind, lengthM, widthM, generatorKw: kind === 'generator' ? 60 : null, plate: '', driver: '', phone: '', notes: '',
      })
      const [lat, lng] = at((i % 10) * 14, -Math.floor(i / 10) * 5)
      tx.objectStore('placement').put({
        ...base(`bench-placement-${i}`), vehicleId: `bench-vehicle-${i}`, shootDayId: dayId, locationId: 'bench-plan-decor', lat, lng, heading: 90,
        arrival: '', departure: '', onStreet: true, kerbId: '', street: '', fromNumber: null, toNumber: null, side: '', notes: '',
      })
    }
    tx.oncomplete = resolve
    tx.onerror = () => reject(tx.error)
  })
  idb.close()
}

/**
 * In the page: presses on a vehicle and drags it for `ms` milliseconds, a pointer move every 8 ms (a 120 Hz
 * touchscreen) along a loop 60 px wide, while recording every animation frame; returns the frame timestamps.
 */
const dragInPage = async ({ id, ms }) => {
  const path = document.querySelector(`path[data-vehicle="${id}"]`)
  const box = path.getBoundingClientRect()
  const start = { x: box.left + box.width / 2, y: box.top + box.height / 2 }
  const pointer = (type, target, x, y) => target.dispatchEvent(new PointerEvent(type, {
    bubbles: true, cancelable: true, pointerId: 7, pointerType: 'touch', isPrimary: true, clientX: x, clientY: y, button: 0, buttons: type === 'pointerup' ? 0 : 1,
  }))
  const stamps = []
  let running = true
  const tick = (time) => {
    stamps.push(time)
    if (running) requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
  pointer('pointerdown', path, start.x, start.y)
  const t0 = performance.now()
  let moves = 0
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const phase = Math.min(1, (performance.now() - t0) / ms)
      pointer('pointermove', document, start.x + 60 * Math.sin(phase * 2 * Math.PI), start.y + 40 * Math.sin(phase * 4 * Math.PI) + 20 * phase)
      moves++
      if (phase >= 1) {
        clearInterval(timer)
        resolve()
      }
    }, 8)
  })
  pointer('pointerup', document, start.x, start.y + 20)
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
  running = false
  return { stamps, moves }
}

const outboxCount = () => new Promise((resolve, reject) => {
  const request = indexedDB.open('regie')
  request.onerror = () => reject(request.error)
  request.onsuccess = () => {
    const idb = request.result
    const count = idb.transaction('outbox').objectStore('outbox').count()
    count.onsuccess = () => {
      idb.close()
      resolve(count.result)
    }
  }
})

function stats(deltas) {
  const sorted = [...deltas].sort((a, b) => a - b)
  const mean = deltas.reduce((sum, value) => sum + value, 0) / deltas.length
  return { mean, p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))], max: sorted.at(-1), frames: deltas.length }
}

/**
 * Seeds the plan, opens it, selects a vehicle and drags it for about 2 s (a pointer move every 8 ms, as a 120 Hz
 * touchscreen sends them), then prints the frame times. `page` is on a served build; `base` its origin; `report`
 * (name, value, unit, budget) prints a line, as scripts/bench.mjs's does.
 */
export async function benchPlan(page, { base, report } = {}) {
  const origin = base ?? new URL(page.url()).origin
  const print = report ?? ((name, value, unit) => console.log(`${name}: ${value.toFixed(1)} ${unit}`))
  // The app creates its database on first load; the records go straight into it.
  await page.goto(`${origin}/`)
  await page.waitForFunction(() => new Promise((resolve) => {
    const request = indexedDB.open('regie')
    request.onsuccess = () => {
      const ready = request.result.objectStoreNames.contains('placements')
      request.result.close()
      resolve(ready)
    }
    request.onerror = () => resolve(false)
  }))
  await page.evaluate(seedPlanInPage, { productionId: PRODUCTION, dayId: DAY, count: VEHICLES })

  const openStart = Date.now()
  await page.goto(`${origin}/p/${PRODUCTION}/vehicle-plan?day=${DAY}`)
  await page.locator(`[data-testid="map"][data-vehicles="${VEHICLES}"]`).waitFor({ timeout: 60_000 })
  print(`vehicle plan with ${VEHICLES} vehicles: page load to all drawn`, Date.now() - openStart, 'ms')
  // The plan opens on the aerial photographs (the local stand-in's): the drag is measured with them drawn under it.
  await page.locator('[data-testid="map"][data-tiles="ortho-ign"]').waitFor({ timeout: 30_000 })
  await page.waitForFunction(() => document.querySelectorAll('img.leaflet-tile-loaded[src*="ORTHOIMAGERY"]').length > 4, null, { timeout: 30_000 })

  // A user looks at the plan a moment (the app reads the other lists meanwhile), then taps a vehicle in the middle
  // of the grid and drags it.
  await page.waitForTimeout(1500)
  const id = `bench-placement-${VEHICLES / 2 + 5}`
  await page.getByTestId('map').scrollIntoViewIfNeeded()
  await page.evaluate((vehicle) => {
    const path = document.querySelector(`path[data-vehicle="${vehicle}"]`)
    const box = path.getBoundingClientRect()
    path.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 }))
  }, id)
  await page.locator('.plan-vehicle-selected').waitFor()
  await page.getByTestId('map').scrollIntoViewIfNeeded()
  const writesBefore = await page.evaluate(outboxCount)
  const { stamps, moves } = await page.evaluate(dragInPage, { id, ms: DRAG_MS })
  const frames = stats(stamps.slice(1).map((stamp, i) => stamp - stamps[i]))
  // The one write lands after the drop; wait for it (a drag that wrote nothing would time out here).
  let writes = 0
  for (let waited = 0; writes === 0 && waited < 5000; waited += 100) {
    await page.waitForTimeout(100)
    writes = (await page.evaluate(outboxCount)) - writesBefore
  }
  await page.waitForTimeout(300)
  writes = (await page.evaluate(outboxCount)) - writesBefore

  print(`vehicle plan with ${VEHICLES} vehicles over the aerial layer: drag for ${(DRAG_MS / 1000).toFixed(0)} s (${moves} pointer moves), frame time mean`, frames.mean, 'ms', 16.7)
  print(`vehicle plan with ${VEHICLES} vehicles over the aerial layer: drag frame time p95 (${frames.frames} frames)`, frames.p95, 'ms', 33.4)
  print(`vehicle plan with ${VEHICLES} vehicles over the aerial layer: drag frame time max`, frames.max, 'ms')
  print(`vehicle plan with ${VEHICLES} vehicles: database writes for the whole drag`, writes, 'writes', 1)
  return { ...frames, moves, writes }
}

async function main() {
  await runStandalone(Number(process.env.BENCH_PLAN_PORT ?? 4398), async (browser, base) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' })
    await benchPlan(await context.newPage(), { base })
    await context.close()
  })
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error)
    process.exitCode = 1
  })
}
