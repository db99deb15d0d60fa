import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { InventoryItem, RentalHouse } from '../../../core/model'
import { returnsToday } from '../../../core/rules/returns'
import { addCalendarDays } from '../../../core/rules/workingDays'
import { newId } from '../../../core/sync/ids'
import { db } from '../../db/db'
import { repositoryFor } from '../records/repositories'
import ReturnsDashboard from './ReturnsDashboard.vue'
import { mountPage } from './testMount'

const today = returnsToday()
const houses = repositoryFor<RentalHouse>('rentalHouse')
const items = repositoryFor<InventoryItem>('inventoryItem')

async function house(productionId: string, name: string, dueInDays: number) {
  const result = await houses.create(productionId, { name, category: 'camera', dueDate: addCalendarDays(today, dueInDays) })
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.record
}

async function item(productionId: string, rentalHouseId: string, quantityOut: number, quantityBack: number) {
  const result = await items.create(productionId, { rentalHouseId, name: `Article ${quantityOut}`, quantityOut, quantityBack, condition: 'ok' })
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.record
}

afterEach(async () => {
  document.body.innerHTML = ''
  await Promise.all([db.records('rentalHouse').clear(), db.records('inventoryItem').clear(), db.outbox.clear(), db.meta.clear()])
})

describe('ReturnsDashboard', () => {
  it('lists rental houses overdue first, then by nearest due date, nothing out last, and follows the database', async () => {
    const pid = newId()
    const camera = await house(pid, 'Aaa Caméra', 10)
    const lights = await house(pid, 'Zzz Lumière', -2)
    const sound = await house(pid, 'Bbb Son', -5)
    const grip = await house(pid, 'Mmm Machino', 3)
    await item(pid, camera.id, 4, 1)
    const late = await item(pid, lights.id, 2, 0)
    await item(pid, sound.id, 6, 6)
    await item(pid, grip.id, 1, 0)

    const wrapper = await mountPage(ReturnsDashboard, '/p/:pid/:view(returns)', `/p/${pid}/returns`)
    const order = () => wrapper.findAll('[data-testid^="returns-house-"]').map((card) => card.find('strong').text())
    await vi.waitFor(() => expect(order()).toEqual(['Zzz Lumière', 'Mmm Machino', 'Aaa Caméra', 'Bbb Son']))
    const totals = wrapper.get('[data-testid="returns-totals"]').findAll('strong').map((figure) => figure.text())
    // Units out, overdue lines, damaged or missing lines, returned slips still to sign (Bbb Son).
    expect(totals).toEqual(['6', '1', '0', '1'])
    expect(wrapper.get(`[data-testid="returns-house-${lights.id}"]`).text()).toContain('1 en retard')

    // The late rental house brings everything back (on this phone or another): it joins the returned ones.
    expect((await items.update(late.productionId, late.id, { quantityBack: 2 })).ok).toBe(true)
    await vi.waitFor(() => expect(order()).toEqual(['Mmm Machino', 'Aaa Caméra', 'Bbb Son', 'Zzz Lumière']))
    await flushPromises()
    wrapper.unmount()
  })

  it('says so when there is no rental house yet', async () => {
    const wrapper = await mountPage(ReturnsDashboard, '/p/:pid/:view(returns)', `/p/${newId()}/returns`)
    await vi.waitFor(() => expect(wrapper.text()).toContain('Aucun loueur.'))
    expect(wrapper.findAll('[data-testid^="returns-house-"]')).toHaveLength(0)
    wrapper.unmount()
  })
})
