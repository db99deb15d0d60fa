import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { PendingBlobSummary } from '../../db/blobQueueStore'
import { i18n, setLocale } from '../../i18n'
import SyncPendingBlobs from './SyncPendingBlobs.vue'

const summary = (fields: Partial<PendingBlobSummary>): PendingBlobSummary => ({
  productionId: 'p1', productionName: 'Les Heures Claires', team: true, lastError: null,
  photos: { count: 0, bytes: 0 }, files: { count: 0, bytes: 0 }, ...fields,
})

const mountList = (summaries: PendingBlobSummary[]) => mount(SyncPendingBlobs, { props: { summaries }, global: { plugins: [i18n] } })

describe('SyncPendingBlobs', () => {
  it('shows per production the pending photos and files with their size, and why the last upload failed', () => {
    const wrapper = mountList([
      summary({ photos: { count: 3, bytes: 4_200_000 }, files: { count: 1, bytes: 300_000 }, lastError: 'too_large' }),
      summary({ productionId: 'p2', productionName: null, team: false, photos: { count: 1, bytes: 20_000 } }),
    ])
    const shared = wrapper.get('[data-testid="pending-blobs-p1"]').text()
    expect(shared).toContain('Les Heures Claires')
    expect(shared).toContain('3 photos en attente (4,2 Mo)')
    expect(shared).toContain('1 fichier en attente (0,3 Mo)')
    expect(wrapper.get('[data-testid="blob-error"]').text()).toBe('Dernier envoi échoué : fichier trop lourd (25 Mo maximum). Remplacez-le par une version plus légère.')
    const local = wrapper.get('[data-testid="pending-blobs-p2"]').text()
    expect(local).toContain('1 photo en attente (0,1 Mo)')
    expect(local).toContain('Production non partagée')
  })

  it('explains an error code it does not know in general terms, and shows nothing when nothing waits', async () => {
    expect(mountList([summary({ photos: { count: 1, bytes: 1 }, lastError: 'teapot' })]).get('[data-testid="blob-error"]').text()).toContain('refusé par le serveur')
    expect(mountList([]).find('[data-testid="pending-blobs"]').exists()).toBe(false)
    await setLocale('en', false)
    try {
      expect(mountList([summary({ photos: { count: 2, bytes: 2_000_000 } })]).text()).toContain('2 photos waiting (2 MB)')
    } finally {
      await setLocale('fr', false)
    }
  })
})
