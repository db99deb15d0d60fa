import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { precompressFile } from '../../scripts/precompressAssets'
import { openControlledApp } from './helpers'

// The server serves dist/ from disk with no-cache on sw.js, so changing the file and the compressed copies the
// build writes beside it (which the browser is sent) is a new release.
const SW = 'dist/sw.js'

test('a new release shows "Nouvelle version disponible" and updates only when the user accepts', async ({ page }) => {
  await openControlledApp(page)
  const original = readFileSync(SW, 'utf8')
  try {
    appendFileSync(SW, `\n// release ${Date.now()}\n`)
    await precompressFile(SW)
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update())
    const prompt = page.getByTestId('update-prompt')
    await expect(prompt).toContainText('Nouvelle version disponible')

    // Nothing reloads by itself: the old version keeps control until the user says so.
    const before = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)
    // Accepting activates the new service worker, which reloads the page.
    const reloaded = page.waitForEvent('load')
    await prompt.getByRole('button', { name: 'Mettre à jour' }).click()
    await reloaded
    await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull()
    await expect(page.getByTestId('update-prompt')).toHaveCount(0)
    expect(before).toContain('/sw.js')
  } finally {
    writeFileSync(SW, original)
    await precompressFile(SW)
  }
})
