/**
 * Trust as people meet it: an invite leaked and revoked, an invite already used, an owner who lost their phone and
 * recovers the production from another browser with the recovery code, and a server restored from a backup whose
 * phones recover with nothing lost.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { addRecord, createProduction, shareProduction } from './helpers'

const SHOTS = 'test-results/screenshots'

async function newPhone(browser: Browser, baseURL?: string) {
  return (await browser.newContext({ viewport: { width: 390, height: 844 }, ...(baseURL && { baseURL }) })).newPage()
}

async function invite(page: Page, pid: string, role = 'member') {
  await page.goto(`/p/${pid}/team`)
  await page.locator('[name="role"]').selectOption(role)
  await page.getByTestId('create-invite').click()
  return (await page.getByTestId('invite-link').textContent())!.trim()
}

async function syncNow(page: Page, pid: string) {
  await page.goto(`/p/${pid}/team`)
  await page.getByTestId('sync-now').click()
  await expect(page.getByText('Synchronisé.')).toBeVisible()
}

test('a revoked invite and a used one say why on the join screen; the owner recovers the production elsewhere and cuts off the lost phone', async ({ browser }) => {
  test.setTimeout(180_000)
  const owner = await newPhone(browser)
  const pid = await createProduction(owner, 'Confiance')
  const recoveryCode = await shareProduction(owner, pid, 'Camille')
  await owner.getByTestId('recovery-kept').click()

  // A link leaked in a group chat: the owner sees it open, and revokes it.
  const leaked = await invite(owner, pid)
  const openInvite = owner.getByTestId('open-invite')
  await expect(openInvite).toHaveCount(1)
  await expect(openInvite).toContainText('1 utilisation(s) restante(s) sur 1')
  owner.once('dialog', (dialog) => void dialog.accept())
  await openInvite.getByTestId('revoke-invite').click()
  await expect(owner.getByText('Invitation annulée.')).toBeVisible()
  await expect(owner.getByTestId('open-invite')).toHaveCount(0)

  const stranger = await newPhone(browser)
  await stranger.goto(leaked)
  await expect(stranger.getByTestId('join-refusal')).toHaveText("Cette invitation a été annulée par l'équipe. Demandez-en une nouvelle.")
  await expect(stranger.getByTestId('join')).toBeDisabled()
  await stranger.screenshot({ path: `${SHOTS}/trust-invite-revoked.png`, fullPage: true })

  // A single-use invite lets one person in; the second is told it was used.
  const single = await invite(owner, pid)
  const regie = await newPhone(browser)
  await regie.goto(single)
  await expect(regie.getByTestId('join-preview')).toContainText('Confiance')
  await regie.locator('[name="displayName"]').fill('Sami')
  await regie.getByTestId('join').click()
  await expect(regie.getByTestId('production-title')).toHaveText('Confiance')
  await stranger.goto(single)
  await expect(stranger.getByTestId('join-refusal')).toContainText('déjà servi autant de fois que prévu')

  // The owner's phone is lost: from another browser, the recovery code gives the production back as owner.
  const laptop = await newPhone(browser)
  await laptop.goto('/join')
  await laptop.getByTestId('recover-link').click()
  await laptop.getByTestId('recovery-code-input').fill('AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF')
  await laptop.getByTestId('recover').click()
  await expect(laptop.getByTestId('recover-error')).toContainText("n'ouvre aucune production")
  await laptop.getByTestId('recovery-code-input').fill(recoveryCode.toLowerCase())
  await laptop.getByTestId('recover').click()
  await expect(laptop.getByTestId('team-state')).toContainText('Propriétaire')
  await expect(laptop.getByTestId('production-title')).toHaveText('Confiance')

  // It lists the lost phone among the owner's devices and signs it out.
  const ownerCard = laptop.getByTestId('member').filter({ hasText: 'Camille' })
  await expect(ownerCard.getByTestId('device')).toHaveCount(2)
  await laptop.screenshot({ path: `${SHOTS}/trust-recovered.png`, fullPage: true })
  laptop.once('dialog', (dialog) => void dialog.accept())
  // The lost phone is the device without the "Cet appareil" badge.
  await ownerCard.getByTestId('device').filter({ hasNot: laptop.getByText('Cet appareil', { exact: true }) }).getByTestId('revoke-session').click()
  await expect(laptop.getByText('Appareil déconnecté.')).toBeVisible()
  await expect(ownerCard.getByTestId('device')).toHaveCount(1)

  await owner.goto(`/p/${pid}/team`)
  await owner.getByTestId('sync-now').click()
  await expect(owner.getByTestId('last-sync-error')).toContainText('déconnecté de l\'équipe')
})

/** A Régie server of this test's own (port, data directory), on the built app: it is stopped and restored below. */
function startServer(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DIST_DIR: path.resolve('dist'), REGIE_ACCESS_CODE: 'E2E-ACCESS-CODE-2026', LOG_LEVEL: 'error' },
    stdio: 'ignore',
  })
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const poll = async () => {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return resolve(child)
      } catch { /* not up yet */ }
      if (Date.now() - started > 60_000) return reject(new Error('the server did not start'))
      setTimeout(poll, 250)
    }
    void poll()
  })
}

async function stopServer(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

test('a server restored from a backup: the phone recovers and its changes since the backup come back, once', async ({ browser }) => {
  test.setTimeout(240_000)
  const port = Number(process.env.E2E_RESTORE_PORT ?? 4390)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'regie-e2e-restore-'))
  const backup = path.join(dataDir, 'backup.sqlite')
  let server = await startServer(port, dataDir)
  try {
    const origin = `http://127.0.0.1:${port}`
    const phone = await newPhone(browser, origin)
    const pid = await createProduction(phone, 'Sauvegarde')
    await addRecord(phone, pid, 'locations', { name: 'Cave voûtée', intExt: { option: 'INT' } })
    await shareProduction(phone, pid, 'Camille')
    await syncNow(phone, pid)

    // The nightly backup, as the README's `.backup` makes it while the server runs.
    const live = new SQLite(path.join(dataDir, 'regie.sqlite'), { readonly: true })
    await live.backup(backup)
    live.close()

    // After the backup, the phone adds a décor; the server acknowledges it.
    await addRecord(phone, pid, 'locations', { name: 'Quai de la Tournelle', intExt: { option: 'EXT' } })
    await syncNow(phone, pid)

    // The disk fails: the operator puts the backup back and runs the restore step.
    await stopServer(server)
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dataDir, `regie.sqlite${suffix}`), { force: true })
    fs.copyFileSync(backup, path.join(dataDir, 'regie.sqlite'))
    const step = spawn(process.execPath, ['--import', 'tsx', 'src/server/restored.ts'], { env: { ...process.env, DATA_DIR: dataDir }, stdio: 'pipe' })
    let said = ''
    step.stdout!.on('data', (chunk) => (said += String(chunk)))
    expect(await new Promise((resolve) => step.once('exit', resolve))).toBe(0)
    expect(said).toContain('restored from a backup')
    server = await startServer(port, dataDir)

    // The phone syncs: no "contact support", its Quai goes back to the server.
    await syncNow(phone, pid)
    await expect(phone.getByTestId('last-sync-error')).toHaveCount(0)
    await phone.screenshot({ path: `${SHOTS}/trust-restored-sync.png`, fullPage: true })

    // A teammate joining the restored server finds both décors.
    const link = await invite(phone, pid)
    const regie = await newPhone(browser, origin)
    await regie.goto(link)
    await regie.locator('[name="displayName"]').fill('Sami')
    await regie.getByTestId('join').click()
    await expect(regie.getByTestId('production-title')).toHaveText('Sauvegarde')
    await regie.goto(`/p/${pid}/locations`)
    await expect(regie.getByTestId('record-row')).toHaveCount(2)
    await expect(regie.getByTestId('record-row').filter({ hasText: 'Quai de la Tournelle' })).toHaveCount(1)
  } finally {
    await stopServer(server).catch(() => undefined)
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
})
