/** Tests: fresh device databases (fake-indexeddb), closed and deleted after each test. */
import { afterEach } from 'vitest'
import { Dexie, RegieDatabase } from './db'

export function useTestDatabases(): () => RegieDatabase {
  const opened: RegieDatabase[] = []
  afterEach(async () => {
    for (const database of opened.splice(0)) {
      database.close()
      await Dexie.delete(database.name)
    }
  })
  return () => {
    const database = new RegieDatabase(`test-${Math.random().toString(36).slice(2)}-${Date.now()}`)
    opened.push(database)
    return database
  }
}
