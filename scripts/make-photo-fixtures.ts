/**
 * Makes the photo fixtures of the e2e tests (test/fixtures/photos) and proves Chromium reads them as intended:
 * run with `npx tsx scripts/make-photo-fixtures.ts`; the files are committed. Chromium (Debian's, through
 * Playwright) encodes the JPEGs from a canvas; the EXIF segment is ours (src/core/media/exifBuilder.ts).
 *
 * The scene is a landscape 320 x 240 photo: sky (blue) above ground (green), a red mark top left.
 * - with-exif.jpg: stored turned a quarter left (240 x 320) with Orientation 6, so it stands upright only when the
 *   orientation is applied; little-endian EXIF with DateTimeOriginal, GPS position and image direction (PHOTO_EXIF).
 * - no-exif.jpg: the same scene stored upright, without EXIF.
 * - not-a-photo.txt: text, for the refusal.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { chromium } from '@playwright/test'
import { readExif } from '../src/core/media/exif'
import { buildTiff, exifSegment, photoTiff, withSegment } from '../src/core/media/exifBuilder'

const PHOTO_EXIF = { dateTimeOriginal: '2024:05:17 14:32:10', lat: 48.886705, lng: 2.343104, heading: 135.5, orientation: 6 }
const DIR = new URL('../test/fixtures/photos/', import.meta.url)

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
})
try {
  const page = await browser.newPage()

  /** The scene as JPEG bytes, upright or turned a quarter left (what a phone held upright stores with Orientation 6). */
  const scene = async (turnedLeft: boolean) =>
    Uint8Array.from(
      await page.evaluate(async (turned) => {
        const canvas = document.createElement('canvas')
        canvas.width = turned ? 240 : 320
        canvas.height = turned ? 320 : 240
        const context = canvas.getContext('2d')!
        if (turned) context.setTransform(0, -1, 1, 0, 0, 320) // upright (x, y) lands at (y, 320 - x)
        context.fillStyle = '#3a7bd5'
        context.fillRect(0, 0, 320, 120)
        context.fillStyle = '#3c9d3c'
        context.fillRect(0, 120, 320, 120)
        context.fillStyle = '#e63946'
        context.fillRect(16, 16, 48, 32)
        const blob = await new Promise<Blob>((resolve) => canvas.toBlob((made) => resolve(made!), 'image/jpeg', 0.9))
        return Array.from(new Uint8Array(await blob.arrayBuffer()))
      }, turnedLeft),
    )

  mkdirSync(DIR, { recursive: true })
  const withExif = withSegment(await scene(true), exifSegment(buildTiff(photoTiff(PHOTO_EXIF, true))))
  writeFileSync(new URL('with-exif.jpg', DIR), withExif)
  writeFileSync(new URL('no-exif.jpg', DIR), await scene(false))
  writeFileSync(new URL('not-a-photo.txt', DIR), 'Repérages : liste des décors à revoir.\nCe fichier sert à vérifier que Régie refuse ce qui n\'est pas une photo.\n')

  // Chromium must see both files as the same upright landscape: sky on top, the mark top left.
  for (const name of ['with-exif.jpg', 'no-exif.jpg']) {
    const bytes = Array.from(readFileSync(new URL(name, DIR)))
    const seen = await page.evaluate(async (data) => {
      const bitmap = await createImageBitmap(new Blob([new Uint8Array(data)], { type: 'image/jpeg' }), { imageOrientation: 'from-image' })
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
      const context = canvas.getContext('2d')!
      context.drawImage(bitmap, 0, 0)
      // No named helper in here: tsx would wrap it in a __name() call the page does not have.
      const [sky, ground, mark] = [[160, 100], [160, 200], [40, 32]].map(([x, y]) => Array.from(context.getImageData(x!, y!, 1, 1).data.slice(0, 3)))
      return { width: bitmap.width, height: bitmap.height, sky: sky!, ground: ground!, mark: mark! }
    }, bytes)
    const near = (rgb: number[], expected: number[]) => rgb.every((value, i) => Math.abs(value - expected[i]!) <= 24)
    const upright = seen.width === 320 && seen.height === 240 && near(seen.sky, [0x3a, 0x7b, 0xd5]) && near(seen.ground, [0x3c, 0x9d, 0x3c]) && near(seen.mark, [0xe6, 0x39, 0x46])
    if (!upright) throw new Error(`${name}: Chromium does not see the upright scene: ${JSON.stringify(seen)}`)
  }
  const facts = readExif(withExif)
  const expected = { takenAt: '2024-05-17T14:32:10', orientation: 6, heading: 135.5 }
  if (Object.entries(expected).some(([key, value]) => facts[key as keyof typeof facts] !== value) || Math.abs(facts.lat! - PHOTO_EXIF.lat) > 1e-5 || Math.abs(facts.lng! - PHOTO_EXIF.lng) > 1e-5) {
    throw new Error(`with-exif.jpg: EXIF reads back as ${JSON.stringify(facts)}`)
  }
  console.log('test/fixtures/photos: with-exif.jpg, no-exif.jpg, not-a-photo.txt written; Chromium decodes both photos upright.')
} finally {
  await browser.close()
}
