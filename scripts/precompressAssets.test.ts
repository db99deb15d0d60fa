import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { precompressDirectory } from './precompressAssets'

describe('precompressDirectory', () => {
  let dist: string
  beforeEach(() => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'regie-precompress-'))
  })
  afterEach(() => fs.rmSync(dist, { recursive: true, force: true }))

  const write = (file: string, content: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(dist, file)), { recursive: true })
    fs.writeFileSync(path.join(dist, file), content)
  }

  it('writes a brotli and a gzip copy of each text file that decompress to the same bytes', async () => {
    const script = 'export const places = ' + JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ name: `Décor ${i}`, city: 'Paris' })))
    write('assets/index-abc.js', script)
    write('index.html', `<!doctype html><title>Régie</title>${'<p>tournage</p>'.repeat(50)}`)

    expect(await precompressDirectory(dist)).toBe(4)
    const js = path.join(dist, 'assets/index-abc.js')
    expect(brotliDecompressSync(fs.readFileSync(`${js}.br`)).toString()).toBe(script)
    expect(gunzipSync(fs.readFileSync(`${js}.gz`)).toString()).toBe(script)
    expect(fs.statSync(`${js}.br`).size).toBeLessThan(fs.statSync(`${js}.gz`).size)
    expect(fs.existsSync(path.join(dist, 'index.html.br'))).toBe(true)
  })

  it('leaves images, copies that would not be smaller and the build manifest alone', async () => {
    write('icons/icon-192.png', Buffer.alloc(4096, 7))
    write('robots.txt', 'a')
    write('.vite/manifest.json', JSON.stringify({ 'index.html': { file: 'assets/index.js' } }).repeat(20))

    expect(await precompressDirectory(dist)).toBe(0)
    expect(fs.readdirSync(dist, { recursive: true }).filter((name) => /\.(br|gz)$/.test(String(name)))).toEqual([])
  })
})
