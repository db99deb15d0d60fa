// Draws the app icons (a clapperboard with a red location dot) as PNGs with no image library:
// run once with `node scripts/make-icons.mjs`; the PNGs are committed under public/icons.
import { mkdirSync, writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const NAVY = [0x1d, 0x35, 0x57]
const PAPER = [0xf1, 0xfa, 0xee]
const RED = [0xe6, 0x39, 0x46]

function crc32(buffer) {
  let crc = ~0
  for (const byte of buffer) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1))
  }
  return ~crc >>> 0
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'ascii')
  data.copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 3 + 1))
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0
    for (let x = 0; x < size; x++) raw.set(pixel(x / size, y / size), y * (size * 3 + 1) + 1 + x * 3)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 2, 0, 0, 0], 8)
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

/** The drawing in unit coordinates; `inset` shrinks it into the maskable safe zone. */
function clapper(inset) {
  return (u, v) => {
    const x = (u - inset) / (1 - 2 * inset)
    const y = (v - inset) / (1 - 2 * inset)
    const board = x > 0.18 && x < 0.82 && y > 0.42 && y < 0.8
    // The clapper stick, tilted: between two lines rising to the right.
    const top = 0.3 - (x - 0.18) * 0.2
    const stick = x > 0.18 && x < 0.8 && y > top - 0.1 && y < top + 0.02
    const stripe = stick && Math.floor((x - 0.18 + (y - top) * 0.5) / 0.1) % 2 === 1
    const dot = (x - 0.5) ** 2 + (y - 0.61) ** 2 < 0.01
    if (dot) return RED
    if (board || (stick && !stripe)) return PAPER
    return NAVY
  }
}

mkdirSync('public/icons', { recursive: true })
writeFileSync('public/icons/icon-192.png', png(192, clapper(0.04)))
writeFileSync('public/icons/icon-512.png', png(512, clapper(0.04)))
writeFileSync('public/icons/icon-maskable-512.png', png(512, clapper(0.14)))
writeFileSync('public/icons/apple-touch-icon.png', png(180, clapper(0.08)))
