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
