import { expect, test, type Page } from '@playwright/test'
import { addRecord, addShootDay, createProduction, layerTiles, MAP_FIXTURE, openControlledApp, requestsElsewhere } from './helpers'

const SHOTS = 'test-results/screenshots'
const AERIAL = layerTiles('ORTHOIMAGERY.ORTHOPHOTOS')

/** Tiles the map shows, with where they came from. */
const shownTiles = (page: Page) =>
  page.locator('img.leaflet-tile-loaded').evaluateAll((tiles) => (tiles as HTMLImageElement[]).map((tile) => ({ src: tile.src, width: tile.naturalWidth })))

test('the production\'s offline map: prepared with its count and size, then offline after a reload the plan editor shows its aerial tiles at placement zoom', async ({ page, context }) => {
  test.setTimeout(120_000)
  const outside = requestsElsewhere(context)
  await openControlledApp(page)
  const pid = await createProduction(page, 'Le Fantôme de Mogador')
  await addRecord(page, pid, 'locations', { name: 'Théâtre Mogador', address: '25 rue de Mogador', postcode: '75009', lat: '48.8752', lng: '2.3318' })
  await addShootDay(page, pid, 1, 12, ['Théâtre Mogador'])

  // The count and size of each base map before anything is downloaded; the tile server slowed as on a phone network.
  await context.route(`${MAP_FIXTURE}/wmts?**`, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 15))
    await route.continue()
  })
  await page.goto(`/p/${pid}/locations-map?offline=1`)
  const prep = page.getByTestId('offline-prep')
  await expect(prep.getByTestId('offline-prep-source-plan-ign')).toBeChecked()
  await expect(prep.getByTestId('offline-prep-source-ortho-ign')).toBeChecked()
  await expect(prep.getByTestId('offline-prep-source-cadastre-ign')).not.toBeChecked()
  await expect(prep).toContainText(/Photographies aériennes IGN – \d+ tuiles, environ [\d,]+\s(ko|Mo)/)
  await expect(prep.getByTestId('offline-prep-start')).toContainText(/Préparer la carte hors ligne \(\d+ tuiles, environ/)
  await prep.scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SHOTS}/offline-prep-estimate.png`, fullPage: true })

  // The network drops half-way: the preparation pauses, then resumes by itself when it returns.
  await prep.getByTestId('offline-prep-start').click()
  await expect(prep.getByTestId('offline-prep-progress')).toBeVisible()
  await expect.poll(async () => Number(await prep.locator('progress').getAttribute('value'))).toBeGreaterThan(20)
  await context.setOffline(true)
  await expect(prep.getByTestId('offline-prep-paused')).toContainText('Réseau perdu')
  await page.screenshot({ path: `${SHOTS}/offline-prep-paused.png`, fullPage: true })
  await context.setOffline(false)
  await expect(prep.getByTestId('offline-prep-result')).toContainText('Carte hors ligne prête', { timeout: 60_000 })
  await expect(prep.getByTestId('offline-prep-result')).toContainText('déjà présentes')
  await expect(prep.getByTestId('offline-prep-result')).not.toContainText('n\'ont pas pu')
  await context.unroute(`${MAP_FIXTURE}/wmts?**`)

  // Offline, with every tile merely viewed forgotten: the vehicle plan, never opened before, reloaded.
  await page.evaluate(() => caches.delete('regie-tiles'))
  await context.setOffline(true)
  await page.getByTestId('nav-vehicles').click()
  await expect(page).toHaveURL(/\/vehicle-plan\?day=/)
  await page.reload()
  const map = page.getByTestId('map')
  await expect(map).toHaveAttribute('data-tiles', 'ortho-ign')
  await expect(page.getByTestId('map-layer-ortho-ign')).toHaveAttribute('aria-pressed', 'true')
  await expect.poll(async () => (await shownTiles(page)).filter((tile) => tile.src.startsWith(AERIAL) && tile.src.includes('&TILEMATRIX=19&')).length).toBeGreaterThan(3)
  await expect(page.locator('img.leaflet-tile[src^="data:"]')).toHaveCount(0)
  await expect(page.getByTestId('map-tile-notice')).toHaveCount(0)
  await map.scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SHOTS}/offline-plan-aerial.png` })
  // The street map too, at the same zoom.
  await page.getByTestId('map-layer-plan-ign').click()
  await expect.poll(async () => (await shownTiles(page)).filter((tile) => tile.src.includes('PLANIGNV2') && tile.src.includes('&TILEMATRIX=19&')).length).toBeGreaterThan(3)
  await expect(page.getByTestId('map-tile-notice')).toHaveCount(0)
  await page.getByTestId('map-layer-ortho-ign').click()
  await context.setOffline(false)

  // Réglages: the space the maps take, freed on demand.
  await page.goto('/settings')
  await expect(page.getByTestId('map-settings-stored')).toContainText(/Cartes enregistrées sur cet appareil : [\d\s]+ tuiles \([\d,]+\s(ko|Mo)\)/)
  await page.screenshot({ path: `${SHOTS}/settings-maps.png`, fullPage: true })
  page.once('dialog', (dialog) => dialog.accept())
  await page.getByTestId('map-settings-clear').click()
  await expect(page.getByTestId('map-settings-stored')).toContainText('Aucune carte enregistrée hors ligne')
  expect(outside).toEqual([])
})
