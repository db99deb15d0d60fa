import { expect, test, type Browser, type Page } from '@playwright/test'
import { addRecord, createProduction, fillForm, shareProduction } from './helpers'

const SHOTS = 'test-results/screenshots'

async function newPhone(browser: Browser) {
  return (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage()
}

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

/** Going offline before the service worker controls the page would leave no app to navigate to. */
async function waitForServiceWorker(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload()
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true)
}

/** A JPEG drawn in the page: a photo no other phone has (its own SHA-256). */
async function drawnPhoto(page: Page, colour: string): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const dataUrl = await page.evaluate((fill) => {
    const canvas = document.createElement('canvas')
    canvas.width = 320
    canvas.height = 240
    const context = canvas.getContext('2d')!
    context.fillStyle = fill
    context.fillRect(0, 0, 320, 240)
    context.fillStyle = '#ffffff'
    context.fillRect(40, 40, 120, 80)
    return canvas.toDataURL('image/jpeg', 0.9)
  }, colour)
  return { name: 'cour-interieure.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(dataUrl.split(',')[1]!, 'base64') }
}

async function addPhoto(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }, count: number) {
  const photos = page.getByTestId('record-photos')
  await photos.getByTestId('choose-photos').setInputFiles(file)
  await expect(photos.getByTestId('photo-item')).toHaveCount(count, { timeout: 20_000 })
}

/** How many of the décor's photos this phone shows with their image really decoded. */
async function decodedPhotos(page: Page) {
  const images = page.getByTestId('record-photos').locator('img.blob-image')
  await images.nth(1).waitFor({ timeout: 5_000 }).catch(() => undefined)
  return images.evaluateAll((nodes) =>
    Promise.all(nodes.map((node) => (node as HTMLImageElement).decode().then(() => (node as HTMLImageElement).naturalWidth > 0, () => false)))
      .then((loaded) => loaded.filter(Boolean).length))
}

async function openHistory(page: Page, pid: string, decorId: string) {
  await page.goto(`/p/${pid}/locations/${decorId}`)
  const history = page.getByTestId('record-history')
  await history.getByTestId('history-load').click()
  await expect(history.getByTestId('history-entry').first()).toBeVisible()
  return history
}

test('two phones share a production, edit the same décor offline and converge; the history keeps the losing value; a viewer cannot edit; a revoked phone is refused', async ({ browser }) => {
  test.setTimeout(240_000)
  const ad = await newPhone(browser)
  const regie = await newPhone(browser)

  // The AD makes the production on their phone, then shares it and invites the régisseur.
  const pid = await createProduction(ad, 'Tournage en équipe')
  await addRecord(ad, pid, 'locations', { name: 'Cave voûtée', intExt: { option: 'INT' } })
  const decorId = ad.url().split('/locations/')[1]!
  await ad.goto(`/p/${pid}/team`)
  await ad.locator('[name="displayName"]').fill('Camille')
  // The server asks for its access code: a wrong one is refused with the reason, nothing is shared.
  await ad.locator('[name="accessCode"]').fill('PAS-LE-BON-CODE')
  await ad.getByTestId('share').click()
  await expect(ad.getByTestId('access-code-error')).toContainText("Ce n'est pas le code d'accès de ce serveur")
  await expect(ad.getByTestId('team-state')).toHaveCount(0)
  const recoveryCode = await shareProduction(ad, pid, 'Camille')
  expect(recoveryCode).toMatch(/^([A-Z2-9]{5}-){5}[A-Z2-9]{5}$/)
  await ad.screenshot({ path: `${SHOTS}/team-recovery-code.png`, fullPage: true })
  await ad.getByTestId('recovery-kept').click()
  await expect(ad.getByTestId('recovery-code-card')).toHaveCount(0)
  await ad.locator('[name="role"]').selectOption('member')
  await ad.getByTestId('create-invite').click()
  const link = (await ad.getByTestId('invite-link').textContent())!.trim()
  await ad.screenshot({ path: `${SHOTS}/team-invite.png` })

  await regie.goto(link)
  await regie.locator('[name="displayName"]').fill('Sami')
  await regie.getByTestId('join').click()
  await expect(regie.getByTestId('production-title')).toHaveText('Tournage en équipe')
  await regie.goto(`/p/${pid}/locations`)
  await expect(regie.getByTestId('record-row')).toContainText('Cave voûtée')

  // The régisseur loses the network. Both edit the décor: other fields first, then the same field, the régisseur
  // later (so their name wins by clock), and each adds a photo.
  await waitForServiceWorker(regie)
  await regie.context().setOffline(true)
  await editLocation(ad, pid, decorId, { parking: 'Rue Mouffetard, 3 places' })
  await editLocation(regie, pid, decorId, { noise: 'Métro ligne 7' })
  await editLocation(ad, pid, decorId, { name: 'Cave (AD)' })
  await addPhoto(ad, 'test/fixtures/photos/no-exif.jpg', 1)
  await syncNow(ad, pid)
  await editLocation(regie, pid, decorId, { name: 'Cave du bar' })
  await addPhoto(regie, await drawnPhoto(regie, '#8a5a44'), 1)
  await regie.screenshot({ path: `${SHOTS}/team-offline-edit.png`, fullPage: true })
  // The history lives on the server: offline, the card says so (at once when the browser knows it is offline,
  // else when the request fails) instead of showing stale or empty entries.
  const offlineHistory = regie.getByTestId('record-history')
  if (await offlineHistory.getByTestId('history-load').isEnabled()) await offlineHistory.getByTestId('history-load').click()
  await expect(offlineHistory).toContainText('il faut du réseau')
  await expect(offlineHistory.getByTestId('history-entry')).toHaveCount(0)
  await offlineHistory.screenshot({ path: `${SHOTS}/team-history-offline.png` })

  await regie.context().setOffline(false)
  await syncNow(regie, pid)
  await syncNow(ad, pid)

  for (const page of [ad, regie]) {
    await page.goto(`/p/${pid}/locations/${decorId}`)
    await expect(page.getByTestId('detail-title')).toHaveText('Cave du bar')
    await expect(page.getByTestId('record-detail')).toContainText('Rue Mouffetard, 3 places')
    await expect(page.getByTestId('record-detail')).toContainText('Métro ligne 7')
  }
  await regie.screenshot({ path: `${SHOTS}/team-converged.png`, fullPage: true })

  // The losing name is in the history on both phones, marked overwritten; the winning one is not.
  for (const page of [ad, regie]) {
    const history = await openHistory(page, pid, decorId)
    const lost = history.getByTestId('history-entry').filter({ hasText: 'Cave (AD)' })
    await expect(lost).toContainText('Camille')
    await expect(lost.locator('[data-field="name"]').getByTestId('history-overwritten')).toHaveText('écartée')
    const won = history.getByTestId('history-entry').filter({ hasText: 'Cave du bar' })
    await expect(won).toContainText('Sami')
    await expect(won.getByTestId('history-overwritten')).toHaveCount(0)
    await expect(history.getByTestId('history-entry').filter({ hasText: 'Rue Mouffetard, 3 places' }).getByTestId('history-overwritten')).toHaveCount(0)
  }
  await regie.getByTestId('record-history').scrollIntoViewIfNeeded()
  await regie.screenshot({ path: `${SHOTS}/team-history.png` })
  await ad.screenshot({ path: `${SHOTS}/team-history-full.png`, fullPage: true })

  // Each photo reaches the other phone (its bytes go up with the sync loop, then down when shown).
  for (const page of [ad, regie]) {
    await expect.poll(async () => {
      await page.goto(`/p/${pid}/locations/${decorId}`)
      return decodedPhotos(page)
    }, { timeout: 60_000, intervals: [1_000, 2_000, 3_000] }).toBe(2)
  }
  await ad.getByTestId('record-photos').scrollIntoViewIfNeeded()
  await ad.screenshot({ path: `${SHOTS}/team-photos.png` })

  // A viewer has no edit control.
  await ad.goto(`/p/${pid}/team`)
  await ad.locator('[name="role"]').selectOption('viewer')
  await ad.getByTestId('create-invite').click()
  const viewerLink = (await ad.getByTestId('invite-link').textContent())!.trim()
  const viewer = await newPhone(browser)
  await viewer.goto(viewerLink)
  await viewer.locator('[name="displayName"]').fill('Stagiaire observateur')
  await viewer.getByTestId('join').click()
  await expect(viewer.getByTestId('production-title')).toHaveText('Tournage en équipe')
  await viewer.goto(`/p/${pid}/locations/${decorId}`)
  await expect(viewer.getByTestId('detail-title')).toHaveText('Cave du bar')
  await expect(viewer.getByTestId('read-only')).toContainText('Lecture seule')
  await expect(viewer.getByTestId('edit')).toHaveCount(0)
  await expect(viewer.getByTestId('delete')).toHaveCount(0)
  await expect(viewer.getByTestId('choose-photos')).toHaveCount(0)
  await viewer.screenshot({ path: `${SHOTS}/team-viewer-read-only.png`, fullPage: true })
  // Forced through the edit page, the change is refused on the phone itself: nothing stored, nothing to send, and
  // the typed value stays in the form.
  await viewer.goto(`/p/${pid}/locations/${decorId}/edit`)
  await fillForm(viewer, { name: 'Nom du viewer' })
  await viewer.getByTestId('save').click()
  await expect(viewer.getByRole('alert').filter({ hasText: 'lecture seule' }).first()).toBeVisible()
  await expect(viewer.locator('[name="name"]')).toHaveValue('Nom du viewer')
  await viewer.screenshot({ path: `${SHOTS}/team-viewer-refused.png`, fullPage: true })
  await syncNow(viewer, pid)
  await expect(viewer.getByTestId('rejection')).toHaveCount(0)
  await viewer.goto(`/p/${pid}/locations/${decorId}`)
  await expect(viewer.getByTestId('detail-title')).toHaveText('Cave du bar')

  // Live update: the AD renames the décor; the régisseur's page, open all along, shows it within seconds untouched (a poke).
  await regie.goto(`/p/${pid}/locations/${decorId}`)
  await editLocation(ad, pid, decorId, { name: 'Cave du bar (sous-sol)' })
  await expect(regie.getByTestId('detail-title')).toHaveText('Cave du bar (sous-sol)', { timeout: 5_000 })

  // The owner signs the viewer's phone out; that phone's next sync is refused, and it says why in French.
  await ad.goto(`/p/${pid}/team`)
  const viewerCard = ad.getByTestId('member').filter({ hasText: 'Stagiaire observateur' })
  ad.once('dialog', (dialog) => void dialog.accept())
  await viewerCard.getByTestId('revoke-session').click()
  await expect(ad.getByText('Appareil déconnecté.')).toBeVisible()
  await expect(viewerCard.getByTestId('device')).toHaveCount(0)

  await viewer.goto(`/p/${pid}/team`)
  await viewer.getByTestId('sync-now').click()
  const refusal = 'Cet appareil a été déconnecté de l\'équipe. Demandez une nouvelle invitation.'
  await expect(viewer.getByRole('alert').filter({ hasText: refusal }).first()).toBeVisible()
  await expect(viewer.getByTestId('last-sync-error')).toHaveText(`Dernière erreur : ${refusal}`)
  await expect(viewer.getByTestId('team-state')).not.toContainText('revoked')
  await viewer.screenshot({ path: `${SHOTS}/team-revoked.png`, fullPage: true })
})
