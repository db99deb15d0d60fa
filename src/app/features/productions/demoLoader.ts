/** Loads the demo production (a Paris feature built from DOMAIN.md) through the write path, in one transaction. */
import { createRecords } from '../../db/repository'

/** Starts the demo shoot on the Monday two weeks from today, so deadlines and countdowns look alive. */
export function demoStartDate(today = new Date()): string {
  const start = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate() + 14))
  const daysToMonday = (8 - start.getUTCDay()) % 7
  start.setUTCDate(start.getUTCDate() + daysToMonday)
  return start.toISOString().slice(0, 10)
}

export async function loadDemoProduction(): Promise<string> {
  // The demo data is a large module: fetched only when asked for, so it stays out of the first route.
  const { buildDemoProduction } = await import('../../../core/demo/demoProduction')
  const { production, records } = buildDemoProduction({ startDate: demoStartDate() })
  const result = await createRecords([{ entity: 'production', record: production }, ...records])
  if (!result.ok) throw new Error(`Demo ${result.entity} invalid: ${JSON.stringify(result.errors)}`)
  return String(production.id)
}
