import { expect, test, type Page } from '@playwright/test'
import { addRecord, addShootDay, createProduction, openControlledApp, pdfImages, printToPdf, requestsElsewhere } from './helpers'

const SHOTS = 'test-results/screenshots'

async function tapMap(page: Page, fx: number, fy: number) {
  const box = (await page.getByTestId('map').boundingBox())!
  await page.touchscreen.tap(box.x + box.width * fx, box.y + box.height * fy)
}

/** The printed page's maps have all been composed from their tiles: what "Imprimer" waits for. */
async function mapsReady(page: Page, count: number) {
  await expect(page.locator('[data-print-ready="true"]')).toHaveCount(1, { timeout: 30_000 })
  await expect(page.locator('[data-printed-map="ready"]')).toHaveCount(count, { timeout: 30_000 })
}

test('printed documents carry the map: the vehicle plan over the street map and the aerial photographs, the residents\' notice, the dossier\'s two maps; offline, a missing area is named', async ({ page, context }) => {
  test.setTimeout(180_000)
  const outside = requestsElsewhere(context)
  await openControlledApp(page)
  const pid = await createProduction(page, 'Le Fantôme de Mogador', 'Paris')
  await addRecord(page, pid, 'locations', { name: 'Théâtre Mogador', intExt: { option: 'INT' }, address: '25 rue de Mogador', postcode: '75009', lat: '48.8752', lng: '2.3318' })
  const decorId = page.url().split('/locations/')[1]!.split(/[/?]/)[0]!
  await addShootDay(page, pid, 1, 12, ['Théâtre Mogador'])

  // The plan: a kerb along the street and six vehicles parked along it.
  await page.getByTestId('nav-vehicles').click()
  await expect(page.getByTestId('map')).toHaveAttribute('data-vehicles', '0')
  await page.getByTestId('plan-draw-kerb').click()
  await tapMap(page, 0.12, 0.47)
  await tapMap(page, 0.88, 0.47)
  await page.getByTestId('plan-drawing-finish').click()
  await page.locator('[name="kerbStreet"]').fill('Rue de Mogador')
  await page.locator('[name="kerbSide"]').selectOption('odd')
  await page.locator('[name="kerbStart"]').fill('1')
  await page.locator('[name="kerbEnd"]').fill('41')
  await page.getByTestId('plan-kerb-save').click()
  await page.getByTestId('plan-add').click()
  await page.getByTestId('plan-add-typical').click()
  for (const name of ['Camion caméra', 'Porteur électro', 'Porteur machino', 'Régie', 'HMC', 'Groupe électrogène']) {
    await page.getByTestId('plan-add-vehicle').filter({ hasText: name }).click()
    await expect(page.getByTestId('plan-add-vehicle').filter({ hasText: name })).toHaveCount(0)
  }
  await page.getByTestId('plan-add-close').click()
  await expect(page.getByTestId('map')).toHaveAttribute('data-vehicles', '6')
  const dayId = new URL(page.url()).searchParams.get('day')!

  // The printed plan over Plan IGN: the tiles composed into one image, under the vehicles, with north and scale.
  await page.goto(`/p/${pid}/vehicle-plan/print?day=${dayId}`)
  await expect(page.getByTestId('print-base-plan')).toBeChecked()
  await mapsReady(page, 1)
  const drawing = page.getByTestId('plan-drawing')
  await expect(drawing.getByTestId('printed-map-image')).toHaveCount(1)
  await expect(drawing.getByTestId('printed-map-missing')).toHaveCount(0)
  await expect(drawing).toContainText('IGN Géoplateforme')
  await expect(drawing.getByTestId('plan-north')).toBeVisible()
  await expect(drawing.getByTestId('plan-scale-bar')).toContainText(/1:(500|1\s000|2\s000)/)
  await expect(drawing.locator('[data-testid^="plan-number-"]')).toHaveCount(6)
  await drawing.scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SHOTS}/print-plan-street-map.png` })
  await printToPdf(page, 'vehicle-plan-map', () => mapsReady(page, 1))
  expect(pdfImages('vehicle-plan-map').length).toBeGreaterThanOrEqual(1)

  // The aerial photographs instead: the user's choice, remembered.
  await page.getByTestId('print-base-aerial').check()
  await mapsReady(page, 1)
  await printToPdf(page, 'vehicle-plan-aerial', () => mapsReady(page, 1))
  expect(pdfImages('vehicle-plan-aerial').length).toBeGreaterThanOrEqual(1)
  await page.getByTestId('print-base-plan').check()

  // The residents' notice: a small map of the reserved stretch.
  await page.goto(`/p/${pid}/vehicle-plan/notice?day=${dayId}`)
  await expect(page.getByTestId('notice-map')).toBeVisible()
  await mapsReady(page, 1)
  await expect(page.getByTestId('notice-map').getByTestId('printed-map-line')).toHaveCount(1)
  await printToPdf(page, 'residents-notice-map', () => mapsReady(page, 1))
  expect(pdfImages('residents-notice-map').length).toBeGreaterThanOrEqual(1)

  // The dossier's plan de situation: the neighbourhood and the close-up, each with its north arrow and scale bar.
  await page.goto(`/p/${pid}/locations/${decorId}/dossier`)
  const situation = page.getByTestId('dossier-map')
  await expect(situation.getByTestId('printed-map')).toHaveCount(2)
  await mapsReady(page, 2)
  await expect(situation.getByTestId('printed-map').first()).toHaveAttribute('data-scale', '10000')
  await expect(situation.getByTestId('printed-map').last()).toHaveAttribute('data-scale', '2000')
  await expect(situation.getByTestId('printed-map-north')).toHaveCount(2)
  await expect(situation.getByTestId('printed-map-scale')).toHaveCount(2)
  await situation.scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SHOTS}/print-dossier-maps.png` })
  await printToPdf(page, 'decor-dossier-maps', () => mapsReady(page, 2))
  expect(pdfImages('decor-dossier-maps').length).toBeGreaterThanOrEqual(2)

  // Offline, a décor in Lyon whose area was never seen nor saved: the frame says which area to save, never a blank.
  await addRecord(page, pid, 'locations', { name: 'Traboule de la Croix-Rousse', lat: '45.7712', lng: '4.8317' })
  const lyonId = page.url().split('/locations/')[1]!.split(/[/?]/)[0]!
  await context.setOffline(true)
  await page.goto(`/p/${pid}/locations/${lyonId}/dossier`)
  await expect(page.locator('[data-print-ready="true"]')).toHaveCount(1, { timeout: 30_000 })
  const missing = page.getByTestId('dossier-map').getByTestId('printed-map-missing').first()
  await expect(missing).toContainText('Fond de carte incomplet hors ligne')
  await expect(missing).toContainText('autour de 45,7712, 4,8317')
  await page.getByTestId('dossier-map').scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SHOTS}/print-dossier-offline-missing.png` })
  await printToPdf(page, 'decor-dossier-offline-missing')
  await context.setOffline(false)
  expect(outside).toEqual([])
})
