import { afterEach, describe, expect, it } from 'vitest'
import type { Permit } from '../../../core/model'
import type { PatchArgs } from '../../../core/sync/mutations'
import { newId } from '../../../core/sync/ids'
import { db } from '../../db/db'
import { repositoryFor } from '../records/repositories'
import { attachToDocument, setDocumentDone, transitionPermit } from './permitActions'

const permits = repositoryFor<Permit>('permit')

async function legacyPermit(fields: Record<string, unknown> = {}): Promise<Permit> {
  // Made before the checklist existed: no documents, only the insurance flag.
  const result = await permits.create(newId(), { title: 'Quai de la Tournelle', authorityId: newId(), status: 'draft', shootType: 'feature', insuranceCertificate: true, ...fields })
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.record
}

afterEach(async () => {
  await Promise.all([db.records('permit').clear(), db.outbox.clear(), db.meta.clear(), db.blobs.clear()])
})

describe('permit actions', () => {
  it('refuses a transition the workflow lacks before touching the database', async () => {
    const permit = await legacyPermit()
    const before = await db.outbox.count()
    expect(await transitionPermit(permit, 'granted')).toEqual({ ok: false, error: 'permits.errors.invalid_transition' })
    expect(await db.outbox.count()).toBe(before)
  })

  it('ticks a line of a request made before the checklist: the default list is written, the insurance stays ticked', async () => {
    const permit = await legacyPermit()
    expect(await setDocumentDone(permit, 1, true)).toEqual({ ok: true })
    const documents = (await permits.get(permit.productionId, permit.id))!.documents!
    expect(documents.map((doc) => [doc.kind, doc.done])).toEqual([
      ['insuranceCertificate', true], ['plan', true], ['vehiclePlan', false], ['kbis', false], ['scenario', false],
    ])
    // Only the ticked line travels: another phone ticking another line of the same old request keeps its tick.
    const entry = (await db.outbox.toArray()).at(-1)!
    expect((entry.args as PatchArgs).fields.documents).toEqual([expect.objectContaining({ id: 'plan', done: true })])
  })

  it('joins a PDF to a line: the bytes wait for upload and the line points at them, in one write', async () => {
    const permit = await legacyPermit()
    const file = new File(['%PDF-1.4 attestation RC'], 'attestation-rc.pdf', { type: 'application/pdf' })
    expect(await attachToDocument(permit, 0, file)).toEqual({ ok: true })
    const line = (await permits.get(permit.productionId, permit.id))!.documents![0]!
    expect(line).toMatchObject({ kind: 'insuranceCertificate', done: true, fileName: 'attestation-rc.pdf', mime: 'application/pdf' })
    expect(line.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(await db.blobs.get(line.sha256!)).toMatchObject({ mime: 'application/pdf', pending: 1, productionId: permit.productionId })
    const entry = (await db.outbox.toArray()).at(-1)!
    expect(entry).toMatchObject({ name: 'permit.patch', args: { id: permit.id } })
    // Only the line that changed travels (the checklist syncs line by line); the phone keeps the whole list.
    expect((entry.args as PatchArgs).fields.documents).toMatchObject([{ id: 'insuranceCertificate', kind: 'insuranceCertificate', sha256: line.sha256 }])
    expect((await permits.get(permit.productionId, permit.id))!.documents!.map((doc) => doc.kind)).toEqual(['insuranceCertificate', 'plan', 'vehiclePlan', 'kbis', 'scenario'])
  })

  it('refuses a file type the server would refuse, and stores nothing', async () => {
    const permit = await legacyPermit()
    const before = await db.outbox.count()
    const file = new File(['PK…'], 'plan.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })
    expect(await attachToDocument(permit, 1, file)).toEqual({ ok: false, error: 'permits.documents.unsupported' })
    expect(await db.blobs.count()).toBe(0)
    expect(await db.outbox.count()).toBe(before)
  })

  it('keeps the status out of a form save: a form opened before a status change does not send the old status back', async () => {
    const permit = await legacyPermit()
    expect(await transitionPermit(permit, 'sent')).toEqual({ ok: true })
    // The form still holds "draft" from when it opened; the user only changed the reference.
    const result = await permits.update(permit.productionId, permit.id, { ...permit, status: 'draft', reference: 'PF-2025-04817' })
    expect(result).toMatchObject({ ok: true, record: { status: 'sent', reference: 'PF-2025-04817' } })
    expect((await db.outbox.toArray()).at(-1)).toMatchObject({ name: 'permit.patch', args: { fields: { reference: 'PF-2025-04817' } } })
    expect((await db.outbox.toArray()).at(-1)!.args).not.toHaveProperty('fields.status')
  })
})
