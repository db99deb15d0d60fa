import { expect, test } from '@playwright/test'
import { addRecord, createProduction, openControlledApp } from './helpers'

const SHOTS = 'test-results/screenshots'

test('offline: a décor gets two photos (one with EXIF, one without), a non-image is refused, all survive a reload', async ({ page, context }) => {
  await openControlledApp(page)
  const pid = await createProduction(page, 'Repérages hors ligne')
  await context.setOffline(true)
  await addRecord(page, pid, 'locations', { name: 'Cave voûtée rue Mouffetard', intExt: { option: 'INT' }, status: { option: 'scouted' } })

  const photos = page.getByTestId('record-photos')
  await photos.getByTestId('choose-photos').setInputFiles(['test/fixtures/photos/with-exif.jpg', 'test/fixtures/photos/no-exif.jpg', 'test/fixtures/photos/not-a-photo.txt'])
  await expect(photos.getByTestId('photo-item')).toHaveCount(2, { timeout: 20_000 })
  await expect(photos.getByTestId('photo-refusal')).toContainText('not-a-photo.txt')
  await page.screenshot({ path: `${SHOTS}/decor-photos.png`, fullPage: true })

  await page.reload()
  await expect(page.getByTestId('record-photos').getByTestId('photo-item')).toHaveCount(2)
  await page.getByTestId('record-photos').getByTestId('photo-item').first().locator('.photo-item-thumb').click()
  await expect(page.getByTestId('photo-viewer')).toBeVisible()
  await expect(page.getByTestId('photo-viewer')).toContainText('2024')
  await page.screenshot({ path: `${SHOTS}/decor-photo-viewer.png` })
  await context.setOffline(false)
})
