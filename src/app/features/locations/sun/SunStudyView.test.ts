import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Component } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Location, ShootDay } from '../../../../core/model'
import { newId } from '../../../../core/sync/ids'
import { db } from '../../../db/db'
import { i18n } from '../../../i18n'
import { repositoryFor } from '../../records/repositories'
import SunDayPanel from './SunDayPanel.vue'
import SunStudyView from './SunStudyView.vue'

async function create<T>(entity: 'location' | 'shootDay', pid: string, input: Record<string, unknown>): Promise<T> {
  const result = await repositoryFor(entity).create(pid, input)
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.record as T
}

async function mountAt(component: Component, url: string, props: Record<string, unknown> = {}) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/p/:pid/:view(locations)/:id/sun', component },
      { path: '/:rest(.*)*', component: props.record ? component : { render: () => null } },
    ],
  })
  await router.push(url)
  await router.isReady()
  const wrapper = mount(component, { props, global: { plugins: [router, i18n, createPinia()] }, attachTo: document.body })
  return { wrapper, router }
}

const paris = { name: 'Quai de la Tournelle', intExt: 'EXT', setting: 'natural', status: 'confirmed', lat: 48.8506, lng: 2.3544 }

afterEach(async () => {
  document.body.innerHTML = ''
  await Promise.all([db.records('location').clear(), db.records('shootDay').clear(), db.outbox.clear(), db.meta.clear()])
})

describe('SunStudyView', () => {
  it('shows the sun times of the date and the direction at the chosen time, in French', async () => {
    const pid = newId()
    const location = await create<Location>('location', pid, paris)
    const { wrapper, router } = await mountAt(SunStudyView, `/p/${pid}/locations/${location.id}/sun?date=2026-06-21&time=19:00`)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="sun-times"]').exists()).toBe(true))

    expect(wrapper.get('h1').text()).toBe('Étude du soleil')
    expect(wrapper.get<HTMLInputElement>('[data-testid="sun-date"]').element.value).toBe('2026-06-21')
    // Paris, 21 June: sunrise 05:47, sunset 21:58 (see sun.test.ts for the published values).
    expect(wrapper.get('[data-testid="sun-sunrise"]').text()).toBe('05:47')
    expect(wrapper.get('[data-testid="sun-sunset"]').text()).toBe('21:58')
    expect(wrapper.get('[data-testid="sun-solarNoon"]').text()).toBe('13:52 (hauteur 65°)')
    expect(wrapper.get('[data-testid="sun-daylight"]').text()).toBe('16 h 11')
    expect(wrapper.get('[data-testid="sun-goldenEvening"]').text()).toMatch(/^21:\d{2} – 22:\d{2}$/)
    expect(wrapper.get('[data-testid="sun-readout"]').text()).toContain("À 19:00 : direction O (277°), hauteur 26° au-dessus de l'horizon")
    expect(wrapper.get('[data-testid="sun-readout"]').text()).toContain('Ombres portées : direction E')
    // The fan: sunrise, 06:00 to 21:00, sunset.
    expect(wrapper.findAll('[data-testid="sun-ray-hour"]')).toHaveLength(16)
    expect(wrapper.findAll('[data-testid="sun-ray-sunrise"]')).toHaveLength(1)
    expect(wrapper.get('[data-testid="sun-compass"]').attributes('aria-label')).toContain('21 juin 2026')

    // Moving the slider to noon moves the sun (and keeps the choice in the address).
    await wrapper.get('[data-testid="sun-slider"]').setValue('720')
    await flushPromises()
    expect(router.currentRoute.value.query).toMatchObject({ date: '2026-06-21', time: '12:00' })
    await vi.waitFor(() => expect(wrapper.get('[data-testid="sun-readout"]').text()).toMatch(/^À 12:00 : direction S?SE/))
    wrapper.unmount()
  })

  it('opens on the décor\'s next shoot day and warns when an exterior décor is called after sunset', async () => {
    const pid = newId()
    const location = await create<Location>('location', pid, paris)
    await create<ShootDay>('shootDay', pid, { number: 7, date: '2030-12-20', dayType: 'normal', callTime: '17:30', wrapTime: '04:00', locationIds: [location.id] })
    await create<ShootDay>('shootDay', pid, { number: 9, date: '2030-12-27', dayType: 'normal', callTime: '08:00', wrapTime: '19:00', locationIds: [location.id] })
    const { wrapper } = await mountAt(SunStudyView, `/p/${pid}/locations/${location.id}/sun`)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="sun-times"]').exists()).toBe(true))

    expect(wrapper.get<HTMLInputElement>('[data-testid="sun-date"]').element.value).toBe('2030-12-20')
    expect(wrapper.get('[data-testid="sun-sunset"]').text()).toMatch(/^16:5\d$/)
    expect(wrapper.get('[data-testid="sun-day-7"] [data-testid="sun-issue-callAfterSunset"]').text()).toMatch(/^Appel après le coucher du soleil \(16:5\d\)$/)
    expect(wrapper.get('[data-testid="sun-day-9"] [data-testid="sun-issue-wrapAfterSunset"]').text()).toMatch(/^Fin de journée 2 h \d\d après le coucher du soleil/)
    // The time defaults to the day's call: the sun is already down.
    expect(wrapper.get('[data-testid="sun-readout"]').text()).toMatch(/^À 17:30 : soleil sous l'horizon/)
    wrapper.unmount()
  })

  it('asks to place a décor that has no position', async () => {
    const pid = newId()
    const location = await create<Location>('location', pid, { ...paris, lat: null, lng: null })
    const { wrapper } = await mountAt(SunStudyView, `/p/${pid}/locations/${location.id}/sun?date=2026-06-21`)
    await vi.waitFor(() => expect(wrapper.find('[data-testid="sun-no-position"]').exists()).toBe(true))
    expect(wrapper.get('[data-testid="sun-no-position"]').text()).toContain("n'a pas encore de position GPS")
    expect(wrapper.get('[data-testid="sun-no-position"] a').attributes('href')).toBe(`/p/${pid}/locations/${location.id}/edit`)
    expect(wrapper.find('[data-testid="sun-times"]').exists()).toBe(false)
    wrapper.unmount()
  })
})

describe('SunDayPanel (on a shoot day)', () => {
  it('gives sunrise and sunset per décor and flags the exterior one called after sunset', async () => {
    const pid = newId()
    const ext = await create<Location>('location', pid, paris)
    const int = await create<Location>('location', pid, { ...paris, name: 'Appartement de Jeanne', intExt: 'INT' })
    const day = await create<ShootDay>('shootDay', pid, { number: 3, date: '2026-12-21', dayType: 'normal', callTime: '17:00', wrapTime: '03:00', locationIds: [ext.id, int.id] })
    const { wrapper } = await mountAt(SunDayPanel, `/p/${pid}/days/${day.id}`, { record: day, productionId: pid })
    await vi.waitFor(() => expect(wrapper.find(`[data-testid="sun-day-location-${ext.id}"]`).exists()).toBe(true))

    const extRow = wrapper.get(`[data-testid="sun-day-location-${ext.id}"]`)
    expect(extRow.text()).toContain('Lever 08:4')
    expect(extRow.get('[data-testid="sun-issue-callAfterSunset"]').text()).toBe('Appel après le coucher du soleil (16:56)')
    expect(extRow.get('a').attributes('href')).toBe(`/p/${pid}/locations/${ext.id}/sun?date=2026-12-21&time=17:00`)
    expect(wrapper.get(`[data-testid="sun-day-location-${int.id}"]`).find('[data-testid^="sun-issue"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
