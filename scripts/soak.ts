/**
 * `npm run test:soak -- --seeds 200`: the sync simulation (test/sim/simulation.ts) at full size for as many seeds
 * as asked, one line per seed and a summary; a failing seed prints the command that replays it, and the run
 * goes on with the next seeds. Exit code 1 when any seed failed.
 *
 * Options (or environment): --seeds N (SOAK_SEEDS, default 20), --from S (SOAK_FROM: first seed, default a
 * random one, printed), --seed S (replay one seed), --devices N (default 10), --edits N per device (default
 * 1000), --store sqlite|postgres|both (default sqlite, both when TEST_DATABASE_URL is set).
 */
import 'fake-indexeddb/auto'
import { parseArgs } from 'node:util'
import { replayCommand, runSimulation, type SimOptions, type SimReport } from '../test/sim/simulation'

const { values } = parseArgs({
  options: {
    seeds: { type: 'string' },
    from: { type: 'string' },
    seed: { type: 'string' },
    devices: { type: 'string' },
    edits: { type: 'string' },
    store: { type: 'string' },
  },
})

const databaseUrl = process.env.TEST_DATABASE_URL
const count = values.seed ? 1 : Number(values.seeds ?? process.env.SOAK_SEEDS ?? 20)
const from = Number(values.seed ?? values.from ?? process.env.SOAK_FROM ?? Math.floor(Math.random() * 1_000_000))
const devices = Number(values.devices ?? 10)
const editsPerDevice = Number(values.edits ?? 1000)
const storeOption = values.store ?? (databaseUrl ? 'both' : 'sqlite')
const stores: SimOptions['store'][] = storeOption === 'both' ? ['sqlite', 'postgres'] : [storeOption as SimOptions['store']]
if (stores.includes('postgres') && !databaseUrl) {
  console.error('--store postgres needs TEST_DATABASE_URL (an admin URL: a database is created and dropped per seed)')
  process.exit(2)
}
if (![count, from, devices, editsPerDevice].every(Number.isInteger)) {
  console.error('--seeds, --from, --seed, --devices and --edits take integers')
  process.exit(2)
}

const summarise = (report: SimReport) => {
  const faults = Object.entries(report.faults).map(([kind, n]) => `${kind} ${n}`).join(', ')
  const refused = Object.entries(report.rejections).map(([reason, n]) => `${reason} ${n}`).join(', ') || 'none'
  return `${report.mutations} mutations, ${report.serverRows} rows, ${report.pushes} pushes (largest ${report.largestPush}), ${report.pulls} pulls; faults: ${faults}; ` +
    `refused: ${refused}; clamped clocks ${report.clampedClocks}; covers served ${report.servedCovers} (${report.clampedAdjusts} adjusts clamped); ` +
    `${report.acceptedTransitions} permit moves; settled in ${report.finalRounds} rounds`
}

console.log(`Soak: seeds ${from}..${from + count - 1} on ${stores.join(' and ')}, ${devices} phones × ${editsPerDevice} edits`)
const failures: string[] = []
const times: number[] = []
const started = performance.now()
for (let seed = from; seed < from + count; seed++) {
  for (const store of stores) {
    const options: SimOptions = { seed, devices, editsPerDevice, store, ...(store === 'postgres' && { databaseUrl }) }
    try {
      const report = await runSimulation(options)
      times.push(report.ms)
      console.log(`seed ${seed} ${store}: ok in ${(report.ms / 1000).toFixed(1)} s: ${summarise(report)}`)
    } catch (error) {
      failures.push(`seed ${seed} ${store}`)
      console.log(`seed ${seed} ${store}: FAILED\n${error instanceof Error ? error.message : String(error)}`)
      if (!(error instanceof Error && error.name === 'SimFailure')) console.log(`Replay: ${replayCommand(options)}`)
    }
  }
}
const total = (performance.now() - started) / 1000
const mean = times.length ? times.reduce((a, b) => a + b, 0) / times.length / 1000 : 0
console.log(`\nSoak summary: ${times.length} passed, ${failures.length} failed, in ${total.toFixed(0)} s (${mean.toFixed(1)} s per run)`)
if (failures.length > 0) console.log(`Failed: ${failures.join(', ')}`)
process.exit(failures.length > 0 ? 1 : 0)
