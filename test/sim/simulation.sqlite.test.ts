/** The sync simulation on SQLite: the full size once and 16 smaller seeds (simulationSuite.ts). */
import { describe } from 'vitest'
import { simulationSuite } from './simulationSuite'

describe('sync simulation on SQLite', () => {
  simulationSuite({ store: 'sqlite', firstSeed: 0, smallSeeds: 16 })
})
