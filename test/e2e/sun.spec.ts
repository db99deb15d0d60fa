import { expect, test } from '@playwright/test'
import { addRecord, createProduction, openControlledApp } from './helpers'

const SHOTS = 'test-results/screenshots'

test('offline: a placed décor\'s sun study shows the day\'s times and draws the fan of sun directions on a map', async ({ page, context }) => {
  const outside: string[] = []
  context.on('request', (request) => {
    const url = new URL(request.url())
    if (url.protocol.startsWith('http') && url.hostname !== 'localhost') outside.push(request.url())
  })
  await openControlledApp(page)
  const pid = await createProduction(page, 'Soleil hors ligne')
  await context.setOffline(true)
  await addRecord(page, pid, 'locations', {
    name: 'Place du Tertre', intExt: { option: 'EXT' }, status: { option: 'scouted' }, lat: '48.8867', lng: '2.3431',
  })

  await page.getByRole('link', { name: 'Étude du soleil' }).first().click()
  await expect(page.getByTestId('sun-study')).toBeVisible()
  await page.goto(`${page.url().split('?')[0]}?date=2026-06-21&time=19:00`)
  await expect(page.getByTestId('sun-date')).toHaveValue('2026-06-21')
  await expect(page.getByTestId('sun-sunrise')).toHaveText('05:47')
  await expect(page.getByTestId('sun-sunset')).toHaveText('21:58')

  // The fan on the map: sunrise, every hour from 06:00 to 21:00, sunset (dashed), and the direction at 19:00.
  const fanMap = page.getByTestId('sun-fan-map')
  const overlay = fanMap.locator('.leaflet-overlay-pane')
  await expect(overlay.locator('path.sun-fan-ray')).toHaveCount(18)
  await expect(overlay.locator('path.sun-fan-sunrise')).toHaveAttribute('stroke-dasharray', '6 5')
  await expect(overlay.locator('path.sun-fan-sunset')).toHaveAttribute('stroke-dasharray', '6 5')
  await expect(overlay.locator('path.sun-fan-now')).toHaveCount(1)
  await expect(fanMap.locator('.sun-fan-label')).toHaveCount(18)
  await expect(fanMap.locator('.sun-fan-label').first()).toHaveText('05:47')

  // The direction at the chosen time follows the time input.
  const nowPath = () => overlay.locator('path.sun-fan-now').getAttribute('d')
  const at19 = await nowPath()
  await page.getByTestId('sun-time').fill('09:00')
  await page.getByTestId('sun-time').dispatchEvent('change')
  await expect(page).toHaveURL(/time=09:00/)
  await expect.poll(nowPath).not.toBe(at19)

  await fanMap.scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SHOTS}/sun-study.png`, fullPage: true })
  await context.setOffline(false)
  expect(outside).toEqual([])
})
