import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ConditionReport, Location } from '../../../core/model'
import { newId } from '../../../core/sync/ids'
import { db } from '../../db/db'
import { repositoryFor } from '../records/repositories'
import ReturnsReportPrint from './ReturnsReportPrint.vue'
import { mountPage } from './testMount'

vi.mock('../../sync/blobFetch', () => ({ fetchMissingBlob: async () => null }))

const ownerSignature = { role: 'owner', name: 'Hélène Morel', signedAt: '2025-06-19T16:30:00.000Z', sha256: 'b'.repeat(64) }

async function printReport(signatures: unknown[]) {
  const pid = newId()
  const location = await repositoryFor<Location>('location').create(pid, { name: 'Appartement Morel', intExt: 'INT', setting: 'natural', status: 'confirmed' })
  if (!location.ok) throw new Error(JSON.stringify(location.errors))
  const report = await repositoryFor<ConditionReport>('conditionReport').create(pid, {
    locationId: location.record.id, phase: 'exit', date: '2025-06-19', signatures,
    rooms: [{ name: 'Séjour', zones: ['parquet', 'marble'], condition: 'Bon état', defects: ['Éclat au marbre de la cheminée'] }],
  })
  if (!report.ok) throw new Error(JSON.stringify(report.errors))
  const wrapper = await mountPage(ReturnsReportPrint, '/p/:pid/:view(condition-reports)/:id/print', `/p/${pid}/condition-reports/${report.record.id}/print`)
  await vi.waitFor(() => expect(wrapper.find('[data-testid="print-room-Séjour"]').exists()).toBe(true))
  return wrapper
}

afterEach(async () => {
  document.body.innerHTML = ''
  await Promise.all([db.records('location').clear(), db.records('conditionReport').clear(), db.outbox.clear(), db.meta.clear()])
})

describe('ReturnsReportPrint', () => {
  it('prints an unsigned report saying so plainly, and warns on screen before printing', async () => {
    const wrapper = await printReport([])
    expect(wrapper.get('h1').text()).toBe('État des lieux de sortie')
    expect(wrapper.get('[data-testid="print-room-Séjour"]').text()).toContain('Parquet, Marbre')
    const warnings = wrapper.get('[data-testid="print-warnings"]')
    expect(warnings.text()).toContain('Signatures manquantes : le document s\'imprimera avec la mention « Non signé ».')
    expect(warnings.findAll('li').map((line) => line.text())).toEqual(['Pour le propriétaire ou son représentant', 'Pour la production (régisseur)'])
    expect(warnings.classes()).toContain('screen-only')
    expect(wrapper.get('[data-testid="print-signature-owner"]').text()).toContain('Non signé')
    expect(wrapper.get('[data-testid="print-signature-production"]').text()).toContain('Non signé')
    wrapper.unmount()
  })

  it('names who signed and when, and warns only about the missing signature', async () => {
    const wrapper = await printReport([ownerSignature])
    // 16:30 UTC is 18:30 in Paris in June: the time printed is the French one.
    expect(wrapper.get('[data-testid="print-signature-owner"]').text()).toContain('Hélène Morel')
    expect(wrapper.get('[data-testid="print-signature-owner"]').text()).toContain('Signé le 19/06/2025 18:30')
    expect(wrapper.get('[data-testid="print-signature-production"]').text()).toContain('Non signé')
    expect(wrapper.get('[data-testid="print-warnings"]').findAll('li').map((line) => line.text())).toEqual(['Pour la production (régisseur)'])
    wrapper.unmount()
  })
})
