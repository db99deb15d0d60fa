/**
 * The server access code: what a request must carry (header X-Regie-Access-Code) to create a production here, so a
 * stranger who reaches the server cannot open productions and fill its disk. REGIE_ACCESS_CODE sets it; otherwise the
 * first start makes one and keeps it in <DATA_DIR>/access-code (readable by the server's user only), and every later
 * start reads it back. Several processes on one PostgreSQL must share REGIE_ACCESS_CODE.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { readableCode } from './auth'
import { ACCESS_CODE } from './config'

export const ACCESS_CODE_HEADER = 'x-regie-access-code'
export const ACCESS_CODE_FILE = 'access-code'

export interface ResolvedAccessCode {
  code: string
  /** Where it comes from: the environment, the file (read back), or the file just made. */
  source: 'environment' | 'file' | 'created'
  /** The file that keeps it, when it comes from one. */
  file?: string
}

/** Four groups of five (about 99 bits): long enough that guessing at the rate limit is hopeless. */
export const newAccessCode = () => readableCode(4)

export function resolveAccessCode(fromEnvironment: string | undefined, dataDir: string): ResolvedAccessCode {
  if (fromEnvironment) return { code: fromEnvironment, source: 'environment' }
  const file = path.join(dataDir, ACCESS_CODE_FILE)
  if (fs.existsSync(file)) {
    const code = fs.readFileSync(file, 'utf8').trim()
    if (!ACCESS_CODE.test(code)) throw new Error(`${file} does not hold a valid access code: delete it to make a new one, or set REGIE_ACCESS_CODE`)
    return { code, source: 'file', file }
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const code = newAccessCode()
  // 'wx': two servers starting on one directory never overwrite each other's code.
  fs.writeFileSync(file, `${code}\n`, { mode: 0o600, flag: 'wx' })
  return { code, source: 'created', file }
}

/** Spaces and case do not matter (a code read aloud or typed on a phone); the comparison takes the same time whatever the guess. */
export function accessCodeMatches(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false
  const digest = (code: string) => createHash('sha256').update(code.replace(/\s+/g, '').toUpperCase()).digest()
  return timingSafeEqual(digest(expected), digest(given))
}
