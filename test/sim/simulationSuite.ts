/**
 * The sync simulation as CI runs it (simulation.ts says what each run proves): 10 phones × 1,000 offline edits
 * with every fault, then smaller seeds so that CI covers more interleavings of the same faults. Seeds are fixed
 * (SIM_SEED_BASE moves them) so CI stays deterministic; `npm run test:soak -- --seeds N` explores new ones.
 * Each failure prints its seed and the command that replays it.
 */
import { expect, it } from 'vitest'
import { runSimulation, type SimOptions, type SimReport } from './simulation'

const base = Number(process.env.SIM_SEED_BASE ?? 1)

async function simulate(options: SimOptions): Promise<SimReport> {
  const report = await runSimulation(options)
  // A run that wrote, synced and faulted as designed: the checks inside it had something to check.
  expect(report.mutations).toBeGreaterThanOrEqual(options.devices * options.editsPerDevice)
  expect(report.faults.dropReply! + report.faults.duplicate! + report.faults.heldDelivered!).toBeGreaterThan(0)
  return report
}

/** `firstSeed` offsets this database's seeds from the other's, so the two together cover distinct seeds. */
export function simulationSuite(options: { store: SimOptions['store']; databaseUrl?: string; firstSeed: number; smallSeeds: number }) {
  const { store, databaseUrl, smallSeeds } = options
  const firstSeed = base + options.firstSeed

  it(`10 phones × 1,000 offline edits with dropped, duplicated and late requests, restarts and skewed clocks (seed ${firstSeed})`, async () => {
    const report = await simulate({ seed: firstSeed, devices: 10, editsPerDevice: 1000, store, databaseUrl })
    expect(report.faults.serverRestart).toBeGreaterThan(0)
    expect(report.clampedClocks).toBeGreaterThan(0)
    expect(report.servedCovers).toBeGreaterThan(0)
    expect(report.acceptedTransitions).toBeGreaterThan(0)
  }, 600_000)

  it(`${smallSeeds} more seeds, 5 phones × 120 edits each (seeds ${firstSeed + 1}-${firstSeed + smallSeeds})`, async () => {
    for (let i = 1; i <= smallSeeds; i++) await simulate({ seed: firstSeed + i, devices: 5, editsPerDevice: 120, store, databaseUrl })
  }, 600_000)
}
