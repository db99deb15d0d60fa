import { expect, test, type Page } from '@playwright/test'
import { addRecord, createProduction, layerTiles, openControlledApp, requestsElsewhere } from './helpers'

const SHOTS = 'test-results/screenshots'

/** Loaded tiles of the map, with where they came from. */
const loadedTiles = (page: Page) =>
  page.locator('img.leaflet-tile-loaded').evaluateAll((tiles) => (tiles as HTMLImageElement[]).map((tile) => ({ src: tile.src, width: tile.naturalWidth })))

/** A point of the map where a tap lands on the map itself, not on a pin or a control. */
async function emptySpotOfMap(page: Page): Promise<{ x: number; y: number }> {
  const spot = await page.getByTestId('map').evaluate((map) => {
    const box = map.getBoundingClientRect()
    for (let fy = 0.5; fy < 0.9; fy += 0.07) {
      for (let fx = 0.5; fx < 0.9; fx += 0.07) {
        const x = box.left + box.width * fx
        const y = box.top + box.height * fy
        const hit = document.elementFromPoint(x, y)
        if (hit && (hit.classList.contains('leaflet-tile') || hit === map)) return { x, y }
      }
    }
    return null
  })
  expect(spot).not.toBeNull()
  return spot!
}

test('décors map: demo pins on Plan IGN from the local Géoplateforme stand-in, a décor placed by a tap, still placed after an offline reload', async ({ page, context }) => {
  const outside = requestsElsewhere(context)
  await openControlledApp(page)
  await page.getByTestId('load-demo').click()
  await expect(page.getByTestId('store-locations')).toContainText('25')
  const pid = page.url().split('/p/')[1]!.split('/')[0]!

  // A décor just scouted, with no position yet: its page offers to place it.
  await addRecord(page, pid, 'locations', { name: 'Terrasse du Café des Arts', status: { option: 'scouted' } })
  const decorPage = page.url()
  await expect(page.getByTestId('location-position')).toContainText('pas encore de position')
  await page.getByTestId('place-on-map').click()
  await expect(page).toHaveURL(/\/locations-map\?place=/)
  await expect(page.getByTestId('map-placing')).toContainText('Terrasse du Café des Arts')

  // The demo's 25 décors are on the map (pins or clusters), over the configured base map: Plan IGN, from the stand-in.
  await expect(page.getByTestId('map')).toHaveAttribute('data-points', '25')
  await expect(page.getByTestId('map')).toHaveAttribute('data-tiles', 'plan-ign')
  await expect(page.locator('.leaflet-marker-icon').first()).toBeVisible()
  await expect.poll(async () => (await loadedTiles(page)).length).toBeGreaterThan(0)
  for (const tile of await loadedTiles(page)) {
    expect(tile.src.startsWith(layerTiles('GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2'))).toBe(true)
    expect(tile.width).toBe(256)
  }
  await expect(page.getByTestId('map-layer-plan-ign')).toHaveAttribute('aria-pressed', 'true')
  await expect(page.locator('.leaflet-control-scale-line')).toBeVisible()
  await expect(page.locator('.leaflet-control-zoom-in')).toHaveAttribute('title', 'Zoom avant')
  await expect(page.getByTestId('map-recentre')).toHaveAttribute('title', 'Recentrer')
  await expect(page.locator('.leaflet-control-attribution')).toContainText('IGN')
  await expect(page.getByTestId('map-legend')).toContainText('Confirmé')
  await page.screenshot({ path: `${SHOTS}/map-placing.png` })

  // A tap on a map this far out only zooms there: a finger covers hundreds of metres.
  let spot = await emptySpotOfMap(page)
  await page.touchscreen.tap(spot.x, spot.y)
  await expect(page.getByText('Rapprochez-vous pour placer le décor')).toBeVisible()
  // Next to the Quai de la Tournelle (found by the search, the map keeps its zoom), a tap places the décor.
  await page.getByTestId('map-search').fill('tournelle')
  await page.getByTestId('map-search-results').getByRole('button').first().click()
  await expect(page.getByTestId('decor-popup')).toContainText('Quai de la Tournelle')
  await page.locator('.leaflet-popup-close-button').click()
  spot = await emptySpotOfMap(page)
  await page.touchscreen.tap(spot.x, spot.y)
  await expect(page.getByText('Position de « Terrasse du Café des Arts » enregistrée.')).toBeVisible()
  await expect(page.getByTestId('map')).toHaveAttribute('data-points', '26')
  const placed = page.locator('.leaflet-marker-icon[title^="Terrasse du Café des Arts"]')
  await expect(placed).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/map-placed.png` })
  await page.getByTestId('map-placing-done').click()
  await expect(page.getByTestId('map-placing')).toHaveCount(0)

  // Offline, after a reload: the map, its tiles (from the service worker's cache) and the new pin are all there.
  await context.setOffline(true)
  await page.reload()
  await expect(page.getByTestId('map')).toHaveAttribute('data-points', '26')
  await expect.poll(async () => (await loadedTiles(page)).length).toBeGreaterThan(0)
  await page.getByTestId('map-search').fill('terrasse cafe')
  await page.getByTestId('map-search-results').getByRole('button', { name: /Terrasse du Café des Arts/ }).click()
  await expect(page.getByTestId('decor-popup')).toContainText('Repéré')
  await expect(placed).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/map-offline.png` })

  // The décor's page shows where it is, on its small map.
  await page.goto(decorPage)
  await expect(page.getByTestId('location-coordinates')).toContainText('Latitude 48,8')
  await expect(page.getByTestId('location-position').locator('.leaflet-marker-icon')).toBeVisible()
  await page.getByTestId('location-position').scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SHOTS}/map-decor-position.png` })
  await context.setOffline(false)
  expect(outside).toEqual([])
})

test('décors map: an area saved for offline shows offline; OpenStreetMap offers no bulk download; refused geolocation is explained', async ({ page, context }) => {
  const outside = requestsElsewhere(context)
  await openControlledApp(page)
  await page.getByTestId('load-demo').click()
  await expect(page.getByTestId('store-locations')).toContainText('25')
  const pid = page.url().split('/p/')[1]!.split('/')[0]!
  await page.goto(`/p/${pid}/locations-map`)
  await expect(page.getByTestId('map')).toHaveAttribute('data-points', '25')

  // Centre on the Quai de la Tournelle through the search, step back to zoom 13, and save the area down to zoom 15.
  await page.getByTestId('map-search').fill('tournelle')
  await page.getByTestId('map-search-results').getByRole('button').first().click()
  await expect(page.getByTestId('decor-popup')).toBeVisible()
  await page.locator('.leaflet-popup-close-button').click()
  await page.locator('.location-map-offline summary').click()
  const zoom = async () => Number(await page.getByTestId('map-offline-zoom').locator('option').first().getAttribute('value'))
  while ((await zoom()) > 13) {
    await page.locator('.leaflet-control-zoom-out').click()
    await page.waitForTimeout(400)
  }
  // Down to zoom 19 from this far out: refused with the limit before anything is downloaded.
  await page.getByTestId('map-offline-zoom').selectOption('19')
  await expect(page.getByTestId('map-offline-estimate')).toContainText('Zone trop grande')
  await expect(page.getByTestId('map-offline-estimate')).toContainText(/3\s000 au plus/)
  await expect(page.getByTestId('map-offline-save')).toBeDisabled()
  await page.getByTestId('map-offline-zoom').selectOption('15')
  await expect(page.getByTestId('map-offline-estimate')).toContainText('tuiles')
  await page.getByTestId('map-offline-save').click()
  await expect(page.getByTestId('map-offline-result')).toContainText('Zone enregistrée', { timeout: 30_000 })
  await expect(page.getByTestId('map-offline-stored')).toContainText('tuiles enregistrées')
  await page.screenshot({ path: `${SHOTS}/map-area-saved.png`, fullPage: true })

  // Offline, with the tiles viewed so far forgotten: zooming in to 15 shows the saved ones.
  await page.evaluate(() => caches.delete('regie-tiles'))
  await context.setOffline(true)
  while ((await zoom()) < 15) {
    await page.locator('.leaflet-control-zoom-in').click()
    await page.waitForTimeout(400)
  }
  await expect.poll(async () => (await loadedTiles(page)).filter((tile) => tile.src.includes('&TILEMATRIX=15&')).length).toBeGreaterThan(0)
  await expect(page.locator('img.leaflet-tile[src^="data:"]')).toHaveCount(0)
  await page.getByTestId('map').scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SHOTS}/map-area-offline.png` })
  await context.setOffline(false)

  // OpenStreetMap: viewing only. Its tiles are answered locally here (the test never reaches the internet).
  const tile = await (await page.request.get(`${layerTiles('GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2')}STYLE=normal&TILEMATRIXSET=PM&TILEMATRIX=13&TILEROW=2818&TILECOL=4149`)).body()
  await context.route('https://tile.openstreetmap.org/**', (route) =>
    route.fulfill({ body: tile, contentType: 'image/png', headers: { 'access-control-allow-origin': '*' } }))
  await page.getByTestId('map-layer-osm').click()
  await expect(page.getByTestId('map-offline-forbidden')).toContainText('n\'autorisent pas le téléchargement de zones entières')
  await expect(page.getByTestId('map-offline-save')).toHaveCount(0)
  await expect(page.locator('.leaflet-control-attribution')).toContainText('OpenStreetMap')
  // Remembered on the device: a reload opens on OpenStreetMap again.
  await page.reload()
  await expect(page.getByTestId('map-layer-osm')).toHaveAttribute('aria-pressed', 'true')
  await page.getByTestId('map-layer-plan-ign').click()
  await context.unroute('https://tile.openstreetmap.org/**')

  // No permission for the position: the user is told why and what to do.
  await context.clearPermissions()
  await page.getByTestId('map-locate').click()
  await expect(page.getByTestId('map-locate-failure')).toContainText('Localisation refusée')
  expect(outside.filter((url) => !url.startsWith('https://tile.openstreetmap.org/'))).toEqual([])
})

test('décors map: a tile that fails to load is asked for again, and the map shows it', async ({ browser }) => {
  // The map's own retry is under test: with the service worker fetching tiles, the page's routes would not see them.
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' })).newPage()
  // The first request of every tile fails as on a flaky network; the next ones reach the server.
  const failed = new Set<string>()
  await page.route(/\/wmts\?/, (route) => {
    if (failed.has(route.request().url())) return route.continue()
    failed.add(route.request().url())
    return route.abort('failed')
  })
  const pid = await createProduction(page, 'Réseau capricieux')
  await page.goto(`/p/${pid}/locations-map`)
  await expect(page.getByTestId('map')).toHaveAttribute('data-points', '0')
  await expect.poll(async () => (await loadedTiles(page)).length, { timeout: 15_000 }).toBeGreaterThan(3)
  expect(failed.size).toBeGreaterThan(3)
  for (const tile of await loadedTiles(page)) expect(tile.width).toBe(256)
  await expect(page.locator('img.leaflet-tile[src^="data:"]')).toHaveCount(0)
})

test('décors map: a tile server that answers 500 shows "Fond de carte indisponible" on the map, not a grey square', async ({ page }) => {
  await page.route(/\/wmts\?/, (route) => route.fulfill({ status: 500, body: 'Internal Server Error' }))
  const pid = await createProduction(page, 'Serveur de tuiles en panne')
  await page.goto(`/p/${pid}/locations-map`)
  await expect(page.getByTestId('map-tile-notice')).toContainText('Fond de carte indisponible', { timeout: 20_000 })
  await page.getByTestId('map').screenshot({ path: `${SHOTS}/map-tiles-failing.png` })
  // The server comes back: "Réessayer" brings the tiles, and the notice goes.
  await page.unroute(/\/wmts\?/)
  await page.getByTestId('map-tile-notice').getByRole('button', { name: 'Réessayer' }).click()
  await expect(page.getByTestId('map-tile-notice')).toHaveCount(0, { timeout: 20_000 })
  await expect.poll(async () => (await loadedTiles(page)).filter((tile) => !tile.src.startsWith('data:')).length).toBeGreaterThan(0)
})
