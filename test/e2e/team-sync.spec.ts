import { expect, test, type Page } from '@playwright/test'
import { addRecord, createProduction, fillForm } from './helpers'

async function editLocation(page: Page, pid: string, id: string, values: Parameters<typeof fillForm>[1]) {
  await page.goto(`/p/${pid}/locations/${id}/edit`)
  await expect(page.getByTestId('record-form')).toBeVisible()
  await fillForm(page, values)
  await page.getByTestId('save').click()
  await expect(page.getByTestId('record-detail')).toBeVisible()
}

async function syncNow(page: Page, pid: string) {
  await page.goto(`/p/${pid}/team`)
  await page.getByTestId('sync-now').click()
  await expect(page.getByText('Synchronisé.')).toBeVisible()
}

test('two phones share a production, edit the same décor offline and converge; a viewer cannot edit', async ({ browser }) => {
  const ad = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage()
  const regie = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage()

  // The AD makes the production on their phone, then shares it and invites the régisseur.
  const pid = await createProduction(ad, 'Tournage en équipe')
  await addRecord(ad, pid, 'locations', { name: 'Cave voûtée', intExt: { option: 'INT' } })
  const decorId = ad.url().split('/locations/')[1]!
  await ad.goto(`/p/${pid}/team`)
  await ad.locator('[name="displayName"]').fill('Camille')
  await ad.getByTestId('share').click()
  await expect(ad.getByTestId('team-state')).toContainText('Propriétaire')
  await ad.locator('[name="role"]').selectOption('member')
  await ad.getByTestId('create-invite').click()
  const link = (await ad.getByTestId('invite-link').textContent())!.trim()
  await ad.screenshot({ path: 'test-results/screenshots/team-invite.png' })

  await regie.goto(link)
  await regie.locator('[name="displayName"]').fill('Sami')
  await regie.getByTestId('join').click()
  await expect(regie.getByTestId('production-title')).toHaveText('Tournage en équipe')
  await regie.goto(`/p/${pid}/locations`)
  await expect(regie.getByTestId('record-row')).toContainText('Cave voûtée')

  // The AD loses the network and edits; the régisseur edits the same décor (and later, so their name wins).
  // Going offline before the service worker controls the page would leave no app to navigate to.
  await ad.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  if (!(await ad.evaluate(() => !!navigator.serviceWorker.controller))) await ad.reload()
  await expect.poll(() => ad.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true)
  await ad.context().setOffline(true)
  await editLocation(ad, pid, decorId, { parking: 'Rue Mouffetard, 3 places', name: 'Cave (AD)' })
  await editLocation(regie, pid, decorId, { noise: 'Métro ligne 7', name: 'Cave du bar' })
  await syncNow(regie, pid)
  await ad.context().setOffline(false)
  await syncNow(ad, pid)
  await syncNow(regie, pid)

  for (const page of [ad, regie]) {
    await page.goto(`/p/${pid}/locations/${decorId}`)
    await expect(page.getByTestId('detail-title')).toHaveText('Cave du bar')
    await expect(page.getByTestId('record-detail')).toContainText('Rue Mouffetard, 3 places')
    await expect(page.getByTestId('record-detail')).toContainText('Métro ligne 7')
  }
  await regie.screenshot({ path: 'test-results/screenshots/team-converged.png', fullPage: true })

  // A viewer's edit stays on their phone only as a refused change, with the reason.
  await ad.goto(`/p/${pid}/team`)
  await ad.locator('[name="role"]').selectOption('viewer')
  await ad.getByTestId('create-invite').click()
  const viewerLink = (await ad.getByTestId('invite-link').textContent())!.trim()
  const viewer = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage()
  await viewer.goto(viewerLink)
  await viewer.locator('[name="displayName"]').fill('Stagiaire observateur')
  await viewer.getByTestId('join').click()
  await expect(viewer.getByTestId('production-title')).toHaveText('Tournage en équipe')
  await editLocation(viewer, pid, decorId, { name: 'Nom du viewer' })
  await syncNow(viewer, pid)
  await expect(viewer.getByTestId('rejection')).toContainText('votre rôle ne permet pas')
  await viewer.screenshot({ path: 'test-results/screenshots/team-rejection.png', fullPage: true })
  await viewer.goto(`/p/${pid}/locations/${decorId}`)
  await expect(viewer.getByTestId('detail-title')).toHaveText('Cave du bar')

  // Live update: the AD renames the décor; the régisseur's page, open all along, shows it within seconds untouched (a poke).
  await editLocation(ad, pid, decorId, { name: 'Cave du bar (sous-sol)' })
  await expect(regie.getByTestId('detail-title')).toHaveText('Cave du bar (sous-sol)', { timeout: 5_000 })
})
