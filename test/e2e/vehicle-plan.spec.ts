import { expect, test, type Page } from '@playwright/test'
import { addRecord, openControlledApp } from './helpers'

const SHOTS = 'test-results/screenshots'
const CAP_ERROR = '6 véhicules techniques sur la voie publique dans le 9e : 5 au plus'

/** A shoot date a few weeks ahead: the plan opens on the next shoot day. */
function futureDate(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
}

/** A point of the map at fractions of its width and height, in page coordinates. */
async function mapPoint(page: Page, fx: number, fy: number) {
  const box = (await page.getByTestId('map').boundingBox())!
  return { x: box.x + box.width * fx, y: box.y + box.height * fy }
}

async function tapMap(page: Page, fx: number, fy: number) {
  const { x, y } = await mapPoint(page, fx, fy)
  await page.touchscreen.tap(x, y)
}

/** The middle of an element of the map (a vehicle, the base camp), plus an offset in pixels. */
async function middleOf(page: Page, selector: string, dy = 0) {
  const box = (await page.locator(selector).first().boundingBox())!
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 + dy }
}

/** Drags the selected vehicle by its middle to a point of the page, with the mouse, in small steps. */
async function dragSelectedTo(page: Page, target: () => Promise<{ x: number; y: number }>) {
  await page.getByTestId('map').scrollIntoViewIfNeeded()
  const to = await target()
  const from = await middleOf(page, '.plan-vehicle-selected')
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(to.x, to.y, { steps: 12 })
  await page.mouse.up()
}

const listRow = (page: Page, name: string) => page.getByTestId('plan-list-row').filter({ hasText: name })

/** A production in Paris with the Théâtre Mogador, a décor in the 9e. */
async function parisProductionAtMogador(page: Page, name: string) {
  await page.getByTestId('new-production').click()
  await page.locator('[name="name"]').fill(name)
  await page.locator('[name="city"]').fill('Paris')
  await page.getByTestId('save').click()
  await expect(page.getByTestId('production-title')).toHaveText(name)
  const pid = page.url().split('/p/')[1]!.split('/')[0]!
  await addRecord(page, pid, 'locations', {
    name: 'Théâtre Mogador', intExt: { option: 'INT' }, address: '25 rue de Mogador', postcode: '75009', lat: '48.8752', lng: '2.3318',
  })
  return pid
}

/** A shoot day of the production at the Théâtre Mogador. */
async function addDay(page: Page, pid: string, number: number, inDays: number) {
  await page.goto(`/p/${pid}/days/new`)
  await page.locator('[name="number"]').fill(String(number))
  await page.locator('[name="date"]').fill(futureDate(inDays))
  await page.getByLabel('Théâtre Mogador').check()
  await page.getByTestId('save').click()
  await expect(page.getByTestId('record-detail')).toBeVisible()
}

async function openCopy(page: Page) {
  const details = page.getByTestId('plan-copy')
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) await details.locator('summary').click()
  await details.scrollIntoViewIfNeeded()
}

/** Names the kerb just traced: street, side and the numbers at its first and last point. */
async function nameKerb(page: Page, side: 'odd' | 'even', start: number, end: number) {
  await page.locator('[name="kerbStreet"]').fill('Rue de Mogador')
  await page.locator('[name="kerbSide"]').selectOption(side)
  await page.locator('[name="kerbStart"]').fill(String(start))
  await page.locator('[name="kerbEnd"]').fill(String(end))
  await page.getByTestId('plan-kerb-save').click()
}

test('vehicle plan offline in the 9e: kerb, six technical vehicles over the cap, one moved into the base camp, still there after a reload', async ({ page, context }) => {
  await openControlledApp(page)
  // A production in Paris with a décor in the 9e on its next shoot day.
  const pid = await parisProductionAtMogador(page, 'Le Fantôme de Mogador')
  await addDay(page, pid, 1, 12)

  // Offline from here on: the plan is made on the pavement.
  await context.setOffline(true)
  await page.getByTestId('nav-vehicles').click()
  await expect(page).toHaveURL(/\/vehicle-plan\?day=/)
  await expect(page.getByTestId('plan-day')).toHaveValue(/.+/)
  await expect(page.getByTestId('map')).toHaveAttribute('data-vehicles', '0')
  await expect(page.getByTestId('plan-rule-set')).toContainText('Paris (2024)')

  // A kerb along the street, just above the map's centre, named and numbered.
  await page.getByTestId('plan-draw-kerb').click()
  await tapMap(page, 0.12, 0.47)
  await tapMap(page, 0.88, 0.47)
  await expect(page.getByTestId('plan-drawing-count')).toContainText('2 points')
  await page.getByTestId('plan-drawing-finish').click()
  // An even number on the odd side is a slip: refused, with the reason, and nothing drawn.
  await nameKerb(page, 'odd', 2, 41)
  await expect(page.getByTestId('plan-kerb-form')).toContainText('Côté impair : les numéros sont impairs.')
  await expect(page.locator('[name="kerbStart"]')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.locator('path[data-kerb]')).toHaveCount(0)
  await page.locator('[name="kerbStart"]').fill('1')
  await page.getByTestId('plan-kerb-save').click()
  await expect(page.locator('path[data-kerb]')).toHaveCount(1)
  await expect(page.locator('.plan-kerb-label')).toContainText('Rue de Mogador (impair, 1 → 41)')

  // The base camp: an off-street car park below the street.
  await page.getByTestId('plan-draw-area').click()
  for (const [fx, fy] of [[0.3, 0.72], [0.7, 0.72], [0.7, 0.92], [0.3, 0.92]] as const) await tapMap(page, fx, fy)
  await page.getByTestId('plan-drawing-finish').click()
  await page.locator('[name="campLabel"]').fill('Parking Mogador')
  await expect(page.locator('[name="campOnStreet"]')).not.toBeChecked()
  await page.getByTestId('plan-camp-save').click()
  await expect(page.locator('path[data-area]')).toHaveCount(1)

  // An empty catalogue: the usual vehicles of a shoot, then six technical ones placed one after the other.
  await page.getByTestId('plan-add').click()
  await page.getByTestId('plan-add-typical').click()
  await expect(page.getByTestId('plan-add-vehicle')).toHaveCount(10)
  await page.screenshot({ path: `${SHOTS}/vehicle-plan-add.png` })
  for (const name of ['Camion caméra', 'Porteur électro', 'Porteur machino', 'Régie', 'HMC', 'Groupe électrogène']) {
    await page.getByTestId('plan-add-vehicle').filter({ hasText: name }).click()
    await expect(page.getByTestId('plan-add-vehicle').filter({ hasText: name })).toHaveCount(0)
  }
  await page.getByTestId('plan-add-close').click()
  await expect(page.getByTestId('map')).toHaveAttribute('data-vehicles', '6')
  await expect(page.getByTestId('plan-findings')).toContainText(CAP_ERROR)
  // All six were parked along the kerb, side by side: street, side and house numbers come from it.
  await expect(page.getByTestId('plan-streets')).toContainText('Rue de Mogador')
  await expect(page.getByTestId('plan-streets')).toContainText('6 véhicules')
  await expect(page.getByTestId('plan-list-row').filter({ hasText: 'Rue de Mogador' })).toHaveCount(6)
  await expect(page.getByTestId('plan-findings')).not.toContainText('se chevauchent')
  await expect(page.locator('.plan-vehicle-hit')).toHaveCount(6)
  await page.getByTestId('map').screenshot({ path: `${SHOTS}/vehicle-plan-cap-map.png` })
  await page.screenshot({ path: `${SHOTS}/vehicle-plan-cap.png`, fullPage: true })

  // A tap on the error shows the vehicles concerned; each is outlined on the map.
  await page.getByTestId('plan-finding').filter({ hasText: CAP_ERROR }).click()
  await expect(page.getByTestId('plan-vehicle-panel')).toBeVisible()

  // The grip truck: turned with the buttons, a departure before its arrival refused, nothing saved.
  await listRow(page, 'Porteur machino').click()
  await expect(page.getByTestId('plan-vehicle-name')).toHaveText('Porteur machino')
  const heading = Number(await page.getByTestId('plan-heading').inputValue())
  await page.getByTestId('plan-turn-15').click()
  await expect(page.getByTestId('plan-heading')).toHaveValue(String((heading + 15) % 360))
  await page.getByTestId('plan-turn--15').click()
  await expect(page.getByTestId('plan-heading')).toHaveValue(String(heading))
  // Turned by its handle: pulled below the vehicle, it faces south.
  await page.getByTestId('map').scrollIntoViewIfNeeded()
  const centre = await middleOf(page, '.plan-vehicle-selected')
  const handle = await middleOf(page, '[data-testid="plan-turn-handle"]')
  await page.mouse.move(handle.x, handle.y)
  await page.mouse.down()
  await page.mouse.move(centre.x, centre.y + 80, { steps: 8 })
  await page.mouse.up()
  await expect(page.getByTestId('plan-heading')).toHaveValue('180')
  await page.getByTestId('plan-arrival').fill('07:00')
  await page.getByTestId('plan-arrival').dispatchEvent('change')
  await page.getByTestId('plan-departure').fill('06:00')
  await page.getByTestId('plan-departure').dispatchEvent('change')
  await expect(page.getByTestId('plan-vehicle-error')).toContainText("Le départ doit être après l'arrivée.")
  await page.getByTestId('plan-departure').fill('21:00')
  await page.getByTestId('plan-departure').dispatchEvent('change')
  await expect(page.getByTestId('plan-vehicle-error')).toBeHidden()
  await expect(listRow(page, 'Porteur machino')).toContainText('07:00–21:00')

  // Dragged into the off-street base camp: off the street, and the cap holds again.
  await dragSelectedTo(page, () => middleOf(page, 'path[data-area]'))
  await expect(page.getByTestId('plan-on-street')).not.toBeChecked()
  await expect(page.getByTestId('plan-findings')).not.toContainText(CAP_ERROR)
  await expect(page.getByTestId('plan-counts')).toContainText('5 véhicules sur la voie publique · 1 hors voirie')
  await expect(listRow(page, 'Porteur machino')).not.toContainText('Rue de Mogador')
  await page.getByTestId('map').screenshot({ path: `${SHOTS}/vehicle-plan-moved-map.png` })
  await page.screenshot({ path: `${SHOTS}/vehicle-plan-moved.png`, fullPage: true })

  // Offline reload: the plan, its kerb, base camp and the move are all still there.
  await page.reload()
  await expect(page.getByTestId('map')).toHaveAttribute('data-vehicles', '6')
  await expect(page.locator('path[data-kerb]')).toHaveCount(1)
  await expect(page.locator('path[data-area]')).toHaveCount(1)
  await expect(page.getByTestId('plan-counts')).toContainText('5 véhicules sur la voie publique · 1 hors voirie')
  await expect(page.getByTestId('plan-findings')).not.toContainText(CAP_ERROR)
  await expect(listRow(page, 'Porteur machino')).toContainText('Hors voirie')
  await page.screenshot({ path: `${SHOTS}/vehicle-plan-offline-reload.png` })

  // Back onto the street by dragging: parked along the kerb again, and the cap is broken again.
  await listRow(page, 'Porteur machino').click()
  // Dropped 2 m short of the kerb line (at this zoom, 10 pixels): it snaps along it.
  await dragSelectedTo(page, () => middleOf(page, 'path[data-kerb]', 10))
  await expect(listRow(page, 'Porteur machino')).toContainText('Rue de Mogador')
  await expect(page.getByTestId('plan-findings')).toContainText(CAP_ERROR)
  // Removed from the plan instead: five on the street.
  await page.getByTestId('plan-remove').click()
  await expect(page.getByTestId('map')).toHaveAttribute('data-vehicles', '5')
  await expect(page.getByTestId('plan-findings')).not.toContainText(CAP_ERROR)

  // The kerb renamed from the list of kerbs: the vehicles parked along it follow.
  await page.getByTestId('plan-layout-kerb').click()
  await expect(page.locator('[name="kerbStreet"]')).toHaveValue('Rue de Mogador')
  await page.locator('[name="kerbStreet"]').fill('Rue de la Chaussée-d\'Antin')
  await page.getByTestId('plan-kerb-save').click()
  await expect(page.getByTestId('plan-list-row').filter({ hasText: 'Rue de la Chaussée-d\'Antin' })).toHaveCount(5)
  await expect(page.getByTestId('plan-streets')).toContainText('Rue de la Chaussée-d\'Antin')

  // The same plan on a desktop screen: the live panel beside the map.
  await page.setViewportSize({ width: 1280, height: 800 })
  await listRow(page, 'HMC').click()
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: `${SHOTS}/vehicle-plan-desktop.png` })
  await context.setOffline(false)
})

const numberOf = (page: Page, name: string) => listRow(page, name).locator('.plan-list-number').textContent()

test('a short kerb lists the vehicle with no room "à placer"; the plan copied to two days, then one replaced, numbers kept', async ({ page }) => {
  await openControlledApp(page)
  const pid = await parisProductionAtMogador(page, 'Les Coulisses')
  for (const [number, inDays] of [[1, 12], [2, 13], [3, 14]] as const) await addDay(page, pid, number, inDays)

  // J1. The map's scale, read off a vehicle drawn at real scale (the loges are 12 m long), then the loges taken off.
  await page.getByTestId('nav-vehicles').click()
  await expect(page.getByTestId('plan-day')).toHaveValue(/.+/)
  await page.getByTestId('plan-add').click()
  await page.getByTestId('plan-add-typical').click()
  await page.getByTestId('plan-add-vehicle').filter({ hasText: /^Loges/ }).click()
  await page.getByTestId('plan-add-close').click()
  await page.getByTestId('map').scrollIntoViewIfNeeded()
  const pixelsPerMetre = (await page.locator('.plan-vehicle-selected').first().boundingBox())!.width / 12
  await page.getByTestId('plan-remove').click()
  await expect(page.getByTestId('map')).toHaveAttribute('data-vehicles', '0')

  // A kerb of 30 m across the middle of the map, in front of the theatre.
  const half = (15 * pixelsPerMetre) / (await page.getByTestId('map').boundingBox())!.width
  await page.getByTestId('plan-draw-kerb').click()
  await tapMap(page, 0.5 - half, 0.47)
  await tapMap(page, 0.5 + half, 0.47)
  await page.getByTestId('plan-drawing-finish').click()
  await nameKerb(page, 'odd', 1, 21)
  await expect(page.locator('path[data-kerb]')).toHaveCount(1)

  // The loges (12 m) go to the middle, the generator (4 m) beside them; the cantine (11 m) has no 11 m left:
  // "à placer", never past the kerb's end nor on top of another.
  await page.getByTestId('plan-add').click()
  for (const name of [/^Loges/, /^Groupe électrogène/, /^Cantine/]) await page.getByTestId('plan-add-vehicle').filter({ hasText: name }).click()
  await expect(page.getByText('Pas de place pour « Cantine » ici')).toBeVisible()
  await page.getByTestId('plan-add-close').click()
  await expect(page.getByTestId('map')).toHaveAttribute('data-vehicles', '2')
  await expect(page.getByTestId('plan-not-drawn')).toContainText('À placer : 1 véhicule sans place sur le plan')
  await expect(page.getByTestId('plan-to-place')).toHaveCount(1)
  await expect(page.getByTestId('plan-to-place')).toContainText('Cantine')
  await expect(listRow(page, 'Loges')).toContainText('Rue de Mogador')
  await expect(listRow(page, 'Groupe électrogène')).toContainText('Rue de Mogador')
  await expect(listRow(page, 'Cantine')).not.toContainText('Rue de Mogador')
  await expect(page.getByTestId('plan-findings')).not.toContainText('se chevauchent')
  await expect(page.getByTestId('plan-findings')).not.toContainText('mêmes numéros')
  const numbers = { loges: await numberOf(page, 'Loges'), generator: await numberOf(page, 'Groupe électrogène'), cantine: await numberOf(page, 'Cantine') }
  await page.getByTestId('map').screenshot({ path: `${SHOTS}/vehicle-plan-to-place-map.png` })
  await page.getByTestId('plan-not-drawn').scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SHOTS}/vehicle-plan-to-place.png`, fullPage: true })

  // Copied to J2 and J3 at once: empty days, nothing to ask.
  await openCopy(page)
  await page.getByTestId('plan-copy-day').nth(0).check()
  await page.getByTestId('plan-copy-day').nth(1).check()
  await expect(page.getByTestId('plan-copy-mode')).toBeHidden()
  await page.getByTestId('plan-copy-submit').click()
  const report = page.getByTestId('plan-copy-report').locator('li')
  await expect(report).toHaveCount(2)
  await expect(report.nth(0)).toContainText(/J2 .*3 véhicules copiés\./)
  await expect(report.nth(1)).toContainText(/J3 .*3 véhicules copiés\./)

  // J2 is J1's plan, with the same numbers and the same vehicle "à placer"; then its generator is removed.
  await report.nth(0).getByRole('link').click()
  await expect(page.getByTestId('plan-day').locator('option:checked')).toHaveText(/^J2/)
  await expect(page.getByTestId('map')).toHaveAttribute('data-vehicles', '2')
  await expect(page.getByTestId('plan-to-place')).toContainText('Cantine')
  for (const [name, number] of [['Loges', numbers.loges], ['Groupe électrogène', numbers.generator], ['Cantine', numbers.cantine]] as const) {
    await expect(listRow(page, name).locator('.plan-list-number')).toHaveText(number!)
  }
  await listRow(page, 'Groupe électrogène').click()
  await page.getByTestId('plan-remove').click()
  await expect(page.getByTestId('map')).toHaveAttribute('data-vehicles', '1')

  // Back on J1, copied to J2 again: J2 has vehicles, so "remplacer" or "compléter" must be chosen first.
  await page.getByTestId('plan-day').selectOption({ index: 0 })
  await expect(listRow(page, 'Groupe électrogène')).toBeVisible()
  await openCopy(page)
  await page.getByTestId('plan-copy-day').nth(0).check()
  await expect(page.getByTestId('plan-copy-mode')).toBeVisible()
  await expect(page.getByTestId('plan-copy-submit')).toBeDisabled()
  await page.getByTestId('plan-copy-replace').check()
  await page.getByTestId('plan-copy-mode').scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SHOTS}/vehicle-plan-copy-replace.png` })
  await page.getByTestId('plan-copy-submit').click()
  await expect(report).toHaveCount(1)
  await expect(report.nth(0)).toContainText('3 véhicules copiés. 2 véhicules retirés (remplacés).')
  await report.nth(0).getByRole('link').click()
  await expect(page.getByTestId('plan-day').locator('option:checked')).toHaveText(/^J2/)
  await expect(page.getByTestId('map')).toHaveAttribute('data-vehicles', '2')
  await expect(page.getByTestId('plan-list-row')).toHaveCount(3)
  await expect(listRow(page, 'Groupe électrogène').locator('.plan-list-number')).toHaveText(numbers.generator!)
  await expect(page.getByTestId('plan-to-place')).toContainText('Cantine')
  await page.screenshot({ path: `${SHOTS}/vehicle-plan-copied.png`, fullPage: true })

  // On paper too: the same numbers, and the vehicle with no place says so.
  await page.getByTestId('plan-print').click()
  await expect(page.getByTestId(`plan-row-${numbers.loges}`)).toContainText('Loges')
  await expect(page.getByTestId(`plan-row-${numbers.cantine}`)).toContainText('à placer')
})
