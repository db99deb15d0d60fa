/**
 * Copies the authorities catalogue (core/rules/authorityCatalogue) into a production. Guarantees: the missing
 * entries are read and created in one transaction with their outbox entries, all or none; an entry whose
 * record exists, even deleted, is never created again (its id is derived from the production and the entry),
 * so a removed authority stays removed and two phones adding the catalogue offline make one record each.
 */
import type { Observable } from 'dexie'
import { AuthorityInputSchema, validate, type Authority, type BaseRecord } from '../../core/model'
import {
  catalogueAuthorityId, catalogueAuthorityInput, missingCatalogueEntries, type CatalogueAuthority,
} from '../../core/rules/authorityCatalogue'
import { db, liveQuery, type RegieDatabase } from './db'
import { writeFailure } from './storageErrors'
import { commitChanges, writeTables, type LocalChange } from './writePath'

const authorities = (database: RegieDatabase) => database.records<Authority>('authority')

/** Every authority record of the production, tombstones included: a deleted catalogue entry counts as there. */
async function missing(productionId: string, database: RegieDatabase): Promise<CatalogueAuthority[]> {
  const rows = await authorities(database).where('productionId').equals(productionId).toArray()
  // A deleted authority still blocks its own id, but its name no longer stands for the entry.
  const recognisable = rows.map((row) => (row.deletedAt ? { ...row, name: '' } : row))
  return missingCatalogueEntries(productionId, recognisable)
}

export function liveMissingCatalogue(productionId: string, database: RegieDatabase = db): Observable<CatalogueAuthority[]> {
  return liveQuery(() => missing(productionId, database))
}

/** Creates the catalogue entries the production lacks; returns how many were added (0 when none was missing). */
export async function addMissingCatalogue(productionId: string, database: RegieDatabase = db): Promise<number> {
  try {
    return await database.transaction('rw', [authorities(database), ...writeTables(database)], async () => {
      const changes: LocalChange[] = (await missing(productionId, database)).map((entry) => {
        const checked = validate(AuthorityInputSchema, catalogueAuthorityInput(entry))
        if (!checked.ok) throw new Error(`Catalogue authority ${entry.key} is invalid: ${JSON.stringify(checked.errors)}`)
        const record = { ...checked.value, id: catalogueAuthorityId(productionId, entry.key), productionId } as unknown as BaseRecord
        return { op: 'create', entity: 'authority', record }
      })
      if (changes.length > 0) await commitChanges(changes, database)
      return changes.length
    })
  } catch (error) {
    throw writeFailure(error)
  }
}
