import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Placement, ShootDay, Vehicle } from '../../../../core/model'
import { fromLocalMetres } from '../../../../core/rules/footprint'
import { planNumbers } from '../../../../core/rules/vehiclePlanEditing'
import { newId } from '../../../../core/sync/ids'
import { db } from '../../../db/db'
import { mountPermitPage } from '../../permits/permitTestMount'
import { repositoryFor } from '../../records/repositories'
import { useNoticeStore } from '../../../ui/noticeStore'
import PlanMap from './PlanMap.vue'
import VehiclePlanView from './VehiclePlanView.vue'

async function create<T>(entity: 'production' | 'location' | 'shootDay' | 'vehicle' | 'placement', pid: string, input: Record<string, unknown>): Promise<T> {
  const result = await repositoryFor(entity).create(pid, input)
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.record as T
}

afterEach(async () => {
  document.body.innerHTML = ''
  await Promise.all(['production', 'location', 'shootDay', 'vehicle', 'placement'].map((entity) => db.records(entity as 'placement').clear()))
  await Promise.all([db.outbox.clear(), db.meta.clear(), db.teams.clear()])
})

/** A Paris production, a décor in the 9e on two shoot days, six vans parked in a row on day 1. */
async function seed() {
  const production = await create<{ id: string }>('production', '', { name: 'Mogador', kind: 'feature', city: 'Paris' })
  const pid = production.id
  const decor = await create<{ id: string }>('location', pid, { name: 'Théâtre Mogador', intExt: 'INT', setting: 'natural', status: 'confirmed', postcode: '75009' })
  const day1 = await create<ShootDay>('shootDay', pid, { number: 1, date: '2099-03-08', dayType: 'normal', locationIds: [decor.id] })
  const day2 = await create<ShootDay>('shootDay', pid, { number: 2, date: '2099-03-09', dayType: 'normal', locationIds: [] })
  const placements: Placement[] = []
  for (let i = 0; i < 6; i++) {
    const van = await create<Vehicle>('vehicle', pid, { name: `Utilitaire ${i + 1}`, kind: 'van', lengthM: 6.5, widthM: 2.2 })
    const [lat, lng] = fromLocalMetres([48.8752, 2.3318], { east: i * 8, north: 0 })
    placements.push(await create<Placement>('placement', pid, { vehicleId: van.id, shootDayId: day1.id, locationId: decor.id, lat, lng, heading: 90, onStreet: true }))
  }
  return { pid, day1, day2, placements }
}

// Dragging on the map itself is proven in the browser (test/e2e/vehicle-plan.spec.ts); here the screen around it.
const mountPlan = (url: string) => mountPermitPage(VehiclePlanView, '/p/:pid/:view(vehicle-plan)', url)

describe('VehiclePlanView', () => {
  it('opens on the next shoot day, shows the Paris cap broken in the 9e, and fixes it when a van leaves the street', async () => {
    const { pid, placements } = await seed()
    const wrapper = await mountPlan(`/p/${pid}/vehicle-plan`)
    const findings = () => wrapper.find('[data-testid="plan-findings"]')
    await vi.waitFor(() => expect(findings().text()).toContain('6 véhicules techniques sur la voie publique dans le 9e : 5 au plus'))
    expect(wrapper.get('[data-testid="plan-rule-set"]').text()).toContain('Paris (2024)')
    expect(wrapper.get('[data-testid="plan-rule-set"]').text()).toContain('zone 9e')
    expect(wrapper.findAll('[data-testid="plan-list-row"]')).toHaveLength(6)

    await wrapper.findAll('[data-testid="plan-list-row"]')[5]!.trigger('click')
    await vi.waitFor(() => expect(wrapper.get('[data-testid="plan-vehicle-name"]').text()).toBe('Utilitaire 6'))

    // A departure before the arrival is refused, with the French message, and nothing is written.
    const stored = () => repositoryFor<Placement>('placement').get(placements[5]!.productionId, placements[5]!.id)
    await wrapper.get('[data-testid="plan-arrival"]').setValue('08:00')
    await wrapper.get('[data-testid="plan-arrival"]').trigger('change')
    await vi.waitFor(async () => expect(await stored()).toMatchObject({ arrival: '08:00' }))
    const pending = await db.outbox.count()
    await wrapper.get('[data-testid="plan-departure"]').setValue('07:30')
    await wrapper.get('[data-testid="plan-departure"]').trigger('change')
    await vi.waitFor(() => expect(wrapper.get('[data-testid="plan-vehicle-error"]').text()).toBe("Le départ doit être après l'arrivée."))
    expect(await db.outbox.count()).toBe(pending)
    expect(await stored()).toMatchObject({ arrival: '08:00', departure: '' })

    // Off the street: one patch of one field, and the cap holds again.
    await wrapper.get('[data-testid="plan-on-street"]').setValue(false)
    await vi.waitFor(() => expect(wrapper.get('[data-testid="plan-counts"]').text()).toContain('5 véhicules sur la voie publique · 1 hors voirie'))
    expect(findings().exists() ? findings().text() : '').not.toContain('5 au plus')
    const patch = (await db.outbox.toArray()).at(-1)!
    expect(patch).toMatchObject({ name: 'placement.patch', args: { id: placements[5]!.id, fields: { onStreet: false } } })
    wrapper.unmount()
  })

  it('shows a viewer the plan, its checks and its prints, with nothing that would change it', async () => {
    const { pid, day1 } = await seed()
    await db.teams.put({ productionId: pid, serverUrl: '', token: 'token-of-a-viewer', memberId: 'm', sessionId: 's', role: 'viewer', cursor: 0, lastSyncAt: null, lastError: null })
    const pending = await db.outbox.count()
    const wrapper = await mountPlan(`/p/${pid}/vehicle-plan?day=${day1.id}`)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="read-only"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="read-only"]').text()).toContain('Lecture seule')
    // The findings follow once the day's vehicles are read (later on a busy machine).
    await vi.waitFor(() => expect(wrapper.find('[data-testid="plan-findings"]').exists()).toBe(true))
    for (const control of ['plan-add', 'plan-draw-kerb', 'plan-draw-area', 'plan-copy']) expect(wrapper.find(`[data-testid="${control}"]`).exists()).toBe(false)
    expect(wrapper.findComponent(PlanMap).props('movable')).toBe(false)
    expect(wrapper.find('[data-testid="plan-findings"]').text()).toContain('5 au plus')
    expect(wrapper.find('[data-testid="plan-print"]').exists()).toBe(true)

    await wrapper.findAll('[data-testid="plan-list-row"]')[0]!.trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="plan-vehicle-panel"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="plan-vehicle-panel"] fieldset').attributes('disabled')).toBeDefined()
    expect(wrapper.find('[data-testid="plan-remove"]').exists()).toBe(false)
    // A drop that reaches the editor anyway is refused on the phone: nothing stored, nothing to send.
    wrapper.findComponent(PlanMap).vm.$emit('move', { id: (await db.records('placement').toCollection().first())!.id, lat: 48.8, lng: 2.3, heading: 0 })
    await vi.waitFor(() => expect(useNoticeStore().notices.map((notice) => notice.key)).toContain('errors.readOnly'))
    expect(await db.outbox.count()).toBe(pending)
    wrapper.unmount()
  })

  it('writes a drop as one move: parked along the kerb 3 m away, with its street, side and house numbers', async () => {
    const { pid, day1, placements } = await seed()
    const kerb = { id: 'k1', street: 'Rue de Mogador', side: 'odd', startNumber: 1, endNumber: 41, points: [[48.8753, 2.3300], [48.8753, 2.3400]] }
    const updated = await repositoryFor<ShootDay>('shootDay').update(day1.productionId, day1.id, { kerbs: [kerb] })
    expect(updated.ok).toBe(true)
    const wrapper = await mountPlan(`/p/${pid}/vehicle-plan?day=${day1.id}`)
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="plan-list-row"]')).toHaveLength(6))
    const before = await db.outbox.count()
    const [lat, lng] = fromLocalMetres([48.8753, 2.3350], { east: 0, north: -3 })
    wrapper.findComponent(PlanMap).vm.$emit('move', { id: placements[0]!.id, lat, lng, heading: 80 })
    await vi.waitFor(async () => expect(await db.outbox.count()).toBe(before + 1))
    const move = (await db.outbox.toArray()).at(-1)!
    // The whole position, as one value: turned back along the kerb (80° → 90°), with the kerb's street reading.
    expect(move).toMatchObject({
      name: 'placement.move',
      args: { id: placements[0]!.id, position: { kerbId: 'k1', street: 'Rue de Mogador', side: 'odd', heading: 90, lat: expect.closeTo(48.8753, 4) } },
    })
    const fields = (move.args as unknown as { position: Record<string, number> }).position
    // Odd numbers, inside the kerb's 1 to 41 (a house every 37 m here: the van stands in front of one).
    expect(fields.fromNumber! % 2).toBe(1)
    expect(fields.toNumber!).toBeGreaterThanOrEqual(fields.fromNumber!)
    expect(fields.fromNumber!).toBeGreaterThanOrEqual(1)
    expect(fields.toNumber!).toBeLessThanOrEqual(41)
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="plan-list-row"]')[0]!.text()).toContain('Rue de Mogador'))
    wrapper.unmount()
  })

  it('copies the plan to two days in one go, then replaces one of them; every vehicle keeps its number', async () => {
    const { pid, day1, day2, placements } = await seed()
    const day3 = await create<ShootDay>('shootDay', pid, { number: 3, date: '2099-03-10', dayType: 'normal', locationIds: [] })
    const wrapper = await mountPlan(`/p/${pid}/vehicle-plan?day=${day1.id}`)
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="plan-list-row"]')).toHaveLength(6))
    const days = () => wrapper.findAll('[data-testid="plan-copy-day"]')
    const submit = () => wrapper.get('[data-testid="plan-copy-submit"]')
    expect(days()).toHaveLength(2)
    await days()[0]!.setValue(true)
    await days()[1]!.setValue(true)
    // Two empty days: nothing to ask.
    expect(wrapper.find('[data-testid="plan-copy-mode"]').exists()).toBe(false)
    expect(submit().text()).toBe('Copier vers 2 journées')
    const before = await db.outbox.count()
    await wrapper.get('[data-testid="plan-copy"] form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="plan-copy-report"] li')).toHaveLength(2))
    const report = wrapper.get('[data-testid="plan-copy-report"]').text()
    expect(report).toMatch(/J2.*6 véhicules copiés\..*Décor retiré pour 6 véhicules/)
    expect(report).toMatch(/J3.*6 véhicules copiés\./)
    // One transaction, one create per copy.
    expect(await db.outbox.count()).toBe(before + 12)
    const onDay = async (id: string) => (await repositoryFor<Placement>('placement').list(pid)).filter((placement) => placement.shootDayId === id)
    const firstCopies = await onDay(day2.id)
    expect(firstCopies).toHaveLength(6)
    expect(firstCopies.every((copy) => copy.locationId === '' && typeof copy.lat === 'number')).toBe(true)
    // The copies were made in one go; each still carries its vehicle's number.
    const vehicles = new Map((await repositoryFor<Vehicle>('vehicle').list(pid)).map((vehicle) => [vehicle.id, vehicle]))
    const numberOn = (list: readonly Placement[]) => {
      const numbers = planNumbers(list, vehicles)
      return new Map(list.map((placement) => [placement.vehicleId, numbers.get(placement.id)]))
    }
    expect(numberOn(firstCopies)).toEqual(numberOn(placements))
    expect(numberOn(await onDay(day3.id))).toEqual(numberOn(placements))

    // Day 2 again: it has vehicles now, so "compléter" or "remplacer" must be chosen before anything is copied.
    await days()[0]!.setValue(true)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="plan-copy-mode"]').exists()).toBe(true))
    expect(wrapper.findAll('.plan-copy-day')[0]!.text()).toContain('6 véhicules')
    expect(submit().attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="plan-copy-replace"]').setValue(true)
    expect(submit().attributes('disabled')).toBeUndefined()
    await wrapper.get('[data-testid="plan-copy"] form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.get('[data-testid="plan-copy-report"]').text()).toContain('6 véhicules retirés (remplacés).'))
    const replaced = await onDay(day2.id)
    expect(replaced).toHaveLength(6)
    expect(replaced.some((placement) => firstCopies.some((copy) => copy.id === placement.id))).toBe(false)
    expect(numberOn(replaced)).toEqual(numberOn(placements))
    wrapper.unmount()
  })

  it('fills an empty catalogue with the typical vehicles and places the one tapped at the day\'s décor', async () => {
    const pid = newId()
    const decor = await create<{ id: string }>('location', pid, { name: 'Théâtre Mogador', intExt: 'INT', setting: 'natural', status: 'confirmed' })
    const day = await create<ShootDay>('shootDay', pid, { number: 1, date: '2099-03-08', dayType: 'normal', locationIds: [decor.id] })
    const wrapper = await mountPlan(`/p/${pid}/vehicle-plan?day=${day.id}`)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="plan-add"]').exists()).toBe(true))
    await wrapper.get('[data-testid="plan-add"]').trigger('click')
    await wrapper.get('[data-testid="plan-add-typical"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="plan-add-vehicle"]')).toHaveLength(10))
    const names = (await repositoryFor<Vehicle>('vehicle').list(pid)).map((vehicle) => `${vehicle.name} ${vehicle.lengthM}×${vehicle.widthM}`).sort()
    expect(names).toEqual(expect.arrayContaining(['Camion caméra 6.5×2.2', 'Porteur électro 10×2.55', 'Tente cantine 12×6', 'Loges 12×2.55']))

    const tent = wrapper.findAll('[data-testid="plan-add-vehicle"]').find((row) => row.text().includes('Tente cantine'))!
    await tent.trigger('click')
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="plan-add-vehicle"]')).toHaveLength(9))
    await flushPromises()
    const [placement] = await repositoryFor<Placement>('placement').list(pid)
    expect(placement).toMatchObject({ shootDayId: day.id, locationId: decor.id, onStreet: true, heading: 90 })
    expect(typeof placement!.lat).toBe('number')
    await vi.waitFor(() => expect(wrapper.get('[data-testid="plan-vehicle-name"]').text()).toBe('Tente cantine'))
    wrapper.unmount()
  })
})
