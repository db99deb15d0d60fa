import { readFileSync, writeFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { withDeclaredSize } from '../../src/core/exchange/zipTesting'
import { createProduction, fillForm, openControlledApp, printToPdf } from './helpers'

const SHOTS = 'test-results/screenshots'
const DESKTOP = { width: 1280, height: 800 }
const PHONE = { width: 390, height: 844 }


/** Every photo of the page has its bytes shown (not the "not received" placeholder). */
async function expectPhotosShown(page: Page, count: number) {
  const images = page.locator('main img.blob-image')
  await expect(images).toHaveCount(count)
  await expect.poll(() => images.evaluateAll((all) => all.every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0))).toBe(true)
}

/** The plan de situation's two maps are drawn from their tiles, all of them (none missing offline), the décor marked. */
async function expectSituationMaps(page: Page) {
  const maps = page.getByTestId('dossier-map')
  await expect(page.locator('[data-print-ready="true"]')).toHaveCount(1, { timeout: 30_000 })
  await expect(maps.locator('[data-printed-map="ready"]')).toHaveCount(2)
  await expect(maps.locator('[data-missing="0"]')).toHaveCount(2)
  await expect(maps.getByTestId('printed-map-mark')).toHaveCount(2)
}

async function addDecor(page: Page, pid: string, values: Parameters<typeof fillForm>[1], lists: Record<string, string> = {}) {
  await page.goto(`/p/${pid}/locations/new`)
  await expect(page.getByTestId('record-form')).toBeVisible()
  for (const list of Object.keys(lists)) await page.getByTestId(`add-${list}`).click()
  await fillForm(page, { ...values, ...Object.fromEntries(Object.entries(lists).map(([list, text]) => [`${list}.0`, text])) })
  await page.getByTestId('save').click()
  await expect(page.getByTestId('record-detail')).toBeVisible()
  return page.url().split('/locations/')[1]!.split(/[/?]/)[0]!
}

test('offline: a décor with two photos prints its scouting dossier, is compared with its rival, exported as a ZIP and imported on another phone', async ({ page, context, browser }) => {
  test.setTimeout(120_000)
  await openControlledApp(page)
  const pid = await createProduction(page, 'Repérages – examen')
  await context.setOffline(true)

  const decor = {
    name: 'Cave voûtée rue Mouffetard', scriptDecor: 'CAVE DU TRAFIQUANT – INT', intExt: { option: 'INT' }, status: { option: 'scouted' },
    address: '52 rue Mouffetard', city: 'Paris 5e', lat: '48.8427', lng: '2.3497', accessNotes: 'Porte cochère, cave par l\'escalier de la cour',
    accessCodes: '4812B', parking: 'Rue Monge, côté pair', powerBoard: 'Tableau au rez-de-chaussée', noise: 'Marché le matin jusqu\'à 13 h',
    lightOrientation: 'Aucune lumière du jour', hospital: 'Hôpital de la Pitié-Salpêtrière (urgences)', pharmacy: 'Pharmacie Mouffetard, n° 80',
    dayRate: '900', stagingNotes: 'Entrée du trafiquant par l\'escalier, contre-plongée depuis la cave.',
  }
  const id = await addDecor(page, pid, decor, {
    advantages: 'Voûtes en pierre authentiques', nuisances: 'Plafond bas (1,90 m) pour la machinerie', arrangements: 'Tourner l\'après-midi, après le marché',
  })
  const photos = page.getByTestId('record-photos')
  await photos.getByTestId('choose-photos').setInputFiles(['test/fixtures/photos/with-exif.jpg', 'test/fixtures/photos/no-exif.jpg'])
  await expect(photos.getByTestId('photo-item')).toHaveCount(2, { timeout: 20_000 })

  // A rival place for the same script décor: the décor page then offers the comparison.
  const rival = await addDecor(page, pid, { name: 'Cave rue Monge', scriptDecor: 'Cave du trafiquant – INT', intExt: { option: 'INT' }, status: { option: 'option' }, dayRate: '650' }, {
    advantages: 'Accès camion direct',
  })
  await page.goto(`/p/${pid}/locations/${id}`)
  await expect(page.getByTestId('location-candidates')).toBeVisible()
  await page.getByTestId('compare-candidates').click()
  await expect(page.getByTestId('compare-grid').locator('[data-testid^="compare-card-"]')).toHaveCount(2)
  await expectPhotosShown(page, 1)
  await page.screenshot({ path: `${SHOTS}/decor-compare-phone.png`, fullPage: true })
  await page.setViewportSize(DESKTOP)
  const [first, second] = await page.locator('[data-testid^="compare-card-"]').all()
  expect((await first!.boundingBox())!.y).toBe((await second!.boundingBox())!.y)
  await page.screenshot({ path: `${SHOTS}/decor-compare-desktop.png`, fullPage: true })
  await printToPdf(page, 'decor-compare')
  await page.setViewportSize(PHONE)

  // Map tiles are kept as viewed: the dossier, opened once online at the desk, has its plan de situation offline.
  await context.setOffline(false)
  await page.setViewportSize(DESKTOP)
  await page.goto(`/p/${pid}/locations/${id}/dossier`)
  await expectSituationMaps(page)
  await context.setOffline(true)
  await page.setViewportSize(PHONE)

  // The dossier, in French, with both photos, the situation block, its map and the sun study.
  await page.goto(`/p/${pid}/locations/${id}`)
  await page.getByTestId('action-dossier').click()
  await expect(page.getByTestId('dossier')).toBeVisible()
  await expect(page.getByTestId('dossier-photo')).toHaveCount(2)
  await expectPhotosShown(page, 2)
  await expect(page.getByTestId('dossier-gps')).toContainText('48.842700, 2.349700')
  await expect(page.getByTestId('dossier-sun-sunrise')).toContainText(/\d\d:\d\d/)
  await expect(page.getByTestId('dossier-advantages')).toContainText('Voûtes en pierre')
  await expect(page.locator('main')).toContainText('Plan de situation')
  // The plan de situation's maps, the neighbourhood and the close-up, drawn offline from the tiles viewed at the desk.
  await expectSituationMaps(page)
  await page.screenshot({ path: `${SHOTS}/decor-dossier-phone.png`, fullPage: true })
  await page.setViewportSize(DESKTOP)
  await page.screenshot({ path: `${SHOTS}/decor-dossier-desktop.png`, fullPage: true })
  const pdf = await printToPdf(page, 'decor-dossier', () => expectSituationMaps(page))
  expect(pdf.length).toBeGreaterThan(20_000)
  await page.setViewportSize(PHONE)

  // A dossier with no photo and no GPS point still prints; what the exam asks for and it lacks shows on screen only.
  await page.goto(`/p/${pid}/locations/${rival}/dossier`)
  await expect(page.getByTestId('dossier')).toBeVisible()
  await expect(page.getByTestId('dossier-photo')).toHaveCount(0)
  await expect(page.getByTestId('dossier-map')).toHaveCount(0)
  await expect(page.getByTestId('print-warnings')).toContainText('Aucune photo du décor.')
  await printToPdf(page, 'decor-dossier-no-photo')
  // French by default, English on request.
  await page.getByTestId('dossier-lang-en').click()
  await expect(page.locator('main h1')).toHaveText('Scouting dossier: Cave rue Monge')
  await expect(page.getByTestId('dossier-section-assessment')).toContainText('Advantages')

  // Export the production's décors as a ZIP.
  await page.goto(`/p/${pid}/locations`)
  const downloading = page.waitForEvent('download')
  await page.getByTestId('export-decors').click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^decors-reperages-examen-\d{4}-\d{2}-\d{2}\.zip$/)
  const zipPath = `test-results/zip/${download.suggestedFilename()}`
  await download.saveAs(zipPath)
  await context.setOffline(false)

  // Another phone (a new profile): a file that is not ours is refused, ours comes in with its two photos.
  const other = await browser.newContext({ baseURL: new URL(page.url()).origin, viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
  const trainer = await other.newPage()
  await openControlledApp(trainer)
  const trainerPid = await createProduction(trainer, 'Correction des examens')
  await other.setOffline(true)
  await trainer.goto(`/p/${trainerPid}/locations`)
  await trainer.getByTestId('import-decors').setInputFiles('test/fixtures/photos/not-a-photo.txt')
  await expect(trainer.getByTestId('exchange-problem')).toContainText('pas un fichier ZIP')
  // A ZIP whose directory says it unpacks to 3 GB is refused before anything is inflated, with the limit.
  const bombPath = 'test-results/zip/decors-3-go.zip'
  writeFileSync(bombPath, withDeclaredSize(readFileSync(zipPath), 'manifest.json', 3_000_000_000))
  await trainer.getByTestId('import-decors').setInputFiles(bombPath)
  await expect(trainer.getByTestId('exchange-problem')).toContainText(/3\s000(,\d)?\sMo, et un import en accepte 2\s000\sMo au plus/)
  await trainer.screenshot({ path: `${SHOTS}/decor-import-too-large.png`, fullPage: true })
  await trainer.getByTestId('import-decors').setInputFiles(zipPath)
  await expect(trainer.getByTestId('import-counts')).toContainText('Décors : 2 — photos : 2')
  await trainer.screenshot({ path: `${SHOTS}/decor-import-preview.png`, fullPage: true })
  await trainer.getByTestId('confirm-import').click()
  await expect(trainer.getByTestId('record-row')).toHaveCount(2)
  await trainer.getByTestId('record-row').filter({ hasText: decor.name }).click()
  await expect(trainer.getByTestId('detail-title')).toHaveText(decor.name)
  await expect(trainer.getByTestId('record-photos').getByTestId('photo-item')).toHaveCount(2)
  await expect(trainer.getByTestId('record-photos').locator('img.blob-image')).toHaveCount(2)
  await trainer.screenshot({ path: `${SHOTS}/decor-imported.png`, fullPage: true })

  // The same file again: both décors are already here, nothing is imported twice, the first import untouched.
  await trainer.goto(`/p/${trainerPid}/locations`)
  await trainer.getByTestId('import-decors').setInputFiles(zipPath)
  await expect(trainer.getByTestId('import-present')).toContainText('2 décors sont déjà dans cette production')
  await expect(trainer.getByTestId('import-nothing')).toBeVisible()
  await expect(trainer.getByTestId('confirm-import')).toHaveCount(0)
  await trainer.getByTestId('cancel-import').click()
  await expect(trainer.getByTestId('record-row')).toHaveCount(2)
  await other.setOffline(false)
  await other.close()
})
