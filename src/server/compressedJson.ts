/**
 * Sends a JSON answer compressed (brotli, else gzip) when the client accepts it and the text is large enough to gain:
 * a pull page of 500 décors is about a tenth of its size in brotli. Browsers and Node's fetch decompress it on their
 * own. The levels are the fast ones (about 200 MB/s each on one core, in zlib's thread pool): a phone joining pulls
 * thousands of rows and the server's CPU serves every phone.
 */
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import negotiate from '@fastify/accept-negotiator'
import type { FastifyReply, FastifyRequest } from 'fastify'

/** Below this many characters the saving is smaller than the work and the headers it costs. */
export const COMPRESSED_JSON_MIN_LENGTH = 1024
const ENCODINGS = ['br', 'gzip'] as const
const BROTLI_QUALITY = 4
const GZIP_LEVEL = constants.Z_BEST_SPEED

const brotli = promisify(brotliCompress)
const gzipped = promisify(gzip)

export async function sendCompressedJson(request: FastifyRequest, reply: FastifyReply, json: string): Promise<FastifyReply> {
  // Whether this answer was compressed or not, the same URL may be: caches between keep the two apart.
  reply.type('application/json; charset=utf-8').header('Vary', 'Accept-Encoding')
  const accepted = request.headers['accept-encoding']
  const encoding = json.length >= COMPRESSED_JSON_MIN_LENGTH && accepted ? negotiate(accepted, [...ENCODINGS]) : null
  if (!encoding) return reply.send(json)
  const text = Buffer.from(json)
  const body = encoding === 'br'
    ? await brotli(text, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: text.length } })
    : await gzipped(text, { level: GZIP_LEVEL })
  return reply.header('Content-Encoding', encoding).send(body)
}
