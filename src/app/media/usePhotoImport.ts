/**
 * Adds picked photos to a record one at a time, in the background: each file is checked, shrunk in a worker and
 * stored with its record; a refused file is reported in the user's words and the others go on. A photo taken with
 * the camera whose EXIF has no position gets the phone's, asked once per batch with a short timeout. The queue
 * outlives the component: photos the user picked are saved even if they leave the page meanwhile.
 */
import { computed, onScopeDispose, ref, shallowRef } from 'vue'
import type { EntityName } from '../../core/model'
import { addPhoto } from '../db/blobStore'
import { StorageFailure } from '../db/storageErrors'
import { ReadOnlyProduction } from '../db/writeErrors'
import { ImageRefusal, processImage } from './processImage'

export interface PhotoTarget {
  productionId: string
  ownerEntity: EntityName
  ownerId: string
  slot: string
}

/** A file that was not added: `key` is a locale message taking the file's `name`. */
export interface PhotoRefusal {
  id: number
  fileName: string
  key: string
}

type Position = { lat: number; lng: number }

interface Job {
  file: File
  target: PhotoTarget
  position: Promise<Position | null> | null
}

/** Long enough for a GPS fix outdoors, short enough that a pending permission prompt never holds photos back for long. */
const POSITION_WAIT_MS = 5000
/** A position coarser than this (a cell tower) would put the décor in the wrong street. */
const POSITION_ACCURACY_M = 150

function devicePosition(): Promise<Position | null> {
  if (typeof navigator === 'undefined' || !navigator.geolocation) return Promise.resolve(null)
  return new Promise((resolve) => {
    // getCurrentPosition's own timeout does not count the time its permission prompt stays open; this one does.
    const timer = setTimeout(() => resolve(null), POSITION_WAIT_MS)
    const done = (position: Position | null) => {
      clearTimeout(timer)
      resolve(position)
    }
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => done(coords.accuracy <= POSITION_ACCURACY_M ? { lat: coords.latitude, lng: coords.longitude } : null),
      () => done(null),
      { enableHighAccuracy: true, timeout: POSITION_WAIT_MS, maximumAge: 60_000 },
    )
  })
}

function refusalKey(error: unknown): string {
  if (error instanceof ImageRefusal) return `media.refused.${error.kind}`
  if (error instanceof StorageFailure && error.kind === 'quota') return 'media.refused.storageFull'
  if (error instanceof ReadOnlyProduction) return 'errors.readOnly'
  return 'media.refused.saveFailed'
}

export function usePhotoImport(options: { onAdded: (ids: string[]) => void }) {
  const current = shallowRef(0)
  const total = shallowRef(0)
  const refusals = ref<PhotoRefusal[]>([])
  const queue: Job[] = []
  let added: string[] = []
  let nextRefusalId = 1
  let listening = true
  onScopeDispose(() => {
    listening = false
  })

  async function store(job: Job): Promise<string> {
    const processed = await processImage(job.file)
    const position = processed.lat === null && job.position ? await job.position : null
    const photo = await addPhoto({ ...job.target, processed: position ? { ...processed, ...position } : processed })
    return photo.id
  }

  async function drain() {
    while (queue.length > 0) {
      const job = queue.shift()!
      current.value += 1
      try {
        added.push(await store(job))
      } catch (error) {
        // A refused file is the user's to fix; anything else is ours, and the log says which record it was for.
        if (!(error instanceof ImageRefusal)) console.error('Photo not added to', job.target.ownerEntity, job.target.ownerId, error)
        refusals.value.push({ id: nextRefusalId++, fileName: job.file.name, key: refusalKey(error) })
      }
    }
    const ids = added
    added = []
    current.value = 0
    total.value = 0
    if (listening && ids.length > 0) options.onAdded(ids)
  }

  /** Queues files for a record; `locate` asks the phone's position for those without one in their EXIF. */
  function add(files: File[], target: PhotoTarget, locate: boolean) {
    if (files.length === 0) return
    // Asked now, so the fix is found while the first photo is being shrunk.
    const position = locate ? devicePosition() : null
    const idle = total.value === 0
    queue.push(...files.map((file) => ({ file, target, position })))
    total.value += files.length
    if (idle) void drain()
  }

  function dismiss(id: number) {
    refusals.value = refusals.value.filter((refusal) => refusal.id !== id)
  }

  return {
    add,
    dismiss,
    /** "Photo 2 of 5" while photos are being added, else null. */
    progress: computed(() => (total.value > 0 ? { current: current.value, total: total.value } : null)),
    refusals: computed(() => refusals.value),
  }
}
