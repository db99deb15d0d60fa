/**
 * Row types of the server database, as kysely sees them after the latest migration.
 * Integers (including bigint columns) are read as JavaScript numbers on both SQLite and PostgreSQL
 * (db.ts installs an int8 parser for pg); sequence numbers stay far below 2^53.
 */
import type { ColumnType, Generated } from 'kysely'

export interface ProductionTable {
  id: string
  name: string
  /** Per-production change counter: the pull cursor. Bumped inside every push transaction. */
  seq: Generated<number>
  created_at: string
  /** 'exercise' productions let trainees write everywhere (scouting exercises). */
  kind: Generated<string>
  /** SHA-256 of the recovery code shown once at creation; null for productions made before recovery codes. */
  recovery_hash: NullableOnInsert
  /** Entity rows holding data (live and in the trash): what the records quota counts. Kept by every push and purge. */
  record_count: Generated<number>
}

/** Server-wide settings: `epoch`, made with the database and changed when it is restored from a backup. */
export interface ServerMetaTable {
  key: string
  value: string
}

export interface MutationLogTable {
  production_id: string
  client_id: string
  mutation_id: number
  name: string
  /** JSON text of the mutation arguments, as received. */
  args: string
  hlc: string
  status: string
  error: string | null
  received_at: string
  /** The record the mutation touched (null when its name or arguments could not be read): the history's index. */
  entity: NullableOnInsert
  record_id: NullableOnInsert
  /** The clock the merge used (the sent one, clamped); equal to a field's clock in `entities.clocks` while its value stands. */
  merge_hlc: NullableOnInsert
}

/** A nullable text column that inserts may leave out. */
type NullableOnInsert = ColumnType<string | null, string | null | undefined, string | null>

export interface ClientTable {
  production_id: string
  client_id: string
  last_mutation_id: Generated<number>
  /** The member whose session first pushed with this clientId; nobody else may push as it. */
  member_id: string | null
}

export interface EntityTable {
  production_id: string
  entity: string
  id: string
  /** JSON text of the record. */
  data: string
  seq: number
  /** 1 for a tombstone, 0 otherwise (an integer so SQLite and PostgreSQL agree). */
  deleted: Generated<number>
  updated_at: string
  /** JSON text: per field, the HLC of the write that set its value (last-writer-wins). */
  clocks: Generated<string>
  created_by: string | null
  /** When the row became a tombstone (null while live): the trash keeps it restorable for `limits.trashDays`. */
  deleted_at: NullableOnInsert
  /** 1 once a tombstone's data has been purged after the trash delay: then it can no longer be restored. */
  purged: Generated<number>
}

export interface MemberTable {
  production_id: string
  id: string
  display_name: string
  role: string
  created_at: string
  revoked_at: string | null
}

export interface SessionTable {
  /** SHA-256 of the bearer token; the token itself is never stored. */
  token_hash: string
  id: string
  production_id: string
  member_id: string
  label: string
  created_at: string
  last_seen_at: string
  revoked_at: string | null
  /** A rotated session: the id of the session it replaces, revoked when this one's token is first used. */
  replaces: NullableOnInsert
}

export interface InviteTable {
  code_hash: string
  /** What lists and revocations name the invite by: the code's hash is never shown. */
  id: string
  /** How many people may join with it (1 unless made for a crew), and how many did. */
  max_uses: number
  uses: Generated<number>
  /** A device link: the member whose other device it signs in (null: an invite of a new person). */
  member_id: NullableOnInsert
  production_id: string
  role: string
  created_by: string
  created_at: string
  expires_at: string
  revoked_at: string | null
}

/** A production's right to read one blob; the bytes themselves are stored once, under their SHA-256. */
export interface BlobRefTable {
  production_id: string
  sha256: string
  size: number
  /** The Content-Type the production uploaded it with, served back on GET. */
  mime: string
  created_at: string
  /** The member whose upload created this reference. */
  created_by: string
  /** When the blob collector last found a record of the production naming it (null: not yet looked). */
  last_referenced_at: NullableOnInsert
}

/** Bytes on disk that no production references, since when (the collector deletes them on a later pass). */
export interface BlobOrphanTable {
  sha256: string
  since: string
}

export interface Database {
  productions: ProductionTable
  mutation_log: MutationLogTable
  clients: ClientTable
  entities: EntityTable
  members: MemberTable
  sessions: SessionTable
  invites: InviteTable
  blob_refs: BlobRefTable
  server_meta: ServerMetaTable
  blob_orphans: BlobOrphanTable
}
