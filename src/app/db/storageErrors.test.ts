import { describe, expect, it } from 'vitest'
import { classifyStorageError, StorageFailure } from './storageErrors'

describe('classifyStorageError', () => {
  it('recognises a full device, also when Dexie wraps the DOMException', () => {
    expect(classifyStorageError(new DOMException('full', 'QuotaExceededError')).kind).toBe('quota')
    expect(classifyStorageError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } }).kind).toBe('quota')
  })

  it('recognises a blocked or closed database', () => {
    expect(classifyStorageError({ name: 'DatabaseClosedError' }).kind).toBe('blocked')
    expect(classifyStorageError({ name: 'OpenFailedError', inner: { name: 'VersionError' } }).kind).toBe('blocked')
  })

  it('keeps other failures as unknown, and an already classified failure as it is', () => {
    expect(classifyStorageError(new Error('boom')).kind).toBe('unknown')
    const failure = new StorageFailure('quota', null)
    expect(classifyStorageError(failure)).toBe(failure)
  })
})
