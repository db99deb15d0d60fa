import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { expect, type BrowserContext, type Page } from '@playwright/test'

export const PDFS = 'test-results/pdf'
/** The local stand-in for the IGN Géoplateforme the server's maps point at (playwright.config.ts). */
export const MAP_FIXTURE = `http://localhost:${Number(process.env.E2E_MAP_PORT ?? Number(process.env.E2E_PORT ?? 4317) + 1)}`
/** The URL start of a tile of this Géoplateforme layer served by the stand-in. */
export const layerTiles = (layer: string) => `${MAP_FIXTURE}/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&`

/** Lists what the page or its service worker asks of a machine other than this one: maps come from the local stand-in. */
export function requestsElsewhere(context: BrowserContext) {
  const outside: string[] = []
  context.on('request', (request) => {
    const url = new URL(request.url())
    if (url.protocol.startsWith('http') && url.hostname !== 'localhost') outside.push(request.url())
  })
  return outside
}

/** Opens the app and waits until the service worker controls the page (so it keeps working offline). */
export async function openControlledApp(page: Page) {
  await page.goto('/')
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.reload()
  }
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true)
}

/** The server access code the e2e server runs with (playwright.config.ts). */
export const E2E_ACCESS_CODE = 'E2E-ACCESS-CODE-2026'

/**
 * Shares the open production from its team page as its owner: the name, and the server's access code when this
 * device does not know it yet. Leaves the recovery code card on screen.
 */
export async function shareProduction(page: Page, pid: string, ownerName: string, accessCode = E2E_ACCESS_CODE) {
  await page.goto(`/p/${pid}/team`)
  await page.locator('[name="displayName"]').fill(ownerName)
  if (await page.locator('[name="accessCode"]').isVisible()) await page.locator('[name="accessCode"]').fill(accessCode)
  await page.getByTestId('share').click()
  await expect(page.getByTestId('team-state')).toContainText('Propriétaire')
  return (await page.getByTestId('recovery-code').textContent())!.trim()
}

export async function createProduction(page: Page, name: string, city?: string) {
  await page.goto('/')
  await page.getByTestId('new-production').click()
  await page.locator('[name="name"]').fill(name)
  if (city) await page.locator('[name="city"]').fill(city)
  await page.getByTestId('save').click()
  await expect(page.getByTestId('production-title')).toHaveText(name)
  return page.url().split('/p/')[1]!.split('/')[0]!
}

export type FieldValues = Record<string, string | { option: string } | { label: string } | boolean>

/** Fills a record form by field name: text, a select value ({option}), a select by visible label ({label}) or a checkbox. */
export async function fillForm(page: Page, values: FieldValues) {
  for (const [name, value] of Object.entries(values)) {
    const field = page.locator(`[name="${name}"]`)
    if (typeof value === 'boolean') await field.setChecked(value)
    else if (typeof value === 'string') await field.fill(value)
    else if ('option' in value) await field.selectOption(value.option)
    else await field.selectOption({ label: value.label })
  }
}

export async function addRecord(page: Page, productionId: string, view: string, values: FieldValues) {
  await page.goto(`/p/${productionId}/${view}/new`)
  await expect(page.getByTestId('record-form')).toBeVisible()
  await fillForm(page, values)
  await page.getByTestId('save').click()
  await expect(page.getByTestId('record-detail')).toBeVisible()
}

/** A shoot day `daysAhead` from today at the décors named; resolves with its id. */
export async function addShootDay(page: Page, productionId: string, number: number, daysAhead: number, decors: string[]) {
  await page.goto(`/p/${productionId}/days/new`)
  await page.locator('[name="number"]').fill(String(number))
  await page.locator('[name="date"]').fill(new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10))
  for (const decor of decors) await page.getByLabel(decor).check()
  await page.getByTestId('save').click()
  await expect(page.getByTestId('record-detail')).toBeVisible()
  return page.url().split('/days/')[1]!.split(/[/?]/)[0]!
}

/** Prints the page to an A4 PDF as Chromium does (after `ready`, awaited in print mode), and renders each page to PNG. */
export async function printToPdf(page: Page, name: string, ready?: () => Promise<void>) {
  mkdirSync(PDFS, { recursive: true })
  await page.emulateMedia({ media: 'print' })
  await ready?.()
  const path = `${PDFS}/${name}.pdf`
  const pdf = await page.pdf({ path, format: 'A4', printBackground: true, preferCSSPageSize: true })
  await page.emulateMedia({ media: 'screen' })
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
  // PNG renders for people to look at; pdftoppm comes with poppler-utils (installed by .ci/run).
  if (existsSync('/usr/bin/pdftoppm')) execFileSync('pdftoppm', ['-png', '-r', '60', path, `${PDFS}/${name}`])
  return pdf
}

/** The images a printed PDF carries, as `pdfimages -list` (poppler-utils) lists them: one row per image. */
export function pdfImages(pdf: string): { page: number; width: number; height: number }[] {
  const listing = execFileSync('pdfimages', ['-list', `${PDFS}/${pdf}.pdf`], { encoding: 'utf8' })
  return listing.split('\n').slice(2).filter((line) => line.trim()).map((line) => {
    const [page, , , width, height] = line.trim().split(/\s+/)
    return { page: Number(page), width: Number(width), height: Number(height) }
  })
}
