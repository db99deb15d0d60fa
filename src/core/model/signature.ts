/**
 * A signature drawn on the screen: who signed, in which capacity, when, and the PNG of the stroke, stored as a
 * blob addressed by its SHA-256 (like photos). Return slips and condition reports carry a list of them.
 */
import * as v from 'valibot'
import { choice, requiredText } from './fields'

/** Loueur and régisseur sign a return slip; owner (or manager) and régisseur sign a condition report. */
export const SIGNER_ROLES = ['rentalHouse', 'production', 'owner'] as const
export type SignerRole = (typeof SIGNER_ROLES)[number]

export const sha256Hex = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'validation.sha256'))

export const SignatureSchema = v.looseObject({
  role: choice(SIGNER_ROLES),
  name: requiredText(120),
  signedAt: v.pipe(v.string(), v.isoTimestamp('validation.date')),
  sha256: sha256Hex,
})
export type Signature = v.InferOutput<typeof SignatureSchema>

export const signatureList = v.optional(v.pipe(v.array(SignatureSchema), v.maxLength(10, 'validation.tooLong')), [])

/** The roles a document still waits for, in the order given. */
export function missingSigners(signatures: readonly Pick<Signature, 'role'>[] | undefined, required: readonly SignerRole[]): SignerRole[] {
  const signed = new Set((signatures ?? []).map((signature) => signature.role))
  return required.filter((role) => !signed.has(role))
}
