/**
 * Signing a document on the screen (a return slip, a condition report): the drawing is stored as a blob
 * (blobStore.saveSignature, queued for upload), then the document's signature list is patched through its
 * repository. If either step fails the user is told and the pad keeps the drawing, so nothing is lost.
 */
import { ref } from 'vue'
import type { Signature, SignerRole } from '../../../core/model'
import { saveSignature } from '../../db/blobStore'
import { saveFailureMessage } from '../../db/writeErrors'
import { useNoticeStore } from '../../ui/noticeStore'

export interface DrawnSignature {
  name: string
  png: Blob
}

export function useSigning(options: { productionId: () => string; attach: (signature: Signature) => Promise<boolean> }) {
  const notices = useNoticeStore()
  const signing = ref<SignerRole | null>(null)

  /** Whether the signature is stored and attached to the document. */
  async function sign(role: SignerRole, drawn: DrawnSignature): Promise<boolean> {
    const name = drawn.name.trim()
    if (!name) {
      notices.error('returns.signature.nameRequired')
      return false
    }
    signing.value = role
    try {
      const signature = await saveSignature({ productionId: options.productionId(), role, name, png: drawn.png })
      const attached = await options.attach(signature)
      if (attached) notices.success('returns.signature.saved')
      else notices.error('returns.signature.notAttached')
      return attached
    } catch (error) {
      notices.error(saveFailureMessage(error))
      return false
    } finally {
      signing.value = null
    }
  }

  return { signing, sign }
}
