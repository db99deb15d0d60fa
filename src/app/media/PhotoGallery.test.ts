import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Photo } from '../../core/model'
import { newId } from '../../core/sync/ids'
import { db } from '../db/db'
import { commitChanges } from '../db/writePath'
import { i18n } from '../i18n'
import PhotoGallery from './PhotoGallery.vue'

const fetchMissingBlob = vi.fn(async (_productionId: string, _sha256: string): Promise<Blob | null> => null)
vi.mock('../sync/blobFetch', () => ({ fetchMissingBlob: (productionId: string, sha256: string) => fetchMissingBlob(productionId, sha256) }))

/** Photo records as pulled from the team: their bytes are not on this phone (happy-dom cannot store Blobs anyway). */
async function pulledPhotos(ownerId: string, captions: string[]): Promise<Photo[]> {
  const records = captions.map((caption, order) => ({
    id: newId(), productionId: 'prod-1', createdAt: '', updatedAt: '', ownerId, ownerEntity: 'location', slot: '',
    sha256: String(order).repeat(64), mime: 'image/jpeg', size: 1000, width: 2048, height: 1536,
    takenAt: '2025-03-14T07:45:09', lat: 48.85, lng: 2.35, heading: 225, caption, stagingNote: '', order,
  }))
  await commitChanges(records.map((record) => ({ op: 'create' as const, entity: 'photo' as const, record })))
  return records as unknown as Photo[]
}

const mountGallery = (ownerId: string, editable = true) =>
  mount(PhotoGallery, { props: { productionId: 'prod-1', ownerId, editable }, global: { plugins: [i18n, createPinia()] }, attachTo: document.body })

afterEach(async () => {
  vi.restoreAllMocks()
  fetchMissingBlob.mockClear()
  await db.records('photo').clear()
  await db.outbox.clear()
  document.body.innerHTML = ''
})

describe('PhotoGallery', () => {
  it('shows the owner\'s photos in order, with a placeholder and a fetch for bytes not on this phone', async () => {
    const ownerId = newId()
    const [facade, cour] = await pulledPhotos(ownerId, ['Façade', 'Cour'])
    const wrapper = mountGallery(ownerId, false)
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="photo-item"]')).toHaveLength(2))
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="blob-placeholder"]').map((item) => item.text())).toEqual(['Photo pas encore reçue', 'Photo pas encore reçue']))
    expect(wrapper.findAll('.photo-item-caption').map((item) => item.text())).toEqual(['Façade', 'Cour'])
    expect(fetchMissingBlob.mock.calls).toEqual(expect.arrayContaining([['prod-1', facade!.sha256], ['prod-1', cour!.sha256]]))
    expect(wrapper.find('[name="caption"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('moves, captions and deletes photos, after confirmation', async () => {
    const ownerId = newId()
    const [facade] = await pulledPhotos(ownerId, ['Façade', 'Cour', 'Escalier'])
    const wrapper = mountGallery(ownerId)
    const captions = () => wrapper.findAll<HTMLInputElement>('[name="caption"]').map((input) => input.element.value)
    await vi.waitFor(() => expect(captions()).toEqual(['Façade', 'Cour', 'Escalier']))
    expect(wrapper.findAll('[data-testid="photo-up"]')[0]!.attributes('disabled')).toBeDefined()
    expect(wrapper.findAll('[data-testid="photo-down"]')[2]!.attributes('disabled')).toBeDefined()

    await wrapper.findAll('[data-testid="photo-down"]')[0]!.trigger('click')
    await vi.waitFor(() => expect(captions()).toEqual(['Cour', 'Façade', 'Escalier']))

    const input = wrapper.findAll('[name="caption"]')[1]!
    await input.setValue('Façade sur rue')
    await input.trigger('change')
    await vi.waitFor(async () => expect((await db.records('photo').get([facade!.productionId, facade!.id]))!.caption).toBe('Façade sur rue'))

    // happy-dom has no window.confirm.
    const confirm = vi.fn().mockReturnValueOnce(false).mockReturnValueOnce(true)
    Object.assign(window, { confirm })
    await wrapper.findAll('[data-testid="photo-remove"]')[0]!.trigger('click')
    await flushPromises()
    expect(captions()).toHaveLength(3)
    await wrapper.findAll('[data-testid="photo-remove"]')[0]!.trigger('click')
    await vi.waitFor(() => expect(captions()).toEqual(['Façade sur rue', 'Escalier']))
    expect(confirm).toHaveBeenCalledWith('Supprimer cette photo ? La suppression sera aussi envoyée à l\'équipe.')
    wrapper.unmount()
  })

  it('opens the viewer on a photo and goes through them with the arrow keys and swipes', async () => {
    const ownerId = newId()
    await pulledPhotos(ownerId, ['Façade', 'Cour'])
    const wrapper = mountGallery(ownerId, false)
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="photo-item"]')).toHaveLength(2))
    await wrapper.findAll('.photo-item-thumb')[0]!.trigger('click')
    const viewer = wrapper.get('[data-testid="photo-viewer"]')
    const title = () => wrapper.get('[data-testid="photo-viewer-title"]').text()
    expect(title()).toBe('Photo 1 sur 2')
    expect(viewer.text()).toContain('Façade')
    expect(viewer.text()).toContain('Cap 225° (SO)')
    expect(viewer.text()).toMatch(/Prise le 14 mars 2025.*07:45/)

    await viewer.trigger('keydown', { key: 'ArrowRight' })
    expect(title()).toBe('Photo 2 sur 2')
    await viewer.trigger('keydown', { key: 'ArrowRight' })
    expect(title()).toBe('Photo 2 sur 2')

    const stage = wrapper.get('[data-testid="photo-viewer-stage"]')
    await stage.trigger('pointerdown', { clientX: 300, clientY: 200 })
    await stage.trigger('pointerup', { clientX: 280, clientY: 200 }) // too short for a swipe
    expect(title()).toBe('Photo 2 sur 2')
    await stage.trigger('pointerdown', { clientX: 100, clientY: 200 })
    await stage.trigger('pointerup', { clientX: 300, clientY: 220 }) // finger moves right: previous photo
    expect(title()).toBe('Photo 1 sur 2')

    const dialog = viewer.element as HTMLDialogElement
    dialog.close()
    await vi.waitFor(() => expect(wrapper.find('[data-testid="photo-viewer"]').exists()).toBe(false))
    wrapper.unmount()
  })
})
