import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BlobRefused, createDiskBlobStore, type DiskBlobStore } from './diskBlobStore'

const png = (size = 2048) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(size - 8)])
const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
const limits = { mime: 'image/png' as const, maxBytes: 10_000 }

async function* chunksOf(bytes: Buffer, size = 500) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size)
}

describe('disk blob store', () => {
  let dir: string
  let store: DiskBlobStore
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'regie-blobstore-'))
    store = createDiskBlobStore(dir)
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  const leftovers = () => fs.readdirSync(path.join(dir, 'tmp'))

  it('writes verified bytes to ab/cd/<sha256> and reports a second copy as already stored', async () => {
    const bytes = png()
    const sha256 = sha256Of(bytes)
    expect(await store.sizeOf(sha256)).toBeNull()
    expect(await store.write(sha256, chunksOf(bytes), limits)).toEqual({ size: bytes.length, alreadyStored: false })
    expect(fs.readFileSync(path.join(dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256)).equals(bytes)).toBe(true)
    expect(await store.write(sha256, chunksOf(bytes), limits)).toEqual({ size: bytes.length, alreadyStored: true })
    expect(await store.sizeOf(sha256)).toBe(bytes.length)
    expect(leftovers()).toEqual([])
  })

  it('refuses a hash mismatch, an oversized body and a wrong type, leaving no file', async () => {
    const bytes = png()
    const refusal = (promise: Promise<unknown>) => promise.then(() => 'stored', (error: unknown) => (error instanceof BlobRefused ? error.reason : String(error)))
    expect(await refusal(store.write(sha256Of(png()), chunksOf(bytes), limits))).toBe('hash_mismatch')
    const big = png(10_001)
    expect(await refusal(store.write(sha256Of(big), chunksOf(big), limits))).toBe('too_large')
    expect(await refusal(store.write(sha256Of(bytes), chunksOf(bytes), { ...limits, mime: 'image/jpeg' }))).toBe('type_mismatch')
    expect(await store.sizeOf(sha256Of(bytes))).toBeNull()
    expect(leftovers()).toEqual([])
  })

  it('drops the temp file of an upload cut off half way', async () => {
    const bytes = png()
    async function* cutOff() {
      yield bytes.subarray(0, 1000)
      throw new Error('connection reset')
    }
    await expect(store.write(sha256Of(bytes), cutOff(), limits)).rejects.toThrow('connection reset')
    expect(leftovers()).toEqual([])
    expect(await store.sizeOf(sha256Of(bytes))).toBeNull()
  })

  it('turns no other string into a path', async () => {
    await expect(store.sizeOf('../../regie.sqlite')).rejects.toThrow('Not a SHA-256')
    expect(() => store.read(`${'a'.repeat(62)}/.`)).toThrow('Not a SHA-256')
  })
})
