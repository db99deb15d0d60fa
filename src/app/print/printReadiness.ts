/**
 * What a printed page still waits for before it may print (maps being composed from their tiles): the page's frame
 * (PrintPage) provides it, the parts that load register their work, and "Imprimer" waits for all of it. The page carries
 * `data-print-ready` for tests and anything else that prints it.
 */
import { computed, inject, provide, ref, type ComputedRef, type InjectionKey } from 'vue'

interface PrintReadiness {
  /** Counts `work` as pending until it settles. */
  track: (work: Promise<unknown>) => void
  ready: ComputedRef<boolean>
  /** Resolves once nothing is pending (whatever was added meanwhile). */
  whenReady: () => Promise<void>
}

const KEY: InjectionKey<PrintReadiness> = Symbol('print-readiness')

export function providePrintReadiness(): PrintReadiness {
  const pending = ref(0)
  const works = new Set<Promise<unknown>>()
  const readiness: PrintReadiness = {
    track(work) {
      works.add(work)
      pending.value++
      void work.catch(() => undefined).finally(() => {
        works.delete(work)
        pending.value--
      })
    },
    ready: computed(() => pending.value === 0),
    async whenReady() {
      while (works.size > 0) await Promise.allSettled([...works])
    },
  }
  provide(KEY, readiness)
  return readiness
}

/** The page's readiness, or null outside a printed page (a map shown on screen only). */
export function usePrintReadiness(): PrintReadiness | null {
  return inject(KEY, null)
}
