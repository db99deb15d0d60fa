/**
 * The image worker: decoding, resizing, encoding and hashing a photo take hundreds of milliseconds on a phone, so
 * they run here and typing in a form never stutters. One job per worker: it receives the file, answers a RenderResult.
 */
import { offscreenCanvas, renderJpeg } from './renderJpeg'

const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = async (event: MessageEvent<Blob>) => {
  scope.postMessage(await renderJpeg(event.data, offscreenCanvas))
}
