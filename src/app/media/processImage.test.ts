import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { digestSha256 } from '../../core/media/digest'
import { buildTiff, exifSegment, photoTiff, withSegment } from '../../core/media/exifBuilder'
import { ImageRefusal, localDateTime, processImage, type ImageRefusalKind } from './processImage'

// happy-dom has no image decoder, canvas or worker: decoding is stubbed, so these tests check what processImage
// decides (refusals, size, metadata, hash), on the main-thread path. The real decoding runs in Chromium
// (scripts/make-photo-fixtures.ts checks the fixtures there).
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0, 0, 0xff, 0xda, 0x00, 0x02, 0xff, 0xd9])
const encoded = new Blob(['encoded jpeg'], { type: 'image/jpeg' })
const drawImage = vi.fn()

beforeEach(() => {
  vi.stubGlobal('createImageBitmap', vi.fn(async () => ({ width: 3024, height: 4032, close: vi.fn() })))
  const context = { fillRect: vi.fn(), drawImage, fillStyle: '', imageSmoothingQuality: 'low' }
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(context as unknown as CanvasRenderingContext2D)
  vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation((callback) => callback(encoded))
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
  drawImage.mockClear()
})

async function refusalOf(file: File): Promise<ImageRefusalKind | 'accepted'> {
  try {
    await processImage(file)
    return 'accepted'
  } catch (error) {
    expect(error).toBeInstanceOf(ImageRefusal)
    expect((error as ImageRefusal).fileName).toBe(file.name)
    return (error as ImageRefusal).kind
  }
}

describe('processImage', () => {
  it('refuses before decoding: too large (without reading it), empty, not an image, formats it cannot decode', async () => {
    const huge = new File([JPEG], 'rush.jpg', { type: 'image/jpeg' })
    Object.defineProperty(huge, 'size', { value: 40 * 1024 * 1024 + 1 })
    huge.slice = () => {
      throw new Error('read a file refused for its size')
    }
    expect(await refusalOf(huge)).toBe('tooLarge')
    expect(await refusalOf(new File([], 'vide.jpg', { type: 'image/jpeg' }))).toBe('unreadable')
    expect(await refusalOf(new File(['Bonjour'], 'notes.jpg', { type: 'text/plain' }))).toBe('notImage')
    expect(await refusalOf(new File(['GIF89a...'], 'anim.gif', { type: 'image/gif' }))).toBe('unsupported')
    const heic = Uint8Array.from([0, 0, 0, 0x18, ...Array.from('ftypheic', (char) => char.charCodeAt(0)), 0, 0, 0, 0])
    expect(await refusalOf(new File([heic], 'IMG_0001.HEIC', { type: '' }))).toBe('unsupported')
    expect(createImageBitmap).not.toHaveBeenCalled()
  })

  it('shrinks to 2048 px on the long edge, upright, and keeps when, where and which way from the EXIF', async () => {
    const exif = photoTiff({ dateTimeOriginal: '2025:03:14 07:45:09', lat: 45.764, lng: 4.8357, heading: 300, orientation: 6 })
    const file = new File([withSegment(JPEG, exifSegment(buildTiff(exif)))], 'IMG_2025.jpg', { type: 'image/jpeg' })
    const result = await processImage(file)
    expect(createImageBitmap).toHaveBeenCalledWith(file, { imageOrientation: 'from-image' })
    expect(drawImage).toHaveBeenCalledWith(expect.anything(), 0, 0, 1536, 2048)
    expect(result).toMatchObject({ blob: encoded, mime: 'image/jpeg', size: encoded.size, width: 1536, height: 2048 })
    expect(result.sha256).toBe(await digestSha256(await encoded.arrayBuffer()))
    expect(result.takenAt).toBe('2025-03-14T07:45:09')
    expect(result.lat).toBeCloseTo(45.764, 5)
    expect(result.lng).toBeCloseTo(4.8357, 5)
    expect(result.heading).toBe(300)
  })

  it('dates a photo without EXIF by its file, and leaves its position to the caller', async () => {
    const lastModified = new Date(2025, 5, 21, 22, 5, 7).getTime()
    const result = await processImage(new File([JPEG], 'capture.jpg', { type: 'image/jpeg', lastModified }))
    expect(result).toMatchObject({ takenAt: '2025-06-21T22:05:07', lat: null, lng: null, heading: null })
  })

  it('calls a file it cannot decode or encode unreadable', async () => {
    vi.mocked(createImageBitmap).mockRejectedValueOnce(new DOMException('bad data', 'InvalidStateError'))
    expect(await refusalOf(new File([JPEG], 'corrompue.jpg', { type: 'image/jpeg' }))).toBe('unreadable')
    vi.mocked(HTMLCanvasElement.prototype.toBlob).mockImplementation((callback) => callback(new Blob(['png'], { type: 'image/png' })))
    expect(await refusalOf(new File([JPEG], 'ok.jpg', { type: 'image/jpeg' }))).toBe('unreadable')
  })
})

describe('localDateTime', () => {
  it('writes the device\'s wall-clock time like EXIF does', () => {
    expect(localDateTime(new Date(2025, 0, 2, 3, 4, 5))).toBe('2025-01-02T03:04:05')
  })
})
