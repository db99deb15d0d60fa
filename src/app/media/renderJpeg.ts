/**
 * Decodes an image upright (its EXIF orientation applied), shrinks it to a long edge of 2048 px, encodes it as
 * JPEG 0.85 and hashes the result. The same code runs in the image worker and, where a worker or OffscreenCanvas
 * is missing, on the main thread: only the canvas differs. It reports failures as results, never throws, so the
 * worker always answers.
 */
import { fitWithin } from '../../core/media/imageFormat'
import { digestSha256 } from '../../core/media/digest'

export const MAX_EDGE = 2048
export const JPEG_QUALITY = 0.85

export interface RenderedJpeg {
  blob: Blob
  sha256: string
  width: number
  height: number
}

/** `noCanvas`: this environment cannot draw (try elsewhere); `undecodable`/`unencodable`: the image itself failed. */
export type RenderResult = { ok: true; image: RenderedJpeg } | { ok: false; reason: 'undecodable' | 'noCanvas' | 'unencodable' }

export interface JpegCanvas {
  context: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null
  toJpeg(quality: number): Promise<Blob | null>
}

export function offscreenCanvas(width: number, height: number): JpegCanvas {
  const canvas = new OffscreenCanvas(width, height)
  return { context: canvas.getContext('2d'), toJpeg: (quality) => canvas.convertToBlob({ type: 'image/jpeg', quality }) }
}

export async function renderJpeg(source: Blob, makeCanvas: (width: number, height: number) => JpegCanvas): Promise<RenderResult> {
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(source, { imageOrientation: 'from-image' })
  } catch {
    return { ok: false, reason: 'undecodable' }
  }
  try {
    const { width, height } = fitWithin(bitmap.width, bitmap.height, MAX_EDGE)
    const { context, toJpeg } = makeCanvas(width, height)
    if (!context) return { ok: false, reason: 'noCanvas' }
    // JPEG has no transparency: the transparent parts of a PNG would turn black without a white ground.
    context.fillStyle = '#fff'
    context.fillRect(0, 0, width, height)
    context.imageSmoothingQuality = 'high'
    context.drawImage(bitmap, 0, 0, width, height)
    const blob = await toJpeg(JPEG_QUALITY)
    // A browser that cannot encode JPEG silently hands back a PNG.
    if (!blob || blob.type !== 'image/jpeg') return { ok: false, reason: 'unencodable' }
    return { ok: true, image: { blob, sha256: await digestSha256(await blob.arrayBuffer()), width, height } }
  } catch {
    return { ok: false, reason: 'unencodable' }
  } finally {
    bitmap.close()
  }
}
