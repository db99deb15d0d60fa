/**
 * THE device database: the only module that imports Dexie. It stores every record of every production the
 * phone holds (one table per entity, see core/model ENTITIES, keyed by [productionId+id] so that no row of one
 * production can ever replace another's), the photo bytes, the outbox of local changes not yet acknowledged by the
 * server, the acknowledged ones kept a few days (a server restored from a backup may have lost them), and per
 * production the device's sync state (clientId, next mutationId, HLC).
 * Guarantee: a record and the outbox entry describing its change commit in one transaction (writePath.ts).
 */
import Dexie, { liveQuery, type Table } from 'dexie'
import type { BaseRecord, EntityName } from '../../core/model'
import { ENTITY_TABLES, LEGACY_ENTITY_TABLES } from '../../core/model/tables'
import type { OutboxEntry } from '../../core/sync/mutations'
import { classifyStorageError } from './storageErrors'

/**
 * This device's change stream for one production: the server tracks lastMutationId per production and
 * client, so each production on the phone has its own clientId and gapless mutationIds.
 */
export interface ClientState {
  key: `client:${string}`
  productionId: string
  clientId: string
  nextMutationId: number
  hlc: string | null
}

export const clientStateKey = (productionId: string): ClientState['key'] => `client:${productionId}`

/** A production on this phone that syncs with a team server: the session and how far it has pulled. */
export interface TeamLink {
  productionId: string
  /** '' for the server the app is served from. */
  serverUrl: string
  token: string
  memberId: string
  sessionId: string
  role: string
  cursor: number
  lastSyncAt: string | null
  lastError: string | null
  /** Why the last blob upload pass failed (blobQueue.ts BlobUploadError); null or absent when it went through. */
  blobError?: string | null
  /** The server's epoch as last seen: a different one means its database was restored from a backup. */
  epoch?: string
  /** The production's recovery code, shown to the owner who shared it until they say it is kept somewhere safe. */
  recoveryCode?: string
  /**
   * Set when the server answered a reset: the production is pulled again from zero and what the server lost is sent
   * again (syncEngine.ts). Cleared once that is done.
   */
  recovering?: boolean
}

/**
 * An outbox entry the server has acknowledged, kept for SENT_RETENTION_DAYS: if the server's database is restored
 * from an older backup, these are sent again (each applies once: the server skips ids it already has).
 */
export interface SentEntry extends OutboxEntry {
  acknowledgedAt: string
}

/** A change of this device the server refused, kept for its author with the reason until restored or discarded. */
export interface StoredRejection {
  productionId: string
  mutationId: number
  name: string
  args: unknown
  reason: string
  details?: Record<string, string>
  createdAt: string
}

/**
 * Bytes of a photo, signature or document, addressed by SHA-256, stored once whatever the productions using them.
 * `pending` is 1 while some production of this phone still has to upload them (see BlobUpload), 0 once none has
 * (a number, not a boolean: IndexedDB cannot index booleans).
 */
export interface StoredBlob {
  sha256: string
  blob: Blob
  mime: string
  size: number
  createdAt: string
  productionId: string
  pending: 0 | 1
}

/**
 * Bytes one production must still upload to its team server. Per production, not per blob: the server keeps a
 * blob's bytes once but lets a production read only the blobs it was sent, so the same photo in two productions
 * (a décor imported from one into the other) goes up for each.
 */
export interface BlobUpload {
  productionId: string
  sha256: string
  createdAt: string
}

export const DB_NAME = 'regie'

/**
 * The record tables since v4. Indexes serve the lists and filters people use, always within one production; the
 * [productionId+deletedAt] index holds only tombstones (null is not indexed), so live counts need no record reads.
 * Décors and photos are also found by id alone: an imported archive's records already on the phone, in any production.
 */
const RECORD_STORES: Record<(typeof ENTITY_TABLES)[EntityName], string> = {
  production: '[productionId+id], productionId, updatedAt, [productionId+deletedAt]',
  shootDay: '[productionId+id], productionId, [productionId+date], [productionId+deletedAt]',
  location: '[productionId+id], productionId, id, [productionId+status], [productionId+scriptDecor], [productionId+deletedAt]',
  vehicle: '[productionId+id], productionId, [productionId+deletedAt]',
  placement: '[productionId+id], productionId, [productionId+shootDayId], [productionId+vehicleId], [productionId+deletedAt]',
  authority: '[productionId+id], productionId, [productionId+deletedAt]',
  permit: '[productionId+id], productionId, [productionId+status], [productionId+authorityId], [productionId+deletedAt]',
  meal: '[productionId+id], productionId, [productionId+shootDayId], [productionId+deletedAt]',
  rentalHouse: '[productionId+id], productionId, [productionId+deletedAt]',
  inventoryItem: '[productionId+id], productionId, [productionId+rentalHouseId], [productionId+condition], [productionId+deletedAt]',
  conditionReport: '[productionId+id], productionId, [productionId+locationId], [productionId+deletedAt]',
  photo: '[productionId+id], productionId, id, [productionId+ownerId], sha256, [productionId+deletedAt]',
}

export class RegieDatabase extends Dexie {
  outbox!: Table<OutboxEntry, [string, number]>
  meta!: Table<ClientState, string>
  blobs!: Table<StoredBlob, string>
  blobUploads!: Table<BlobUpload, [string, string]>
  teams!: Table<TeamLink, string>
  rejections!: Table<StoredRejection, [string, number]>
  sent!: Table<SentEntry, [string, number]>

  constructor(name = DB_NAME) {
    super(name)
    // Indexes serve the lists and filters people use: by production, then status, day, rental house...
    // [productionId+deletedAt] holds only tombstones (null is not indexed), so live counts need no record reads.
    this.version(1).stores({
      productions: 'id, productionId, updatedAt, [productionId+deletedAt]',
      shootDays: 'id, productionId, [productionId+date], [productionId+deletedAt]',
      locations: 'id, productionId, [productionId+status], [productionId+scriptDecor], [productionId+deletedAt]',
      vehicles: 'id, productionId, [productionId+deletedAt]',
      placements: 'id, productionId, [productionId+shootDayId], vehicleId, [productionId+deletedAt]',
      authorities: 'id, productionId, [productionId+deletedAt]',
      permits: 'id, productionId, [productionId+status], authorityId, [productionId+deletedAt]',
      meals: 'id, productionId, [productionId+shootDayId], [productionId+deletedAt]',
      rentalHouses: 'id, productionId, [productionId+deletedAt]',
      inventoryItems: 'id, productionId, [productionId+rentalHouseId], [productionId+condition], [productionId+deletedAt]',
      conditionReports: 'id, productionId, locationId, [productionId+deletedAt]',
      photos: 'id, productionId, ownerId, sha256, [productionId+deletedAt]',
      blobs: 'sha256',
      outbox: '[productionId+mutationId], productionId, mutationId, createdAt',
      meta: 'key',
      teams: 'productionId',
      rejections: '[productionId+mutationId], productionId',
    })
    // v2: blobs know their production and whether they still wait for upload (the upload queue's index).
    this.version(2).stores({ blobs: 'sha256, [productionId+pending]' }).upgrade(async (tx) => {
      await tx.table('blobs').toCollection().modify((blob: Partial<StoredBlob>) => {
        blob.productionId ??= ''
        blob.pending ??= 1
      })
    })
    // v3: the upload queue per production (BlobUpload); what was pending is queued for the production that made it.
    this.version(3).stores({ blobUploads: '[productionId+sha256], productionId, sha256' }).upgrade(async (tx) => {
      const waiting = (await tx.table('blobs').toArray()) as StoredBlob[]
      const uploads = waiting.filter((blob) => blob.pending === 1).map(({ productionId, sha256, createdAt }) => ({ productionId, sha256, createdAt }))
      await tx.table('blobUploads').bulkPut(uploads)
    })
    // v4: records keyed by [productionId+id] (a member of one production could otherwise replace another's rows on a
    // phone holding both), in tables named after their entity; every row is copied, nothing dropped yet. The
    // acknowledged changes kept for a restored server.
    this.version(4).stores({ ...RECORD_STORES, sent: '[productionId+mutationId], productionId, acknowledgedAt' }).upgrade(async (tx) => {
      for (const [entity, legacy] of Object.entries(LEGACY_ENTITY_TABLES)) {
        const rows = (await tx.table(legacy).toArray()) as BaseRecord[]
        // A row without a production (none is written so) is kept under '' rather than lost.
        await tx.table(ENTITY_TABLES[entity as EntityName]).bulkPut(rows.map((row) => ({ ...row, productionId: row.productionId ?? '' })))
      }
    })
    // v5: the old tables go once their rows are copied.
    this.version(5).stores(Object.fromEntries(Object.values(LEGACY_ENTITY_TABLES).map((legacy) => [legacy, null])))
  }

  records<T extends BaseRecord = BaseRecord>(entity: EntityName): Table<T, [string, string]> {
    return this.table(ENTITY_TABLES[entity])
  }
}

export const db = new RegieDatabase()

export { liveQuery, Dexie }

/**
 * Reports an open failure or an upgrade blocked by another tab. When a newer version of the app opens the
 * database elsewhere, this tab closes its connection so the upgrade can proceed, and says so.
 */
export function onDatabaseTrouble(report: (kind: 'blocked' | 'quota' | 'unknown') => void, database: RegieDatabase = db) {
  database.on('blocked', () => report('blocked'))
  database.on('versionchange', () => {
    database.close()
    report('blocked')
    return false
  })
  database.open().catch((error: unknown) => {
    report(classifyStorageError(error).kind === 'quota' ? 'quota' : 'blocked')
  })
}
