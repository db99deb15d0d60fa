import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { InventoryItem, RentalHouse } from '../../../core/model'
import { newId } from '../../../core/sync/ids'
import { db } from '../../db/db'
import { repositoryFor } from '../records/repositories'
import ReturnsHouseView from './ReturnsHouseView.vue'
import { mountPage } from './testMount'

const houses = repositoryFor<RentalHouse>('rentalHouse')
const items = repositoryFor<InventoryItem>('inventoryItem')

async function setup() {
  const pid = newId()
  const house = await houses.create(pid, { name: 'Lumière Paris', category: 'lights', contactName: 'Sophie Leroy' })
  if (!house.ok) throw new Error(JSON.stringify(house.errors))
  const item = await items.create(pid, { rentalHouseId: house.record.id, name: 'Projecteur HMI 4 kW', quantityOut: 3, quantityBack: 0, condition: 'ok' })
  if (!item.ok) throw new Error(JSON.stringify(item.errors))
  const outboxBefore = await db.outbox.count()
  const wrapper = await mountPage(ReturnsHouseView, '/p/:pid/:view(rental-houses)/:id/return', `/p/${pid}/rental-houses/${house.record.id}/return`)
  await vi.waitFor(() => expect(wrapper.find(`[data-testid="return-item-${item.record.id}"]`).exists()).toBe(true))
  const row = () => wrapper.get(`[data-testid="return-item-${item.record.id}"]`)
  const input = () => row().get<HTMLInputElement>('[name="quantityBack"]')
  const stored = async () => (await items.get(item.record.productionId, item.record.id))!.quantityBack
  return { wrapper, row, input, stored, outboxBefore }
}

async function typeBack(input: ReturnType<Awaited<ReturnType<typeof setup>>['input']>, text: string) {
  await input.setValue(text)
  await input.trigger('change')
  await flushPromises()
}

afterEach(async () => {
  document.body.innerHTML = ''
  await Promise.all([db.records('rentalHouse').clear(), db.records('inventoryItem').clear(), db.outbox.clear(), db.meta.clear()])
})

describe('ReturnsHouseView', () => {
  it('refuses more back than out: says why next to the item, keeps the typed value, saves nothing', async () => {
    const { wrapper, row, input, stored, outboxBefore } = await setup()
    await typeBack(input(), '5')
    await vi.waitFor(() => expect(row().find('[data-testid="error-quantityBack"]').exists()).toBe(true))
    expect(row().get('[data-testid="error-quantityBack"]').text()).toBe('Plus de matériel rendu que sorti : vérifiez les quantités.')
    expect(input().element.value).toBe('5')
    expect(input().attributes('aria-invalid')).toBe('true')
    expect(await stored()).toBe(0)
    expect(await db.outbox.count()).toBe(outboxBefore)

    await typeBack(input(), '-1')
    await vi.waitFor(() => expect(row().get('[data-testid="error-quantityBack"]').text()).toBe('La valeur ne peut pas être négative.'))
    expect(input().element.value).toBe('-1')
    expect(await stored()).toBe(0)
    wrapper.unmount()
  })

  it('saves a valid quantity and "tout rendu", clearing the message, and warns before signing while items are out', async () => {
    const { wrapper, row, input, stored } = await setup()
    expect(wrapper.get('[data-testid="slip-warnings"]').text()).toContain('3 unités sont encore dehors')

    await typeBack(input(), '9')
    await vi.waitFor(() => expect(row().find('[data-testid="error-quantityBack"]').exists()).toBe(true))
    await typeBack(input(), '2')
    await vi.waitFor(async () => expect(await stored()).toBe(2))
    await vi.waitFor(() => expect(row().find('[data-testid="error-quantityBack"]').exists()).toBe(false))
    await vi.waitFor(() => expect(wrapper.get('[data-testid="slip-warnings"]').text()).toContain('1 unité est encore dehors'))

    await row().get('[data-testid="all-back"]').trigger('click')
    await vi.waitFor(async () => expect(await stored()).toBe(3))
    await vi.waitFor(() => expect(input().element.value).toBe('3'))
    await vi.waitFor(() => expect(wrapper.find('[data-testid="slip-warnings"]').exists()).toBe(false))
    wrapper.unmount()
  })
})
