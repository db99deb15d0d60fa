import { expect, test } from '@playwright/test'
import { addRecord, createProduction, openControlledApp } from './helpers'

const SHOTS = 'test-results/screenshots'

test('photos on the map: a décor with no position takes its photo\'s, then the address found there; a photo far from its décor is flagged', async ({ page }) => {
  await openControlledApp(page)
  const pid = await createProduction(page, 'Repérages Montmartre')

  // A décor scouted without a position: its photo (EXIF: Montmartre, heading 135°) offers one.
  await addRecord(page, pid, 'locations', { name: 'Escaliers de la rue Foyatier', status: { option: 'scouted' } })
  const photos = page.getByTestId('record-photos')
  await photos.getByTestId('choose-photos').setInputFiles('test/fixtures/photos/with-exif.jpg')
  await expect(photos.getByTestId('photo-item')).toHaveCount(1, { timeout: 20_000 })
  const card = page.getByTestId('location-position')
  await expect(card.getByTestId('photo-position')).toContainText('48,886705, 2,343104')
  await card.getByTestId('use-photos-position').click()
  await expect(card.getByTestId('location-coordinates')).toContainText('Latitude 48,8867')
  await expect(card.getByTestId('address-proposal')).toContainText('3 Rue Tardieu 75018 Paris')
  await card.getByTestId('take-address').click()
  await expect(page.getByTestId('record-detail')).toContainText('3 Rue Tardieu')
  await expect(page.getByTestId('record-detail')).toContainText('75018')
  // The photo on the décor's map: a dot and a cone the way the camera pointed.
  await expect(card.getByTestId('map')).toHaveAttribute('data-photos', '1')
  await expect(card.locator('[data-photo] path')).toHaveAttribute('transform', 'rotate(135.5 28 28)')
  await expect(card.getByTestId('photo-places')).toContainText('1 photo placée sur la carte')
  await expect(card.getByTestId('far-photos')).toHaveCount(0)
  await card.scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SHOTS}/photos-map-decor.png` })

  // The same photo on a décor of the rue Mouffetard, 5 km away: flagged.
  await addRecord(page, pid, 'locations', { name: 'Cave voûtée rue Mouffetard', lat: '48.8427', lng: '2.3497' })
  await page.getByTestId('record-photos').getByTestId('choose-photos').setInputFiles('test/fixtures/photos/with-exif.jpg')
  await expect(page.getByTestId('record-photos').getByTestId('photo-item')).toHaveCount(1, { timeout: 20_000 })
  await expect(page.getByTestId('far-photos')).toContainText('1 photo prise à plus de 300 m du décor : photo 1 à 4,9 km')
  await expect(page.locator('.map-photo-far')).toHaveCount(1)
  await page.getByTestId('location-position').scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SHOTS}/photos-map-far.png` })
})
