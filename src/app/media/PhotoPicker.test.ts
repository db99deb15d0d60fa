import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { StorageFailure } from '../db/storageErrors'
import { i18n, setLocale } from '../i18n'
import PhotoPicker from './PhotoPicker.vue'
import * as processing from './processImage'
import type { ProcessedImage } from './processImage'

// happy-dom cannot decode images: files named ok*.jpg stand for photos that decode; every other file goes
// through the real processImage, whose refusals all happen before decoding.
vi.mock('./processImage', async (importOriginal) => {
  const actual = await importOriginal<typeof processing>()
  return { ...actual, processImage: vi.fn(actual.processImage) }
})
const addPhoto = vi.fn()
vi.mock('../db/blobStore', () => ({ addPhoto: (...args: unknown[]) => addPhoto(...args) }))

const decoded = (lat: number | null = null): ProcessedImage => ({
  blob: new Blob(['jpeg'], { type: 'image/jpeg' }),
  sha256: 'a'.repeat(64),
  mime: 'image/jpeg',
  size: 4,
  width: 2048,
  height: 1536,
  takenAt: '2025-03-14T07:45:09',
  lat,
  lng: lat === null ? null : 2.35,
  heading: null,
})

const JPEG_START = [0xff, 0xd8, 0xff, 0xe0]
const HEIC_START = [0, 0, 0, 0x18, ...Array.from('ftypheic', (char) => char.charCodeAt(0)), 0, 0, 0, 0]
const file = (name: string, bytes: number[] | string, type: string) => new File([typeof bytes === 'string' ? bytes : Uint8Array.from(bytes)], name, { type })

function mountPicker() {
  return mount(PhotoPicker, {
    props: { productionId: 'prod-1', ownerEntity: 'location', ownerId: 'loc-1' },
    global: { plugins: [i18n] },
  })
}

async function pick(wrapper: ReturnType<typeof mountPicker>, testId: string, files: File[]) {
  const input = wrapper.get(`[data-testid="${testId}"]`)
  Object.defineProperty(input.element, 'files', { value: files, configurable: true })
  await input.trigger('change')
}

let realProcess: typeof processing.processImage
beforeEach(async () => {
  realProcess = (await vi.importActual<typeof processing>('./processImage')).processImage
  let nextId = 1
  addPhoto.mockReset().mockImplementation(async () => ({ id: `photo-${nextId++}` }))
  vi.mocked(processing.processImage).mockImplementation(async (picked) => (picked.name.startsWith('ok') ? decoded() : realProcess(picked)))
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('PhotoPicker', () => {
  it('refuses a text file in French, saying what to pick instead', async () => {
    const wrapper = mountPicker()
    await pick(wrapper, 'choose-photos', [file('repérages.txt', 'Liste des décors', 'text/plain')])
    await flushPromises()
    expect(wrapper.get('[data-testid="photo-refusal"]').text()).toContain("« repérages.txt » n'est pas une photo : choisissez une image JPEG, PNG ou WebP.")
    expect(addPhoto).not.toHaveBeenCalled()
    expect(wrapper.emitted('added')).toBeUndefined()
  })

  it('goes on after a refusal, shows its progress, and emits the ids of the photos added', async () => {
    let release: () => void = () => {}
    vi.mocked(processing.processImage).mockImplementation(async (picked) => {
      if (picked.name === 'ok-2.jpg') await new Promise<void>((resolve) => (release = resolve))
      return picked.name.startsWith('ok') ? decoded() : realProcess(picked)
    })
    const wrapper = mountPicker()
    const huge = file('rush.jpg', JPEG_START, 'image/jpeg')
    Object.defineProperty(huge, 'size', { value: 41 * 1024 * 1024 })
    await pick(wrapper, 'choose-photos', [
      file('ok-1.jpg', JPEG_START, 'image/jpeg'),
      file('notes.txt', 'texte', 'text/plain'),
      file('IMG_0042.HEIC', HEIC_START, 'image/heic'),
      huge,
      file('ok-2.jpg', JPEG_START, 'image/jpeg'),
    ])
    await flushPromises()
    expect(wrapper.get('[data-testid="photo-progress"]').text()).toBe('Photo 5 sur 5…')
    const refusals = wrapper.findAll('[data-testid="photo-refusal"]').map((item) => item.text())
    expect(refusals).toHaveLength(3)
    expect(refusals[0]).toContain("« notes.txt » n'est pas une photo")
    expect(refusals[1]).toContain('« IMG_0042.HEIC » est dans un format que ce navigateur ne sait pas lire')
    expect(refusals[2]).toContain('« rush.jpg » est trop lourde (plus de 40 Mo)')

    release()
    await flushPromises()
    expect(wrapper.find('[data-testid="photo-progress"]').exists()).toBe(false)
    expect(wrapper.emitted('added')).toEqual([[['photo-1', 'photo-2']]])
    expect(addPhoto).toHaveBeenCalledWith(expect.objectContaining({ productionId: 'prod-1', ownerEntity: 'location', ownerId: 'loc-1', slot: '' }))

    await wrapper.findAll('[data-testid="photo-refusal"] button')[0]!.trigger('click')
    expect(wrapper.findAll('[data-testid="photo-refusal"]')).toHaveLength(2)
  })

  it('says when the phone is full, and logs which record the photo was for', async () => {
    addPhoto.mockRejectedValueOnce(new StorageFailure('quota', new DOMException('full', 'QuotaExceededError')))
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const wrapper = mountPicker()
    await pick(wrapper, 'take-photo', [file('ok-cuisine.jpg', JPEG_START, 'image/jpeg')])
    await flushPromises()
    expect(wrapper.get('[data-testid="photo-refusal"]').text()).toContain("« ok-cuisine.jpg » n'a pas été enregistrée : le stockage du téléphone est plein.")
    expect(log).toHaveBeenCalledWith('Photo not added to', 'location', 'loc-1', expect.any(StorageFailure))
    expect(wrapper.emitted('added')).toBeUndefined()
  })

  it('gives a camera photo without GPS the phone\'s position, never a photo from the gallery', async () => {
    const getCurrentPosition = vi.fn((success: PositionCallback) =>
      success({ coords: { latitude: 43.2965, longitude: 5.3698, accuracy: 12 } } as GeolocationPosition),
    )
    vi.stubGlobal('navigator', { ...navigator, geolocation: { getCurrentPosition } })
    const wrapper = mountPicker()
    await pick(wrapper, 'take-photo', [file('ok-camera.jpg', JPEG_START, 'image/jpeg')])
    await flushPromises()
    await pick(wrapper, 'choose-photos', [file('ok-old.jpg', JPEG_START, 'image/jpeg')])
    await flushPromises()
    expect(getCurrentPosition).toHaveBeenCalledTimes(1)
    expect(addPhoto.mock.calls[0]![0].processed).toMatchObject({ lat: 43.2965, lng: 5.3698 })
    expect(addPhoto.mock.calls[1]![0].processed).toMatchObject({ lat: null, lng: null })
  })

  it('does not wait for a position the phone never gives', async () => {
    vi.useFakeTimers()
    try {
      vi.stubGlobal('navigator', { ...navigator, geolocation: { getCurrentPosition: vi.fn() } })
      const wrapper = mountPicker()
      await pick(wrapper, 'take-photo', [file('ok-camera.jpg', JPEG_START, 'image/jpeg')])
      await vi.advanceTimersByTimeAsync(5000)
      await flushPromises()
      expect(addPhoto.mock.calls[0]![0].processed).toMatchObject({ lat: null, lng: null })
      expect(wrapper.emitted('added')).toEqual([[['photo-1']]])
    } finally {
      vi.useRealTimers()
    }
  })

  it('speaks English when the language is English', async () => {
    await setLocale('en', false)
    try {
      const wrapper = mountPicker()
      expect(wrapper.text()).toContain('Take a photo')
      await pick(wrapper, 'choose-photos', [file('scan.pdf', '%PDF-1.7', 'application/pdf')])
      await flushPromises()
      expect(wrapper.get('[data-testid="photo-refusal"]').text()).toContain('“scan.pdf” is not a photo')
    } finally {
      await setLocale('fr', false)
    }
  })
})
