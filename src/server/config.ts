/** Server settings, read once from the environment so the rest of the server receives plain values. */
import path from 'node:path'
import type { MapConfig } from '../core/model/mapConfig'
import { readMapConfig } from './mapConfig'

export interface ServerConfig {
  port: number
  host: string
  /** Absolute directory for the SQLite file. */
  dataDir: string
  /** Absolute directory of photo, signature and document bytes: BLOB_DIR, else <dataDir>/blobs. */
  blobDir: string
  /** A postgres:// URL switches storage to PostgreSQL; undefined means SQLite in dataDir. */
  databaseUrl: string | undefined
  /** Absolute directory of the built PWA (`vite build` output). */
  distDir: string
  logLevel: string
  /** Base maps and geocoder handed to the app: MAP_CONFIG, <dataDir>/map-config.json or the built-in ones (mapConfig.ts). */
  mapConfig: MapConfig
  /**
   * PUBLIC_URL: the address phones reach this server at (https://regie.example.org, http://192.168.1.20:8080).
   * Invite links and their QR codes use it; without it the app uses the address the inviter opened.
   */
  publicUrl: string | undefined
  /**
   * REGIE_ACCESS_CODE: the code a request must carry to create a production on this server. Unset, `npm start`
   * makes one on first start and keeps it in <dataDir>/access-code (accessCode.ts).
   */
  accessCode: string | undefined
  /**
   * TRUST_PROXY: behind a reverse proxy, which proxies to believe for the client's address (X-Forwarded-For) and
   * for https (X-Forwarded-Proto): the proxies' addresses or CIDR ranges (or `loopback`), or `true` for any. Unset: none.
   */
  trustProxy: boolean | string[]
  limits: ServerLimits
}

/** Quotas and delays, each changed by the environment variable named beside its default (README, "Security"). */
export interface ServerLimits {
  /** REGIE_MAX_RECORDS: records per production, live and in the trash. */
  recordsPerProduction: number
  /** REGIE_MAX_BLOB_MB: photo, signature and document bytes per production. */
  blobBytesPerProduction: number
  /** REGIE_MAX_RECORD_KB: the JSON text of one record, unknown fields included. */
  recordBytes: number
  /** REGIE_SESSION_IDLE_DAYS: a device session unused this long is refused (phones spend weeks offline). */
  sessionIdleDays: number
  /** REGIE_TRASH_DAYS: deleted records stay restorable this long, then their data is purged. */
  trashDays: number
  /** REGIE_BLOB_GRACE_DAYS: a blob no record of its production has named for this long is collected. */
  blobGraceDays: number
}

export const DEFAULT_LIMITS: ServerLimits = {
  recordsPerProduction: 200_000,
  blobBytesPerProduction: 10 * 1024 * 1024 * 1024,
  recordBytes: 128 * 1024,
  sessionIdleDays: 180,
  trashDays: 30,
  blobGraceDays: 7,
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const dataDir = path.resolve(env.DATA_DIR || 'data')
  return {
    port: readPort(env.PORT),
    host: env.HOST || '0.0.0.0',
    dataDir,
    blobDir: path.resolve(env.BLOB_DIR || path.join(dataDir, 'blobs')),
    databaseUrl: readDatabaseUrl(env.DATABASE_URL),
    distDir: path.resolve(env.DIST_DIR || 'dist'),
    // Quiet by default: the start line and errors are what someone running it on set needs to see.
    logLevel: env.LOG_LEVEL || 'warn',
    mapConfig: readMapConfig(env, dataDir),
    publicUrl: readPublicUrl(env.PUBLIC_URL),
    accessCode: readAccessCode(env.REGIE_ACCESS_CODE),
    trustProxy: readTrustProxy(env.TRUST_PROXY),
    limits: readLimits(env),
  }
}

/** An access code people can type: 12 to 128 letters, digits, dashes or underscores. */
export const ACCESS_CODE = /^[A-Za-z0-9_-]{12,128}$/

function readAccessCode(value: string | undefined): string | undefined {
  if (!value) return undefined
  const code = value.trim()
  if (!ACCESS_CODE.test(code)) throw new Error('REGIE_ACCESS_CODE must be 12 to 128 letters, digits, - or _')
  return code
}

export function readTrustProxy(value: string | undefined): boolean | string[] {
  const text = (value ?? '').trim()
  if (!text || text === 'false') return false
  if (text === 'true') return true
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean)
  for (const entry of entries) {
    if (!/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(entry) && !['loopback', 'linklocal', 'uniquelocal'].includes(entry)) {
      throw new Error(`TRUST_PROXY must be true, or the proxies' addresses / CIDR ranges separated by commas, got "${entry}"`)
    }
  }
  return entries
}

function readLimits(env: NodeJS.ProcessEnv): ServerLimits {
  /** The variable's value in `unit`s (its default when unset), as a whole number. */
  const read = (name: string, fallback: number, unit = 1) => {
    const text = env[name]
    const value = text ? Number(text) : fallback / unit
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${text}"`)
    return Math.round(value * unit)
  }
  const MB = 1024 * 1024
  return {
    recordsPerProduction: read('REGIE_MAX_RECORDS', DEFAULT_LIMITS.recordsPerProduction),
    blobBytesPerProduction: read('REGIE_MAX_BLOB_MB', DEFAULT_LIMITS.blobBytesPerProduction, MB),
    recordBytes: read('REGIE_MAX_RECORD_KB', DEFAULT_LIMITS.recordBytes, 1024),
    sessionIdleDays: read('REGIE_SESSION_IDLE_DAYS', DEFAULT_LIMITS.sessionIdleDays),
    trashDays: read('REGIE_TRASH_DAYS', DEFAULT_LIMITS.trashDays),
    blobGraceDays: read('REGIE_BLOB_GRACE_DAYS', DEFAULT_LIMITS.blobGraceDays),
  }
}

function readPort(value: string | undefined): number {
  if (!value) return 8080
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${value}"`)
  }
  return port
}

function readPublicUrl(value: string | undefined): string | undefined {
  if (!value) return undefined
  const match = /^(https?:\/\/[^/?#\s]+)(\/[^?#\s]*)?$/i.exec(value.trim())
  if (!match) throw new Error(`PUBLIC_URL must be an http(s) address such as https://regie.example.org, got "${value}"`)
  return `${match[1]}${(match[2] ?? '').replace(/\/+$/, '')}`
}

function readDatabaseUrl(value: string | undefined): string | undefined {
  if (!value) return undefined
  if (!/^postgres(ql)?:\/\//.test(value)) {
    throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL (leave it unset to use SQLite)')
  }
  return value
}
