import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { validate, VehicleInputSchema } from '../../../core/model'
import { i18n, setLocale } from '../../i18n'
import { vehicleView } from '../placements/vehicleView'
import type { EntityView } from './entityView'
import RecordForm from './RecordForm.vue'

const view = vehicleView as unknown as EntityView

function mountForm(errors: Record<string, string> = {}) {
  return mount(RecordForm, {
    props: { view, productionId: 'p1', initial: { name: '', kind: 'van', lengthM: 6.5, widthM: 2.2 }, errors, saving: false },
    global: { plugins: [i18n] },
  })
}

describe('RecordForm', () => {
  it('emits typed values: decimal commas read as numbers, empty numbers as null', async () => {
    const wrapper = mountForm()
    await wrapper.get('[name="name"]').setValue('Porteur 19 t')
    await wrapper.get('[name="kind"]').setValue('electricTruck')
    await wrapper.get('[name="lengthM"]').setValue('9,8')
    await wrapper.get('[name="widthM"]').setValue('')
    await wrapper.get('form').trigger('submit')
    const [values] = wrapper.emitted('submit')![0] as [Record<string, unknown>]
    expect(values).toMatchObject({ name: 'Porteur 19 t', kind: 'electricTruck', lengthM: 9.8, widthM: null })
  })

  it('passes unreadable numbers through so validation names the problem', async () => {
    const wrapper = mountForm()
    await wrapper.get('[name="name"]').setValue('Groupe')
    await wrapper.get('[name="lengthM"]').setValue('quatre')
    await wrapper.get('form').trigger('submit')
    const [values] = wrapper.emitted('submit')![0] as [Record<string, unknown>]
    const result = validate(VehicleInputSchema, values)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.errors.lengthM).toBe('validation.number')
  })

  it('shows each error next to its field in French, and keeps what was typed', async () => {
    const wrapper = mountForm()
    await wrapper.get('[name="name"]').setValue('Loges 12 m')
    await wrapper.get('[name="lengthM"]').setValue('0')
    await wrapper.setProps({ errors: { lengthM: 'validation.vehicleSize', name: 'validation.required' } })
    expect(wrapper.get('[data-testid="error-lengthM"]').text()).toContain('Dimension invraisemblable')
    expect(wrapper.get('[name="lengthM"]').attributes('aria-invalid')).toBe('true')
    expect((wrapper.get('[name="name"]').element as HTMLInputElement).value).toBe('Loges 12 m')
    expect((wrapper.get('[name="lengthM"]').element as HTMLInputElement).value).toBe('0')
  })

  it('fills a vehicle\'s size from its kind until the user types one, and never overwrites what was typed', async () => {
    const wrapper = mountForm()
    const value = (name: string) => (wrapper.get(`[name="${name}"]`).element as HTMLInputElement).value
    await wrapper.get('[name="kind"]').setValue('dressingRoom')
    expect([value('lengthM'), value('widthM')]).toEqual(['12', '2.55'])
    await wrapper.get('[name="kind"]').setValue('generator')
    expect([value('lengthM'), value('widthM')]).toEqual(['4', '2'])
    await wrapper.get('[name="lengthM"]').setValue('4,4')
    await wrapper.get('[name="kind"]').setValue('catering')
    expect([value('lengthM'), value('widthM')]).toEqual(['4.4', '2'])
    await wrapper.get('form').trigger('submit')
    expect((wrapper.emitted('submit')![0] as [Record<string, unknown>])[0]).toMatchObject({ kind: 'catering', lengthM: 4.4, widthM: 2 })
  })

  it('speaks English when the language is English', async () => {
    await setLocale('en', false)
    try {
      const wrapper = mountForm({ lengthM: 'validation.vehicleSize' })
      expect(wrapper.text()).toContain('Length (m)')
      expect(wrapper.get('[data-testid="error-lengthM"]').text()).toContain('Implausible size')
    } finally {
      await setLocale('fr', false)
    }
  })
})
