/**
 * Turns a picked file into the photo the app stores. A file is refused before any decoding, with a reason the
 * user can act on (not an image, too large, a format the browser cannot decode, unreadable); otherwise the result
 * is upright, at most 2048 px on its long edge, JPEG, hashed, and carries when and where it was taken from its
 * EXIF. Decoding and encoding run in a Web Worker, or on the main thread where workers cannot draw.
 */
import { readExif } from '../../core/media/exif'
import { sniffImageType } from '../../core/media/imageFormat'
import type { PhotoBytes } from '../db/blobStore'
import { renderJpeg, type JpegCanvas, type RenderResult } from './renderJpeg'

/** Beyond this a file is not a phone photo (a 200 MP camera RAW, a video): refused before it is read. */
export const MAX_INPUT_BYTES = 40 * 1024 * 1024
/** EXIF is one APP1 segment (at most 64 KB) near the start; XMP or ICC segments may come first, hence the margin. */
const EXIF_WINDOW = 256 * 1024
/** A 50 MP photo takes a few seconds on a slow phone; a minute means the worker is gone. */
const WORKER_PATIENCE_MS = 60_000

export type ImageRefusalKind = 'notImage' | 'unsupported' | 'tooLarge' | 'unreadable'

export class ImageRefusal extends Error {
  constructor(
    readonly kind: ImageRefusalKind,
    readonly fileName: string,
  ) {
    super(`Image refused (${kind}): ${fileName}`)
    this.name = 'ImageRefusal'
  }
}

/** A photo ready to store: resized JPEG bytes, their hash and what the EXIF or the device told of it. */
export type ProcessedImage = PhotoBytes & { mime: 'image/jpeg' }

export async function processImage(file: File): Promise<ProcessedImage> {
  if (file.size > MAX_INPUT_BYTES) throw new ImageRefusal('tooLarge', file.name)
  if (file.size === 0) throw new ImageRefusal('unreadable', file.name)
  let head: Uint8Array
  try {
    head = new Uint8Array(await file.slice(0, EXIF_WINDOW).arrayBuffer())
  } catch {
    throw new ImageRefusal('unreadable', file.name)
  }
  const type = sniffImageType(head)
  // An image/* file we do not recognise is a real image in a format we do not take (GIF, AVIF, TIFF...).
  if (type === null) throw new ImageRefusal(file.type.startsWith('image/') ? 'unsupported' : 'notImage', file.name)
  // Chromium and Firefox cannot decode HEIC. iPhones hand web pages JPEG when asked for image/*, so a HEIC
  // here was copied by hand: refusing it up front beats a vague decoding failure.
  if (type === 'heic') throw new ImageRefusal('unsupported', file.name)

  const exif = type === 'jpeg' ? readExif(head) : null
  const rendered = await render(file)
  if (!rendered.ok) throw new ImageRefusal('unreadable', file.name)
  const { blob, sha256, width, height } = rendered.image
  return {
    blob,
    sha256,
    mime: 'image/jpeg',
    size: blob.size,
    width,
    height,
    takenAt: exif?.takenAt ?? localDateTime(new Date(file.lastModified)),
    lat: exif?.lat ?? null,
    lng: exif?.lng ?? null,
    heading: exif?.heading ?? null,
  }
}

/** Same shape as EXIF times, so every takenAt reads the same way: local wall-clock time, no zone. */
export function localDateTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`
}

async function render(file: File): Promise<RenderResult> {
  if (typeof Worker !== 'undefined' && typeof OffscreenCanvas !== 'undefined') {
    const result = await renderInWorker(file)
    if (result && !(result.ok === false && result.reason === 'noCanvas')) return result
  }
  return renderJpeg(file, elementCanvas)
}

/** null when the worker could not run (no module workers, script blocked): the caller does the work itself. */
function renderInWorker(file: File): Promise<RenderResult | null> {
  return new Promise((resolve) => {
    let worker: Worker
    try {
      worker = new Worker(new URL('./imageWorker.ts', import.meta.url), { type: 'module' })
    } catch {
      resolve(null)
      return
    }
    // A worker killed for memory may never answer: past this the photo counts as unreadable, and the queue goes on.
    const timer = setTimeout(() => finish({ ok: false, reason: 'undecodable' }), WORKER_PATIENCE_MS)
    const finish = (result: RenderResult | null) => {
      clearTimeout(timer)
      worker.terminate()
      resolve(result)
    }
    worker.onmessage = (event: MessageEvent<RenderResult>) => finish(event.data)
    worker.onerror = () => finish(null)
    worker.onmessageerror = () => finish(null)
    worker.postMessage(file)
  })
}

function elementCanvas(width: number, height: number): JpegCanvas {
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  return {
    context: canvas.getContext('2d'),
    toJpeg: (quality) => new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality)),
  }
}
