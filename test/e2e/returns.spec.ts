import { expect, test, type Locator } from '@playwright/test'
import { openControlledApp, printToPdf } from './helpers'

const SHOTS = 'test-results/screenshots'

/** Draws a short stroke on a signature pad, as a finger would. */
async function sign(pad: Locator, name: string) {
  const canvas = pad.getByTestId('signature-canvas')
  await canvas.scrollIntoViewIfNeeded()
  const box = (await canvas.boundingBox())!
  const page = canvas.page()
  await page.mouse.move(box.x + 20, box.y + box.height / 2)
  await page.mouse.down()
  for (let step = 1; step <= 8; step++) await page.mouse.move(box.x + 20 + step * 25, box.y + box.height / 2 + (step % 2 ? -15 : 15))
  await page.mouse.up()
  await pad.locator('[name="signerName"]').fill(name)
  await pad.getByTestId('signature-confirm').click()
}


test('offline: return a rental house\'s items (one damaged with a photo, one missing), sign both sides, print the checklist and a condition report', async ({ page, context }) => {
  await openControlledApp(page)
  await page.getByTestId('load-demo').click()
  await expect(page.getByTestId('store-locations')).toContainText('25')
  const pid = page.url().split('/p/')[1]!.split('/')[0]!
  await context.setOffline(true)

  await page.goto(`/p/${pid}/returns`)
  await expect(page.getByTestId('returns-dashboard')).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/returns-dashboard.png` })
  await page.getByTestId('returns-houses').locator('a').first().click()
  await expect(page.getByTestId('return-page')).toBeVisible()

  const items = page.locator('[data-testid^="return-item-"]')
  expect(await items.count()).toBeGreaterThanOrEqual(3)
  // More back than out is refused next to the item, and the typed value stays.
  const first = items.nth(0)
  await first.locator('[name="quantityBack"]').fill('99')
  await first.locator('[name="quantityBack"]').blur()
  await expect(first.getByTestId('error-quantityBack')).toBeVisible()
  await expect(first.locator('[name="quantityBack"]')).toHaveValue('99')
  await first.getByTestId('all-back').click()
  await expect(first.getByTestId('error-quantityBack')).toHaveCount(0)

  // One damaged, with a photo of the damage and a note; one missing.
  const damaged = items.nth(1)
  await damaged.getByTestId('all-back').click()
  await damaged.locator('[name="condition"]').selectOption('damaged')
  await damaged.locator('[name="note"]').fill('Volet coupe-flux tordu')
  await damaged.locator('[name="note"]').blur()
  await damaged.getByTestId('choose-photos').setInputFiles('test/fixtures/photos/with-exif.jpg')
  await expect(damaged.getByTestId('photo-item')).toHaveCount(1, { timeout: 20_000 })
  const missing = items.nth(2)
  await missing.locator('[name="condition"]').selectOption('missing')

  // The slip, signed by both sides on the screen.
  const slip = page.getByTestId('return-slip')
  await sign(slip.getByTestId('signature-rentalHouse'), 'Marc Delorme (loueur)')
  await expect(slip.getByTestId('signature-rentalHouse').getByTestId('signature-image')).toBeVisible()
  await sign(slip.getByTestId('signature-production'), 'Inès Garnier (régie)')
  await expect(slip.getByTestId('signature-production').getByTestId('signature-image')).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/returns-house.png`, fullPage: true })

  // Everything survives a reload with no network.
  await page.reload()
  await expect(items.nth(1).getByTestId('photo-item')).toHaveCount(1)
  await expect(items.nth(2).locator('[name="condition"]')).toHaveValue('missing')
  await expect(page.getByTestId('signature-production').getByTestId('signature-image')).toBeVisible()

  // The end-of-shoot checklist: what is back, damaged, missing, and who signed.
  await page.goto(`/p/${pid}/returns/print`)
  await expect(page.getByTestId('checklist-summary')).toBeVisible()
  await expect(page.locator('main')).toContainText('Marc Delorme (loueur)')
  await expect(page.locator('main')).toContainText('Volet coupe-flux tordu')
  await printToPdf(page, 'return-checklist')

  // A condition report, printed with its rooms and its (missing) signatures.
  await page.goto(`/p/${pid}/condition-reports`)
  await page.getByTestId('record-row').first().click()
  await expect(page.getByTestId('record-detail')).toBeVisible()
  const reportUrl = page.url()
  await page.goto(`${reportUrl}/print`)
  await expect(page.locator('[data-testid^="print-room-"]').first()).toBeVisible()
  await expect(page.locator('main')).toContainText(/non signé/i)
  await printToPdf(page, 'condition-report')
  await context.setOffline(false)
})
