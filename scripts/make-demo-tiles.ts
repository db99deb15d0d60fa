/**
 * Draws the demo map tiles into public/tiles/{z}/{x}/{y}.png (run: `npx tsx scripts/make-demo-tiles.ts`).
 * No streets: a coordinate grid with its labels, the Seine, the boulevard périphérique and the two woods, drawn
 * roughly from a handful of points, enough to see where a décor is. Tests and the demo use these tiles, so they
 * never fetch a map from the internet. Pure TypeScript and node:zlib (an 8-bit palette PNG of a few kB per tile).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { deflateSync } from 'node:zlib'
import { tilesInArea } from '../src/app/map/tileMath'
import { DEMO_TILES } from '../src/app/map/tileSources'

const SIZE = 256
const OUT = path.resolve('public/tiles')

const PALETTE = [
  [0xf2, 0xef, 0xe6], // 0 land
  [0xc9, 0xcf, 0xd6], // 1 grid line
  [0x5b, 0x64, 0x70], // 2 label
  [0x9c, 0xc3, 0xe4], // 3 water
  [0xe4, 0xb0, 0x7a], // 4 ring road
  [0xcd, 0xe3, 0xc0], // 5 wood
  [0xa0, 0xa7, 0xaf], // 6 tile label
] as const
// Palette index 0 (land) is the background every tile starts from.
const GRID = 1, LABEL = 2, WATER = 3, ROAD = 4, WOOD = 5, TILE_LABEL = 6

type Point = [lat: number, lng: number]

// Upstream (Ivry) to downstream (Saint-Cloud), bridge by bridge.
const SEINE: Point[] = [
  [48.8165, 2.404], [48.8276, 2.3868], [48.8335, 2.379], [48.8383, 2.376], [48.846, 2.3657], [48.8506, 2.3594],
  [48.853, 2.3499], [48.8575, 2.3414], [48.8583, 2.3375], [48.8597, 2.3297], [48.864, 2.3197], [48.8639, 2.3136],
  [48.8627, 2.302], [48.8601, 2.292], [48.8555, 2.2875], [48.8498, 2.2799], [48.8465, 2.276], [48.8388, 2.268],
  [48.835, 2.255], [48.8385, 2.238], [48.849, 2.226], [48.8605, 2.2215],
]
// The boulevard périphérique, porte by porte, clockwise from Porte Maillot.
const PERIPHERIQUE: Point[] = [
  [48.8781, 2.2827], [48.8855, 2.2935], [48.8942, 2.3133], [48.8984, 2.3594], [48.8976, 2.3859], [48.8865, 2.3985],
  [48.8635, 2.4085], [48.847, 2.4105], [48.8283, 2.3905], [48.819, 2.36], [48.8233, 2.3255], [48.8319, 2.2876],
  [48.8378, 2.257], [48.848, 2.258], [48.8714, 2.2744], [48.8781, 2.2827],
]
const BOIS_DE_BOULOGNE: Point[] = [
  [48.8785, 2.252], [48.8745, 2.27], [48.864, 2.2765], [48.848, 2.2575], [48.844, 2.2445], [48.855, 2.236], [48.87, 2.241],
]
const BOIS_DE_VINCENNES: Point[] = [
  [48.845, 2.415], [48.844, 2.455], [48.833, 2.47], [48.824, 2.46], [48.822, 2.435], [48.832, 2.413],
]

// 5 x 7 pixel glyphs, one string of five 0/1 per row.
const GLYPHS: Record<string, string[]> = {
  '0': ['01110', '10001', '10011', '10101', '11001', '10001', '01110'],
  '1': ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  '2': ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  '3': ['11110', '00001', '00001', '01110', '00001', '00001', '11110'],
  '4': ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
  '5': ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  '6': ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  '7': ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
  '8': ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
  '9': ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
  '.': ['00000', '00000', '00000', '00000', '00000', '01100', '01100'],
  '°': ['01100', '10010', '10010', '01100', '00000', '00000', '00000'],
  N: ['10001', '11001', '10101', '10011', '10001', '10001', '10001'],
  E: ['11111', '10000', '10000', '11110', '10000', '10000', '11111'],
  z: ['00000', '00000', '11111', '00010', '00100', '01000', '11111'],
  '/': ['00001', '00010', '00010', '00100', '01000', '01000', '10000'],
  ' ': ['00000', '00000', '00000', '00000', '00000', '00000', '00000'],
}

/** Global pixel position of a point at zoom z (Web Mercator, 256-pixel tiles). */
function project([lat, lng]: Point, z: number): [number, number] {
  const scale = SIZE * 2 ** z
  const rad = (lat * Math.PI) / 180
  return [((lng + 180) / 360) * scale, ((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * scale]
}

function unproject(px: number, py: number, z: number): Point {
  const scale = SIZE * 2 ** z
  const lng = (px / scale) * 360 - 180
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * py) / scale))) * 180) / Math.PI
  return [lat, lng]
}

class Canvas {
  readonly pixels = new Uint8Array(SIZE * SIZE)
  constructor(readonly originX: number, readonly originY: number) {}

  set(x: number, y: number, color: number) {
    if (x >= 0 && y >= 0 && x < SIZE && y < SIZE) this.pixels[y * SIZE + x] = color
  }

  /** A polyline of global pixel points, `width` pixels wide. */
  line(points: [number, number][], width: number, color: number) {
    const half = width / 2
    for (let i = 1; i < points.length; i++) {
      const [ax, ay] = [points[i - 1]![0] - this.originX, points[i - 1]![1] - this.originY]
      const [bx, by] = [points[i]![0] - this.originX, points[i]![1] - this.originY]
      const minX = Math.max(0, Math.floor(Math.min(ax, bx) - half)), maxX = Math.min(SIZE - 1, Math.ceil(Math.max(ax, bx) + half))
      const minY = Math.max(0, Math.floor(Math.min(ay, by) - half)), maxY = Math.min(SIZE - 1, Math.ceil(Math.max(ay, by) + half))
      const dx = bx - ax, dy = by - ay, length2 = dx * dx + dy * dy || 1
      for (let y = minY; y <= maxY; y++) {
        for (let x = minX; x <= maxX; x++) {
          const t = Math.max(0, Math.min(1, ((x + 0.5 - ax) * dx + (y + 0.5 - ay) * dy) / length2))
          const ex = ax + t * dx - (x + 0.5), ey = ay + t * dy - (y + 0.5)
          if (ex * ex + ey * ey <= half * half) this.set(x, y, color)
        }
      }
    }
  }

  /** A filled polygon of global pixel points (even-odd rule). */
  fill(points: [number, number][], color: number) {
    const local = points.map(([x, y]) => [x - this.originX, y - this.originY] as const)
    const xs = local.map(([x]) => x), ys = local.map(([, y]) => y)
    const minX = Math.max(0, Math.floor(Math.min(...xs))), maxX = Math.min(SIZE - 1, Math.ceil(Math.max(...xs)))
    const minY = Math.max(0, Math.floor(Math.min(...ys))), maxY = Math.min(SIZE - 1, Math.ceil(Math.max(...ys)))
    for (let y = minY; y <= maxY; y++) {
      for (let x = minX; x <= maxX; x++) {
        let inside = false
        for (let i = 0, j = local.length - 1; i < local.length; j = i++) {
          const [xi, yi] = local[i]!, [xj, yj] = local[j]!
          if (yi > y + 0.5 !== yj > y + 0.5 && x + 0.5 < ((xj - xi) * (y + 0.5 - yi)) / (yj - yi) + xi) inside = !inside
        }
        if (inside) this.set(x, y, color)
      }
    }
  }

  text(value: string, x: number, y: number, color: number, scale = 1) {
    let cursor = x
    for (const char of value) {
      const glyph = GLYPHS[char] ?? GLYPHS[' ']!
      glyph.forEach((row, gy) => {
        for (let gx = 0; gx < 5; gx++) {
          if (row[gx] !== '1') continue
          for (let sy = 0; sy < scale; sy++) for (let sx = 0; sx < scale; sx++) this.set(cursor + gx * scale + sx, y + gy * scale + sy, color)
        }
      })
      cursor += 6 * scale
    }
  }
}

/** Grid spacing in degrees: lines at least 110 pixels apart, so the labels never overlap. */
const GRID_STEP: Record<number, number> = { 8: 1, 9: 0.5, 10: 0.2, 11: 0.1, 12: 0.05, 13: 0.02, 14: 0.01, 15: 0.005 }

function drawTile(z: number, x: number, y: number): Uint8Array {
  const canvas = new Canvas(x * SIZE, y * SIZE)
  const at = (points: Point[]) => points.map((point) => project(point, z))
  canvas.fill(at(BOIS_DE_BOULOGNE), WOOD)
  canvas.fill(at(BOIS_DE_VINCENNES), WOOD)
  canvas.line(at(PERIPHERIQUE), Math.max(1, 2 ** (z - 12) * 1.5), ROAD)
  canvas.line(at(SEINE), Math.max(1.5, 2 ** (z - 12) * 3), WATER)

  const step = GRID_STEP[z] ?? 0.01
  const decimals = step < 0.01 ? 3 : step < 0.1 ? 2 : 1
  const [north, west] = unproject(canvas.originX, canvas.originY, z)
  const [south, east] = unproject(canvas.originX + SIZE, canvas.originY + SIZE, z)
  // From one line beyond each edge: a label that starts in the next tile continues into this one.
  for (let lat = Math.ceil(south / step) * step - step; lat <= north + step; lat += step) {
    const py = Math.round(project([lat, west], z)[1] - canvas.originY)
    for (let px = 0; px < SIZE; px++) canvas.set(px, py, GRID)
    canvas.text(`${lat.toFixed(decimals)}°N`, 4, py - 16, LABEL, 2)
  }
  for (let lng = Math.ceil(west / step) * step - step; lng <= east + step; lng += step) {
    const px = Math.round(project([north, lng], z)[0] - canvas.originX)
    for (let py = 0; py < SIZE; py++) canvas.set(px, py, GRID)
    canvas.text(`${lng.toFixed(decimals)}°E`, px + 4, SIZE - 20, LABEL, 2)
  }
  canvas.text(`z${z}/${x}/${y}`, SIZE - 6 * `z${z}/${x}/${y}`.length - 3, 4, TILE_LABEL)
  return canvas.pixels
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function encodePng(pixels: Uint8Array): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIZE, 0)
  header.writeUInt32BE(SIZE, 4)
  header.set([8, 3, 0, 0, 0], 8) // 8-bit palette, no interlace
  const rows = Buffer.alloc(SIZE * (SIZE + 1))
  for (let y = 0; y < SIZE; y++) rows.set(pixels.subarray(y * SIZE, (y + 1) * SIZE), y * (SIZE + 1) + 1)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', Buffer.from(PALETTE.flat())),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

rmSync(OUT, { recursive: true, force: true })
let bytes = 0
const tiles = tilesInArea(DEMO_TILES, [-85, -180, 85, 180], DEMO_TILES.minZoom, DEMO_TILES.maxNativeZoom)
for (const { z, x, y } of tiles) {
  const png = encodePng(drawTile(z, x, y))
  mkdirSync(path.join(OUT, String(z), String(x)), { recursive: true })
  writeFileSync(path.join(OUT, String(z), String(x), `${y}.png`), png)
  bytes += png.length
}
console.log(`${tiles.length} tiles, ${(bytes / 1024).toFixed(0)} kB in ${path.relative(process.cwd(), OUT)}`)
