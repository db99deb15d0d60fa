/**
 * Blob bytes in a directory, addressed by SHA-256: <dir>/ab/cd/<sha256> (DESIGN.md section 4).
 * Guarantee: a file at its final path is complete and its bytes hash to its name. An upload streams into a
 * private temp file under <dir>/tmp while it is hashed, counted and its first bytes checked; only a verified
 * file is fsynced and renamed into place (rename is atomic on one file system), and the directory entry is
 * fsynced too, so an acknowledged blob survives a power cut. Refused or interrupted uploads leave nothing behind.
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { SHA256_HEX, type BlobMime } from '../../core/sync/blobRules'
import { SIGNATURE_BYTES, startsLike } from './magicBytes'

/** `over_quota`: verified bytes that do not fit in the room the caller said was left (nothing is kept of them). */
export type BlobRefusal = 'hash_mismatch' | 'too_large' | 'type_mismatch' | 'over_quota'

export class BlobRefused extends Error {
  constructor(readonly reason: BlobRefusal) {
    super(reason)
    this.name = 'BlobRefused'
  }
}

export interface WrittenBlob {
  size: number
  /** True when verified bytes were already on disk (another production's upload): the temp copy was dropped. */
  alreadyStored: boolean
}

export interface DiskBlobStore {
  readonly dir: string
  /** Size of the stored file, or null when it is not on disk. */
  sizeOf(sha256: string): Promise<number | null>
  /** Streams `body` to disk under `sha256`; throws BlobRefused when the bytes do not match the address, type or limit. */
  write(sha256: string, body: AsyncIterable<Uint8Array>, expected: { mime: BlobMime; maxBytes: number; roomBytes?: number }): Promise<WrittenBlob>
  read(sha256: string): fs.ReadStream
  /** Deletes the bytes (the collector, once no production references them); nothing when already gone. */
  remove(sha256: string): Promise<void>
}

export function createDiskBlobStore(dir: string): DiskBlobStore {
  const tmpDir = path.join(dir, 'tmp')

  function pathOf(sha256: string): string {
    // The routes check this already; checked again here because this is where a bad name would become a path.
    if (!SHA256_HEX.test(sha256)) throw new Error(`Not a SHA-256 blob address: ${JSON.stringify(sha256.slice(0, 80))}`)
    return path.join(dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256)
  }

  async function sizeOf(sha256: string): Promise<number | null> {
    try {
      return (await fsp.stat(pathOf(sha256))).size
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }

  async function write(sha256: string, body: AsyncIterable<Uint8Array>, expected: { mime: BlobMime; maxBytes: number; roomBytes?: number }): Promise<WrittenBlob> {
    const finalPath = pathOf(sha256)
    await fsp.mkdir(tmpDir, { recursive: true, mode: 0o700 })
    // A name of its own per upload: two devices sending the same photo at once never share a temp file.
    const tempPath = path.join(tmpDir, `${sha256}.${randomBytes(8).toString('hex')}.part`)
    const handle = await fsp.open(tempPath, 'wx', 0o600)
    let open = true
    let renamed = false
    try {
      const hash = createHash('sha256')
      let size = 0
      let head = Buffer.alloc(0)
      for await (const chunk of body) {
        size += chunk.byteLength
        if (size > expected.maxBytes) throw new BlobRefused('too_large')
        if (head.length < SIGNATURE_BYTES) head = Buffer.concat([head, chunk.subarray(0, SIGNATURE_BYTES - head.length)])
        hash.update(chunk)
        await handle.write(chunk)
      }
      // The whole body is hashed even when the file is already on disk: only someone holding the bytes gets a reference.
      if (hash.digest('hex') !== sha256) throw new BlobRefused('hash_mismatch')
      if (!startsLike(head, expected.mime)) throw new BlobRefused('type_mismatch')
      if (expected.roomBytes !== undefined && size > expected.roomBytes) throw new BlobRefused('over_quota')
      if ((await sizeOf(sha256)) === size) return { size, alreadyStored: true }

      await handle.sync()
      await handle.close()
      open = false
      await fsp.mkdir(path.dirname(finalPath), { recursive: true, mode: 0o700 })
      // Replacing an existing file is safe: what replaces it was just verified against the same hash.
      await fsp.rename(tempPath, finalPath)
      renamed = true
      await syncDirectory(path.dirname(finalPath))
      return { size, alreadyStored: false }
    } finally {
      if (open) await handle.close().catch(() => undefined)
      if (!renamed) await fsp.rm(tempPath, { force: true })
    }
  }

  async function remove(sha256: string): Promise<void> {
    await fsp.rm(pathOf(sha256), { force: true })
  }

  return { dir, sizeOf, write, read: (sha256) => fs.createReadStream(pathOf(sha256)), remove }
}

/** Makes a rename durable. Some platforms cannot open a directory for fsync; there the rename is as durable as it gets. */
async function syncDirectory(directory: string): Promise<void> {
  let handle: fsp.FileHandle | undefined
  try {
    handle = await fsp.open(directory, 'r')
    await handle.sync()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw error
  } finally {
    await handle?.close()
  }
}
