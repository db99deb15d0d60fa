import { expect, test } from '@playwright/test'
import { createProduction, MAP_FIXTURE, openControlledApp, requestsElsewhere } from './helpers'

const SHOTS = 'test-results/screenshots'

test('addresses: a search answered by the local geocoder places a décor; "Utiliser ma position" places another, with the address proposed', async ({ page, context }) => {
  const outside = requestsElsewhere(context)
  await openControlledApp(page)
  const pid = await createProduction(page, 'Le Fantôme de Mogador')

  // Typing the address lists the geocoder's answers; choosing one fills the postcode, the city and the point.
  await page.goto(`/p/${pid}/locations/new`)
  await page.locator('[name="name"]').fill('Théâtre Mogador')
  const geocoded = page.waitForRequest((request) => request.url().startsWith(`${MAP_FIXTURE}/geocodage/search?q=25+rue+de+Mogador&`))
  await page.getByTestId('address-input').pressSequentially('25 rue de Mogador', { delay: 40 })
  await geocoded
  const results = page.getByTestId('address-results')
  await expect(results.getByRole('option')).toHaveCount(3)
  await expect(results.getByRole('option').first()).toContainText('25 Rue de Mogador 75009 Paris')
  // Nothing is written until a result is picked.
  await expect(page.locator('[name="postcode"]')).toHaveValue('')
  await page.screenshot({ path: `${SHOTS}/address-search.png` })
  await results.getByRole('option').first().click()
  await expect(page.getByTestId('address-input')).toHaveValue('25 Rue de Mogador')
  await expect(page.locator('[name="postcode"]')).toHaveValue('75009')
  await expect(page.locator('[name="city"]')).toHaveValue('Paris')
  await expect(page.locator('[name="lat"]')).toHaveValue('48.8752')
  await expect(page.locator('[name="lng"]')).toHaveValue('2.33179')
  await page.getByTestId('save').click()
  await expect(page.getByTestId('record-detail')).toContainText('75009')
  await expect(page.getByTestId('location-coordinates')).toContainText('Latitude 48,8752')
  await expect(page.getByTestId('location-position').locator('.leaflet-marker-icon')).toBeVisible()

  // On the pavement of the rue Mouffetard: the phone's position, its accuracy, then the address proposed for it.
  await context.grantPermissions(['geolocation'])
  await context.setGeolocation({ latitude: 48.842731, longitude: 2.349668, accuracy: 12 })
  await page.goto(`/p/${pid}/locations/new`)
  await page.locator('[name="name"]').fill('Cave voûtée rue Mouffetard')
  await page.getByTestId('use-my-position').click()
  await expect(page.getByTestId('position-accuracy')).toContainText('± 12 m')
  await expect(page.locator('[name="lat"]')).toHaveValue('48.842731')
  await expect(page.locator('[name="lng"]')).toHaveValue('2.349668')
  await expect(page.getByTestId('address-proposal')).toContainText('52 Rue Mouffetard 75005 Paris')
  await expect(page.getByTestId('address-input')).toHaveValue('')
  await page.screenshot({ path: `${SHOTS}/address-my-position.png` })
  await page.getByTestId('take-address').click()
  await expect(page.getByTestId('address-input')).toHaveValue('52 Rue Mouffetard')
  await expect(page.locator('[name="postcode"]')).toHaveValue('75005')
  // The point stays the phone's, not the address's.
  await expect(page.locator('[name="lat"]')).toHaveValue('48.842731')
  await page.getByTestId('save').click()
  await expect(page.getByTestId('location-coordinates')).toContainText('Latitude 48,842731')

  // On the map, a décor with no position yet is placed where the phone is.
  await page.goto(`/p/${pid}/locations/new`)
  await page.locator('[name="name"]').fill('Cour de l\'immeuble')
  await page.getByTestId('save').click()
  await page.getByTestId('place-on-map').click()
  await expect(page.getByTestId('map')).toHaveAttribute('data-points', '2')
  await page.getByTestId('map-placing-here').click()
  await expect(page.getByText('Position de « Cour de l\'immeuble » enregistrée : celle du téléphone, précise à ± 12 m.')).toBeVisible()
  await expect(page.getByTestId('map')).toHaveAttribute('data-points', '3')
  await page.screenshot({ path: `${SHOTS}/address-map-here.png` })
  expect(outside).toEqual([])
})

test('addresses: with no network the field says so and keeps what was typed; a geocoder that fails writes nothing', async ({ page, context }) => {
  await openControlledApp(page)
  const pid = await createProduction(page, 'Repérages sans réseau')
  await page.goto(`/p/${pid}/locations/new`)
  await context.setOffline(true)
  await page.locator('[name="name"]').fill('Lavoir')
  await page.getByTestId('address-input').fill('3 chemin du Lavoir')
  await expect(page.getByTestId('address-status')).toContainText('Pas de réseau')
  await expect(page.getByTestId('address-input')).toHaveValue('3 chemin du Lavoir')
  await page.screenshot({ path: `${SHOTS}/address-offline.png` })
  await context.setOffline(false)

  // Back online, a geocoder answering garbage, then 429 (with CORS headers, as the stand-in's): a message each time, nothing filled.
  const cors = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'retry-after' }
  await context.route(`${MAP_FIXTURE}/geocodage/search?**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', headers: cors, body: '<html>maintenance</html>' }))
  await page.getByTestId('address-input').fill('3 chemin du Lavoir, Vincennes')
  await expect(page.getByTestId('address-status')).toContainText('Réponse illisible')
  await context.unroute(`${MAP_FIXTURE}/geocodage/search?**`)
  await context.route(`${MAP_FIXTURE}/geocodage/search?**`, (route) => route.fulfill({ status: 429, headers: { ...cors, 'retry-after': '5' }, body: 'Erreur 429' }))
  await page.getByTestId('address-input').fill('3 chemin du Lavoir, 94300')
  await expect(page.getByTestId('address-status')).toContainText('nouvel essai dans 5 s')
  await expect(page.locator('[name="postcode"]')).toHaveValue('')
  await expect(page.locator('[name="lat"]')).toHaveValue('')
  await page.getByTestId('save').click()
  await expect(page.getByTestId('record-detail')).toContainText('3 chemin du Lavoir, 94300')
})
