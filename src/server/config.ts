/** Server settings, read once from the environment so the rest of the server receives plain values. */
import path from 'node:path'

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
  /** Origins of the map tile servers the app may use (service worker caching, area downloads): CSP connect-src and img-src. */
  tileOrigins: string[]
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
    tileOrigins: readTileOrigins(env),
    publicUrl: readPublicUrl(env.PUBLIC_URL),
  }
}

/**
 * OpenStreetMap's tile server, which the app offers (src/app/map/tileSources.ts; the server never imports app code,
 * so it is written here too), plus TILE_ORIGINS (comma-separated) and the origin of VITE_TILE_URL when the build and
 * the server share their environment. The app's own demo tiles are same-origin and need nothing.
 */
export const DEFAULT_TILE_ORIGINS = ['https://tile.openstreetmap.org']

export function readTileOrigins(env: NodeJS.ProcessEnv = process.env): string[] {
  const listed = (env.TILE_ORIGINS ?? '').split(',').map((entry) => entry.trim()).filter(Boolean)
  const fromTemplate = env.VITE_TILE_URL && /^https?:\/\//.test(env.VITE_TILE_URL) ? [env.VITE_TILE_URL] : []
  return [...new Set([...DEFAULT_TILE_ORIGINS, ...listed, ...fromTemplate].map(tileOrigin))]
}

/** `https://{s}.tile.example.org/{z}/{x}/{y}.png` → `https://*.tile.example.org` (every subdomain the template uses). */
function tileOrigin(entry: string): string {
  const match = /^(https?):\/\/(\{s\}\.)?([a-z0-9.-]+(:\d+)?)(\/|$)/i.exec(entry)
  if (!match) throw new Error(`TILE_ORIGINS must list http(s) origins such as https://tiles.example.org, got "${entry}"`)
  const [, scheme, subdomains, host] = match
  return `${scheme!.toLowerCase()}://${subdomains ? '*.' : ''}${host!.toLowerCase()}`
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
