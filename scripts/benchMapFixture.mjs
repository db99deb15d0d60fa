// The local stand-in for the IGN Géoplateforme (test/fixtures/map), started beside the bench's server so the bench's
// maps, tiles and geocoder never reach the internet. Returns the environment the server needs and a stop function.
import { spawn } from 'node:child_process'

export async function startMapFixture(port) {
  const child = spawn('node_modules/.bin/tsx', ['test/fixtures/map/mapFixtureServer.ts'], { env: { ...process.env, MAP_FIXTURE_PORT: String(port) }, stdio: 'ignore' })
  const url = `http://localhost:${port}`
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/geocodage/search?q=`)).ok) break
    } catch { /* not up yet */ }
    if (i > 60) throw new Error('map fixture did not start')
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return { env: { GEOPLATEFORME_URL: url }, stop: () => child.kill() }
}
