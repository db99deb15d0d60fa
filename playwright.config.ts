import { defineConfig, devices } from '@playwright/test'

const PORT = Number(process.env.E2E_PORT ?? 4317)

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/artifacts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'phone', use: { ...devices['Pixel 7'], viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } },
  ],
  webServer: {
    // The real server on the built app, with a throwaway database.
    command: `rm -rf .tmp/e2e-data && node scripts/start.mjs`,
    url: `http://localhost:${PORT}/api/health`,
    // The access code is fixed so that tests can type it (test/e2e/helpers.ts E2E_ACCESS_CODE).
    env: { PORT: String(PORT), DATA_DIR: '.tmp/e2e-data', HOST: '127.0.0.1', REGIE_ACCESS_CODE: 'E2E-ACCESS-CODE-2026' },
    reuseExistingServer: false,
    timeout: 180_000,
  },
})
