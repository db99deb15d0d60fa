// What the Chromium benchmarks share: the real server on a throwaway database (the app built first if needed) and
// Debian's Chromium with the flags the e2e tests use (playwright.config.ts).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startMapFixture } from './benchMapFixture.mjs'

export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium'
/** The bench server's access code (sharing a production to it needs one). */
export const BENCH_ACCESS_CODE = 'BENCH-ACCESS-CODE-2026'
export const CHROME_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
]

/**
 * Starts `npm start`'s server on `port` with an empty data directory, its maps and geocoder on the local stand-in
 * (on `port + 1`: nothing reaches the internet); resolves once it answers its health check.
 */
export async function startBenchServer(port) {
  if (!existsSync('dist/index.html')) spawnSync('node_modules/.bin/vite', ['build'], { stdio: 'inherit' })
  const base = `http://127.0.0.1:${port}`
  const dataDir = mkdtempSync(path.join(tmpdir(), 'regie-bench-'))
  const mapFixture = await startMapFixture(port + 1)
  const server = spawn('node', ['scripts/start.mjs'], {
    env: { ...process.env, ...mapFixture.env, PORT: String(port), DATA_DIR: dataDir, HOST: '127.0.0.1', REGIE_ACCESS_CODE: BENCH_ACCESS_CODE }, stdio: 'ignore',
  })
  const stop = () => {
    server.kill()
    mapFixture.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { base, stop }
    } catch { /* not up yet */ }
    if (i > 120) {
      stop()
      throw new Error('server did not start')
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

/** Debian's Chromium through Playwright, never a browser Playwright downloads. */
export async function launchChromium() {
  const { chromium } = await import('@playwright/test')
  return chromium.launch({ executablePath: CHROME_PATH, args: CHROME_FLAGS })
}

/** A one-line figure against its budget, as every benchmark prints it. */
export function formatFigure(name, value, unit, budget) {
  return `${name}: ${value.toFixed(1)} ${unit}${budget ? ` (budget ${budget} ${unit}, ${value <= budget ? 'within' : 'OVER'})` : ''}`
}

/** Runs a standalone benchmark on its own server and browser: `measure(browser, base)`. */
export async function runStandalone(port, measure) {
  const { base, stop } = await startBenchServer(port)
  try {
    const browser = await launchChromium()
    try {
      await measure(browser, base)
    } finally {
      await browser.close()
    }
  } finally {
    stop()
  }
}
