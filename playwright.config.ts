import { defineConfig, devices } from '@playwright/test'

const PORT = Number(process.env.E2E_PORT ?? 4317)
/** The local stand-in for the IGN Géoplateforme (tiles and geocoder): the tests never reach the internet. */
export const MAP_FIXTURE_PORT = Number(process.env.E2E_MAP_PORT ?? PORT + 1)

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
  webServer: [
    {
      command: 'npx tsx test/fixtures/map/mapFixtureServer.ts',
      url: `http://localhost:${MAP_FIXTURE_PORT}/geocodage/search?q=`,
      env: { MAP_FIXTURE_PORT: String(MAP_FIXTURE_PORT) },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // The real server on the built app, with a throwaway database, its maps and geocoder pointed at the stand-in.
      command: `rm -rf .tmp/e2e-data && node scripts/start.mjs`,
      url: `http://localhost:${PORT}/api/health`,
      // The access code is fixed so that tests can type it (test/e2e/helpers.ts E2E_ACCESS_CODE).
      env: {
        PORT: String(PORT), DATA_DIR: '.tmp/e2e-data', HOST: '127.0.0.1', GEOPLATEFORME_URL: `http://localhost:${MAP_FIXTURE_PORT}`, REGIE_ACCESS_CODE: 'E2E-ACCESS-CODE-2026',
      },
      reuseExistingServer: false,
      timeout: 180_000,
    },
  ],
})
