/**
 * Vite plugin: writes a brotli (`.br`) and a gzip (`.gz`) copy beside every text file of the build, after
 * vite-plugin-pwa has written the service worker, so the server sends compressed files without compressing them on
 * each request (src/server/pwa.ts, @fastify/static `preCompressed`). Build time is cheap: both at their best level.
 * A copy that would not be smaller is not written; the server then sends the file as it is.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { Plugin } from 'vite'

/** Text formats; images, fonts and archives are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt|xml)$/

const brotli = promisify(brotliCompress)
const gzipped = promisify(gzip)

async function filesToCompress(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries
    // Dot folders (.vite's build manifest) are not served.
    .filter((entry) => entry.isFile() && COMPRESSIBLE.test(entry.name) && !path.relative(dir, entry.parentPath).split(path.sep).some((part) => part.startsWith('.')))
    .map((entry) => path.join(entry.parentPath, entry.name))
}

/** Writes `<file>.br` and `<file>.gz` where smaller than the file; resolves to the number of copies written. */
export async function precompressFile(file: string): Promise<number> {
  const original = await readFile(file)
  const copies = [
    { extension: '.br', bytes: await brotli(original, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: original.length } }) },
    { extension: '.gz', bytes: await gzipped(original, { level: constants.Z_BEST_COMPRESSION }) },
  ].filter((copy) => copy.bytes.length < original.length)
  await Promise.all(copies.map((copy) => writeFile(file + copy.extension, copy.bytes)))
  return copies.length
}

/** Precompresses each text file under `dir`; resolves to the number of copies written. */
export async function precompressDirectory(dir: string): Promise<number> {
  const written = await Promise.all((await filesToCompress(dir)).map(precompressFile))
  return written.reduce((sum, count) => sum + count, 0)
}

export function precompressAssets(): Plugin {
  let outDir = ''
  return {
    name: 'regie-precompress-assets',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir)
    },
    // Last and alone: vite-plugin-pwa writes sw.js in its own closeBundle, and the service worker is sent compressed too.
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        await precompressDirectory(outDir)
      },
    },
  }
}
