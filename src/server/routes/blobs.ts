/**
 * Blob routes (DESIGN.md section 3, "Blobs"): HEAD, PUT and GET /api/v1/blobs/:sha256 with the same bearer
 * sessions as sync. A caller sees only blobs its own production references: anything else is 404, even when
 * the bytes are on disk for another production. PUT answers 201 only once the verified bytes are fsynced in
 * place and the reference is committed, so a phone that got 201 may forget its pending copy.
 */
import type { Readable } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isBlobMime, MAX_BLOB_BYTES, mediaTypeOf, SHA256_HEX } from '../../core/sync/blobRules'
import { authenticateSession, HttpError } from '../auth'
import { addBlobRef, blobBytesOf, findBlobRef, markOrphanUnlessReferenced } from '../blobs/blobRefs'
import { BlobRefused, type BlobRefusal, type DiskBlobStore } from '../blobs/diskBlobStore'
import type { ServerContext } from '../context'

type BlobRequest = FastifyRequest<{ Params: { sha256: string } }>

function refusal(reason: Exclude<BlobRefusal, 'over_quota'>, reply: FastifyReply): HttpError {
  switch (reason) {
    case 'hash_mismatch':
      return new HttpError(400, 'hash_mismatch', 'The bytes do not hash to the address they were sent to')
    case 'too_large':
      // The rest of an oversized body may still be arriving: close the connection rather than read it all.
      reply.header('connection', 'close')
      return new HttpError(413, 'too_large', `Blobs are limited to ${MAX_BLOB_BYTES / 1024 / 1024} MB`)
    case 'type_mismatch':
      return new HttpError(415, 'unsupported_type', 'The file does not begin like its declared Content-Type')
  }
}

/** 507: the production's photos and documents have used up their space on this server. */
function overQuota(limit: number, reply: FastifyReply): HttpError {
  reply.header('connection', 'close')
  return new HttpError(507, 'quota_blobs', `This production's files are limited to ${Math.round(limit / 1024 / 1024)} MB on this server`, { limit })
}

export async function registerBlobRoutes(app: FastifyInstance, context: ServerContext, store: DiskBlobStore): Promise<void> {
  const { db, limits } = context
  // A scope of its own: here every body arrives as a raw stream, hashed on the way to disk instead of parsed.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload))

    /** The caller's reference to the blob, or 404: the same answer whether or not another production has it. */
    async function readableRef(request: BlobRequest) {
      const sha256 = checkedAddress(request)
      const caller = await authenticateSession(context, request)
      const ref = await findBlobRef(db, caller.productionId, sha256)
      if (!ref) throw new HttpError(404, 'not_found', 'No such blob in this production')
      const size = await store.sizeOf(sha256)
      if (size === null) {
        request.log.error({ productionId: caller.productionId, sha256 }, 'blob referenced but missing from the blob directory')
        throw new HttpError(404, 'not_found', 'No such blob in this production')
      }
      return { sha256, ref, size }
    }

    // Declared before GET so it replaces the HEAD Fastify would derive from GET: no file is opened for it.
    scope.head<{ Params: { sha256: string } }>('/api/v1/blobs/:sha256', async (request, reply) => {
      const { ref, size } = await readableRef(request)
      return reply.code(200).type(ref.mime).header('content-length', size).send()
    })

    scope.get<{ Params: { sha256: string } }>('/api/v1/blobs/:sha256', async (request, reply) => {
      const { sha256, ref, size } = await readableRef(request)
      return sendImmutable(reply, ref.mime, size).send(store.read(sha256))
    })

    scope.put<{ Params: { sha256: string } }>('/api/v1/blobs/:sha256', async (request, reply) => {
      const sha256 = checkedAddress(request)
      const caller = await authenticateSession(context, request)
      if (caller.role === 'viewer') throw new HttpError(403, 'forbidden', 'Viewers cannot upload files')
      const mime = mediaTypeOf(request.headers['content-type'])
      if (!isBlobMime(mime)) throw new HttpError(415, 'unsupported_type', 'Only JPEG, PNG and WebP images and PDF documents are accepted')
      if (Number(request.headers['content-length']) > MAX_BLOB_BYTES) throw refusal('too_large', reply)
      // Bytes the production already references cost nothing more; new ones must fit in what is left of its quota,
      // checked again once they are in (a chunked body announces no length), before they are put in place.
      const referenced = await findBlobRef(db, caller.productionId, sha256)
      const used = referenced ? 0 : await blobBytesOf(db, caller.productionId)
      const room = referenced ? MAX_BLOB_BYTES : limits.blobBytesPerProduction - used
      if (Number(request.headers['content-length'] ?? 0) > room) throw overQuota(limits.blobBytesPerProduction, reply)

      let size: number
      try {
        ;({ size } = await store.write(sha256, bodyStream(request), { mime, maxBytes: MAX_BLOB_BYTES, roomBytes: room }))
      } catch (error) {
        if (!(error instanceof BlobRefused)) throw error
        if (error.reason === 'over_quota') throw overQuota(limits.blobBytesPerProduction, reply)
        throw refusal(error.reason, reply)
      }
      // Other uploads of this production may have taken the room while these bytes came in: the room is counted
      // again and the reference added under the production row's lock, so two uploads never both take the last of it.
      const added = await db.transaction().execute(async (trx) => {
        const production = trx.selectFrom('productions').select('id').where('id', '=', caller.productionId)
        await (context.dialect === 'postgres' ? production.forUpdate() : production).executeTakeFirst()
        if (!referenced && (await blobBytesOf(trx, caller.productionId)) + size > limits.blobBytesPerProduction && !(await findBlobRef(trx, caller.productionId, sha256))) {
          return null
        }
        return addBlobRef(trx, { production_id: caller.productionId, sha256, size, mime, created_at: new Date().toISOString(), created_by: caller.memberId })
      })
      if (added === null) {
        // The bytes just put in place are nobody's: the collector deletes them on a later pass unless some
        // production references them by then.
        await markOrphanUnlessReferenced(db, sha256)
        throw overQuota(limits.blobBytesPerProduction, reply)
      }
      return reply.code(added ? 201 : 200).send({ sha256, size })
    })
  })
}

/** The address from the path, or 400 before anything else is looked at: no other string ever reaches the disk. */
function checkedAddress(request: BlobRequest): string {
  const { sha256 } = request.params
  if (!SHA256_HEX.test(sha256)) throw new HttpError(400, 'invalid_sha256', 'A blob address is 64 lower-case hexadecimal characters')
  return sha256
}

/** Blobs never change under their address: browsers and the service worker may keep them for good, privately. */
function sendImmutable(reply: FastifyReply, mime: string, size: number): FastifyReply {
  return reply
    .type(mime)
    .header('content-length', size)
    .header('cache-control', 'private, max-age=31536000, immutable')
    .header('x-content-type-options', 'nosniff')
    // A PDF or image opened directly runs no script and cannot reach the app's origin.
    .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
}

/**
 * The raw body (an empty one when the request had none). Stopping early (too large) must not destroy the
 * request: that would reset the connection and the phone would see a network error instead of the 413.
 */
async function* bodyStream(request: FastifyRequest): AsyncIterable<Uint8Array> {
  const body = request.body as Readable | undefined
  if (!body) return
  try {
    yield* body.iterator({ destroyOnReturn: false })
  } finally {
    if (!body.readableEnded) body.resume()
  }
}
