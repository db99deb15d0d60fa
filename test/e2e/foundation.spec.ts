import { expect, test } from '@playwright/test'
import { addRecord, createProduction, fillForm, openControlledApp } from './helpers'

const SHOTS = 'test-results/screenshots'

test('the service worker controls the page and the manifest is installable', async ({ page }) => {
  await openControlledApp(page)
  const manifest = await page.evaluate(async () => {
    const link = document.querySelector('link[rel="manifest"]') as HTMLLinkElement
    return (await fetch(link.href)).json()
  })
  expect(manifest.name).toContain('Régie')
  expect(manifest.display).toBe('standalone')
  expect(manifest.icons.map((icon: { sizes: string; purpose: string }) => `${icon.sizes} ${icon.purpose}`)).toEqual(
    expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']),
  )
})

test('offline: create one record in each store, reload, and find them all', async ({ page, context }) => {
  await openControlledApp(page)
  const pid = await createProduction(page, 'Tournage hors ligne')

  await context.setOffline(true)
  await expect(page.getByTestId('network-status')).toContainText('Hors ligne')
  // The app starts with no network (served by its service worker). Debian's Chromium 150 reports
  // navigator.onLine as true again after such a reload, so the pill is checked before it.
  await page.reload()

  await addRecord(page, pid, 'days', { number: '1', date: '2027-03-08' })
  await addRecord(page, pid, 'locations', { name: 'Cave voûtée rue Mouffetard', scriptDecor: 'CAVE DU BAR – INT', intExt: { option: 'INT' }, status: { option: 'scouted' } })
  await addRecord(page, pid, 'vehicles', { name: 'Camion électro', kind: { option: 'electricTruck' }, lengthM: '10', widthM: '2.55', plate: 'AB-123-CD' })
  await addRecord(page, pid, 'placements', {
    shootDayId: { label: 'J1 · 2027-03-08' }, vehicleId: { label: 'Camion électro' }, arrival: '06:30', departure: '20:00', street: 'Rue Mouffetard',
  })
  await addRecord(page, pid, 'authorities', { name: 'Préfecture de police', kind: { option: 'prefecture' }, leadTime: '15' })
  await addRecord(page, pid, 'permits', { title: 'Tournage rue Mouffetard', authorityId: { label: 'Préfecture de police' } })
  await addRecord(page, pid, 'meals', { shootDayId: { label: 'J1 · 2027-03-08' }, service: { option: 'lunch' }, 'expected.crew': '42', 'expected.cast': '6' })
  await addRecord(page, pid, 'rental-houses', { name: 'TSF Caméra', category: { option: 'camera' } })
  await addRecord(page, pid, 'inventory', { rentalHouseId: { label: 'TSF Caméra' }, name: 'ARRI Alexa Mini LF', quantityOut: '2', quantityBack: '1' })

  await page.goto('/sync')
  await expect(page.getByTestId('pending-changes')).toContainText('10 modifications en attente')

  await page.reload()
  const expectations: [string, string][] = [
    ['locations', 'Cave voûtée rue Mouffetard'],
    ['placements', 'Camion électro'],
    ['permits', 'Tournage rue Mouffetard'],
    ['meals', '48 couverts'],
    ['inventory', 'ARRI Alexa Mini LF'],
    ['days', 'J1'],
  ]
  for (const [view, text] of expectations) {
    await page.goto(`/p/${pid}/${view}`)
    await expect(page.getByTestId('record-row').first()).toContainText(text)
  }
  await context.setOffline(false)
})

test('a form refuses bad input next to the field and keeps what was typed', async ({ page }) => {
  await openControlledApp(page)
  const pid = await createProduction(page, 'Validation')
  await page.goto(`/p/${pid}/vehicles/new`)
  await fillForm(page, { name: 'Porteur 19 t', lengthM: '0', widthM: '2.55' })
  await page.getByTestId('save').click()
  await expect(page.getByTestId('error-lengthM')).toContainText('Dimension invraisemblable')
  await expect(page.locator('[name="name"]')).toHaveValue('Porteur 19 t')
  await expect(page.locator('[name="lengthM"]')).toHaveValue('0')

  await page.goto(`/p/${pid}/rental-houses/new`)
  await fillForm(page, { name: 'Transpalux' })
  await page.getByTestId('save').click()
  // Saved (its page shows) before leaving: a navigation right after the tap could cut the save short.
  await expect(page.getByTestId('record-detail')).toBeVisible()
  await page.goto(`/p/${pid}/inventory/new`)
  await fillForm(page, { rentalHouseId: { label: 'Transpalux' }, name: 'SkyPanel S60', quantityOut: '2', quantityBack: '3' })
  await page.getByTestId('save').click()
  await expect(page.getByTestId('error-quantityBack')).toContainText('Plus de matériel rendu que sorti')
})

test('the language switch is remembered', async ({ page }) => {
  await openControlledApp(page)
  await page.goto('/settings')
  await page.getByTestId('locale-en').check()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings')
  await page.reload()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await page.getByTestId('locale-fr').check()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Réglages')
})

test('the demo production loads, and each store has a phone-size list and form', async ({ page }) => {
  await openControlledApp(page)
  await page.getByTestId('load-demo').click()
  await expect(page.getByTestId('store-locations')).toContainText('25')
  await expect(page.getByTestId('store-days')).toContainText('30')
  await page.screenshot({ path: `${SHOTS}/home.png` })
  const pid = page.url().split('/p/')[1]!.split('/')[0]!

  for (const view of ['locations', 'placements', 'permits', 'meals', 'inventory']) {
    await page.goto(`/p/${pid}/${view}`)
    await expect(page.getByTestId('record-row').first()).toBeVisible()
    await page.screenshot({ path: `${SHOTS}/${view}-list.png` })
    await page.getByTestId('record-row').first().click()
    await expect(page.getByTestId('record-detail')).toBeVisible()
    await page.screenshot({ path: `${SHOTS}/${view}-detail.png`, fullPage: true })
    await page.getByTestId('edit').click()
    await expect(page.getByTestId('record-form')).toBeVisible()
    await page.screenshot({ path: `${SHOTS}/${view}-form.png` })
  }

  await page.goto(`/p/${pid}/locations`)
  await page.getByTestId('filter-status').selectOption('confirmed')
  const confirmed = await page.getByTestId('record-row').count()
  expect(confirmed).toBeGreaterThan(0)
  expect(confirmed).toBeLessThan(25)
  await page.getByTestId('search').fill('zzz-introuvable')
  await expect(page.getByTestId('record-row')).toHaveCount(0)
})

test('the desktop layout uses the width: side navigation and lists in columns', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } })
  const page = await context.newPage()
  await openControlledApp(page)
  await page.getByTestId('load-demo').click()
  await expect(page.getByTestId('store-locations')).toContainText('25')
  const pid = page.url().split('/p/')[1]!.split('/')[0]!
  await page.goto(`/p/${pid}/locations`)
  await expect(page.getByTestId('record-row').first()).toBeVisible()
  const nav = await page.getByRole('navigation', { name: 'Navigation principale' }).boundingBox()
  expect(nav!.height).toBeGreaterThan(600)
  expect(nav!.width).toBeLessThan(300)
  const [first, second] = await page.getByTestId('record-row').evaluateAll((rows) => rows.slice(0, 2).map((row) => row.getBoundingClientRect().top))
  expect(first).toBe(second)
  await page.screenshot({ path: `${SHOTS}/desktop-locations.png` })
  await page.getByTestId('record-row').first().click()
  await page.screenshot({ path: `${SHOTS}/desktop-location-detail.png` })
  await context.close()
})
