import { readFile } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import { addRecord, createProduction, openControlledApp } from './helpers'

const SHOTS = 'test-results/screenshots'

/** A date a few weeks ahead, so the orders are not past their cut-off. */
function futureDate(days: number) {
  const date = new Date(Date.now() + days * 86_400_000)
  return date.toISOString().slice(0, 10)
}

test('offline: set a day\'s meal counts, lock them, count served meals with taps and export the CSV', async ({ page, context }) => {
  await openControlledApp(page)
  const pid = await createProduction(page, 'Cantine hors ligne')
  await context.setOffline(true)
  await addRecord(page, pid, 'days', { number: '1', date: futureDate(20), callTime: '08:00', wrapTime: '19:00' })

  // The rules propose the services of a 08:00–19:00 normal day: lunch, and a snack for an 11-hour day.
  await page.goto(`/p/${pid}/meal-plan`)
  await expect(page.getByTestId('proposed-1-lunch')).toBeVisible()
  await expect(page.getByTestId('proposed-1-snack')).toBeVisible()
  // This production's caterer serves a snack only from 12 hours: the preset is data the user edits.
  await page.getByTestId('meal-rules-link').click()
  await page.locator('[name="lunch.to"]').fill('11:30')
  await page.getByTestId('save').click()
  await expect(page.getByRole('alert').first()).toContainText('même heure')
  await page.locator('[name="lunch.to"]').fill('14:30')
  await page.locator('[name="snack.longDayFromMinutes"]').fill('720')
  await expect(page.getByTestId('rules-preview')).not.toContainText('Collation')
  await page.getByTestId('save').click()
  await expect(page.getByTestId('proposed-1-lunch')).toBeVisible()
  await expect(page.getByTestId('proposed-1-snack')).toHaveCount(0)
  await page.screenshot({ path: `${SHOTS}/meal-plan.png` })
  await page.getByTestId('confirm-1').click()
  await expect(page.getByTestId('meal-1-lunch')).toBeVisible()

  // The day's counts: 40 crew, 12 extras, 2 vegans, 14,50 € a cover.
  await page.getByTestId('meal-1-lunch').click()
  await page.getByTestId('edit').click()
  await page.locator('[name="expected.crew"]').fill('40')
  await page.locator('[name="expected.extras"]').fill('12')
  await page.locator('[name="vegan"]').fill('2')
  await page.locator('[name="unitPrice"]').fill('14,50')
  await page.getByTestId('save').click()
  await expect(page.getByTestId('row-crew')).toContainText('40')

  // Locked: the order can no longer change, even through the edit form, until someone unlocks it with a reason.
  await page.getByTestId('lock').click()
  await expect(page.getByTestId('meal-lock')).toContainText('verrouillée')
  await expect(page.getByTestId('edit')).toHaveCount(0)
  const mealUrl = page.url()
  await page.goto(`${mealUrl}/edit`)
  await page.locator('[name="expected.crew"]').fill('45')
  await page.getByTestId('save').click()
  await expect(page.getByRole('alert').first()).toContainText('verrouillée')
  await expect(page.locator('[name="expected.crew"]')).toHaveValue('45')
  await page.goto(mealUrl)
  await page.getByTestId('unlock').click()
  await page.getByTestId('unlock-confirm').click()
  await expect(page.getByRole('alert').first()).toContainText('motif')
  await page.locator('#unlock-by').fill('Inès (régie)')
  await page.locator('#unlock-reason').fill('3 cascadeurs ajoutés')
  await page.getByTestId('unlock-confirm').click()
  await expect(page.getByTestId('unlocks')).toContainText('Inès (régie) : 3 cascadeurs ajoutés')
  await page.getByTestId('lock').click()
  await page.screenshot({ path: `${SHOTS}/meal-detail.png`, fullPage: true })

  // On set: each tap counts, and works with no network.
  await page.getByTestId('open-counter').click()
  const crew = page.getByTestId('counter-crew').locator('.counter-add')
  for (let i = 0; i < 5; i++) await crew.click()
  await page.getByTestId('counter-extras').locator('.counter-add').click()
  await page.getByTestId('counter-extras').locator('.counter-add').click()
  await page.getByTestId('counter-crew').getByRole('button', { name: /Retirer/ }).click()
  await expect(page.getByTestId('counter-total')).toHaveText('6 servis sur 52 prévus')
  await page.getByTestId('counter-undo').click()
  await expect(page.getByTestId('counter-total')).toHaveText('7 servis sur 52 prévus')
  await page.screenshot({ path: `${SHOTS}/meal-counter.png` })
  await page.reload()
  await expect(page.getByTestId('counter-total')).toHaveText('7 servis sur 52 prévus')

  // Totals and the CSV for the caterer: the day's lunch with its covers, diets and cost, and the total row.
  await page.goto(`/p/${pid}/meal-totals`)
  await expect(page.getByTestId('shoot-totals')).toContainText('52 couverts prévus · 7 servis')
  await page.screenshot({ path: `${SHOTS}/meal-totals.png`, fullPage: true })
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()])
  expect(download.suggestedFilename()).toBe('repas-Cantine-hors-ligne.csv')
  const csv = await readFile((await download.path())!, 'utf8')
  const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n')
  expect(lines[0]).toContain('Date;Jour;Service;Équipe technique;Comédiens;Figurants')
  const lunch = lines.find((line) => line.includes(';Déjeuner;'))!.split(';')
  expect(lunch.slice(1, 9)).toEqual(['J1', 'Déjeuner', '40', '0', '12', '0', '0', '52'])
  expect(lunch[9]).toBe('7')
  expect(lunch.slice(-3)).toEqual(['14,50', '754,00', '101,50'])
  expect(lines.at(-1)).toMatch(/^Total;/)
  await context.setOffline(false)
})
