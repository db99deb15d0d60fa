/** The sync simulation on PostgreSQL: the full size once and 3 smaller seeds, other seeds than SQLite's (simulationSuite.ts). */
import { describe } from 'vitest'
import { simulationSuite } from './simulationSuite'

const databaseUrl = process.env.TEST_DATABASE_URL

describe.skipIf(!databaseUrl)('sync simulation on PostgreSQL', () => {
  simulationSuite({ store: 'postgres', databaseUrl, firstSeed: 100, smallSeeds: 3 })
})
