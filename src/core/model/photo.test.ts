import { describe, expect, it } from 'vitest'
import { PhotoSchema } from './photo'
import { validate } from './validate'

const photo = {
  id: 'ph-1', productionId: 'prod-1', createdAt: '2025-03-01T08:00:00Z', updatedAt: '2025-03-01T08:00:00Z',
  ownerId: 'loc-1', ownerEntity: 'location', sha256: '0123456789abcdef'.repeat(4), mime: 'image/webp', size: 2048,
}

describe('photo', () => {
  it('is addressed by a lower-case SHA-256', () => {
    expect(validate(PhotoSchema, photo).ok).toBe(true)
    expect(validate(PhotoSchema, { ...photo, sha256: photo.sha256.toUpperCase() })).toEqual({ ok: false, errors: { sha256: 'validation.sha256' } })
    expect(validate(PhotoSchema, { ...photo, sha256: 'abc' })).toEqual({ ok: false, errors: { sha256: 'validation.sha256' } })
  })

  it('accepts images only, up to 20 MB', () => {
    expect(validate(PhotoSchema, { ...photo, mime: 'application/pdf' })).toEqual({ ok: false, errors: { mime: 'validation.imageType' } })
    expect(validate(PhotoSchema, { ...photo, size: 20_000_001 })).toEqual({ ok: false, errors: { size: 'validation.tooLarge' } })
  })

  it('keeps where the photo was taken, inside the world', () => {
    expect(validate(PhotoSchema, { ...photo, lat: 48.85, lng: 2.35, heading: 90 }).ok).toBe(true)
    expect(validate(PhotoSchema, { ...photo, lat: 95 })).toEqual({ ok: false, errors: { lat: 'validation.latitude' } })
  })
})
