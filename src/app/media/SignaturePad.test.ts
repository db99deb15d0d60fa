import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { i18n } from '../i18n'
import SignaturePad from './SignaturePad.vue'

// happy-dom has no 2D context: the pad must still record the ink and judge it, and export through toBlob.
const mountPad = (defaultName?: string) => mount(SignaturePad, { props: { label: 'Propriétaire', defaultName }, global: { plugins: [i18n] } })

async function draw(wrapper: ReturnType<typeof mountPad>, points: [number, number][], pointerId = 1) {
  const canvas = wrapper.get('[data-testid="signature-canvas"]')
  const [first, ...rest] = points
  await canvas.trigger('pointerdown', { pointerId, button: 0, clientX: first![0], clientY: first![1] })
  for (const [x, y] of rest) await canvas.trigger('pointermove', { pointerId, clientX: x, clientY: y })
  await canvas.trigger('pointerup', { pointerId })
}

const SCRIBBLE: [number, number][] = [[20, 40], [60, 80], [100, 30], [140, 90]]

afterEach(() => {
  vi.restoreAllMocks()
})

describe('SignaturePad', () => {
  it('refuses an empty name, in French, and does not sign', async () => {
    const wrapper = mountPad()
    await draw(wrapper, SCRIBBLE)
    await wrapper.get('[data-testid="signature-confirm"]').trigger('click')
    expect(wrapper.get('[data-testid="signature-name-error"]').text()).toBe('Indiquez le nom de la personne qui signe.')
    expect(wrapper.get('[name="signerName"]').attributes('aria-invalid')).toBe('true')
    expect(wrapper.find('[data-testid="signature-ink-error"]').exists()).toBe(false)
    expect(wrapper.emitted('signed')).toBeUndefined()
  })

  it('refuses a pad with no ink, or only a tap, even with a name', async () => {
    const wrapper = mountPad('Jeanne Moreau')
    await wrapper.get('[data-testid="signature-confirm"]').trigger('click')
    expect(wrapper.get('[data-testid="signature-ink-error"]').text()).toBe('La signature est vide : signez dans le cadre.')
    await draw(wrapper, [[50, 50], [52, 51]])
    await wrapper.get('[data-testid="signature-confirm"]').trigger('click')
    expect(wrapper.find('[data-testid="signature-ink-error"]').exists()).toBe(true)
    expect(wrapper.emitted('signed')).toBeUndefined()
  })

  it('signs with the trimmed name and the PNG of the ink; "Effacer" starts over', async () => {
    const png = new Blob(['png'], { type: 'image/png' })
    const toBlob = vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation((callback) => callback(png))
    const wrapper = mountPad()
    await draw(wrapper, SCRIBBLE)
    await wrapper.get('[data-testid="signature-clear"]').trigger('click')
    await wrapper.get('[name="signerName"]').setValue('  Jeanne Moreau ')
    await wrapper.get('[data-testid="signature-confirm"]').trigger('click')
    expect(wrapper.find('[data-testid="signature-ink-error"]').exists()).toBe(true)

    await draw(wrapper, SCRIBBLE)
    await wrapper.get('[data-testid="signature-confirm"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.emitted('signed')).toEqual([[{ name: 'Jeanne Moreau', png }]]))
    expect(toBlob).toHaveBeenCalledWith(expect.any(Function), 'image/png')
    expect(wrapper.find('[data-testid="signature-ink-error"]').exists()).toBe(false)
  })

  it('follows one pointer at a time: a second finger does not add ink', async () => {
    const wrapper = mountPad('Jeanne Moreau')
    const canvas = wrapper.get('[data-testid="signature-canvas"]')
    await canvas.trigger('pointerdown', { pointerId: 1, button: 0, clientX: 10, clientY: 10 })
    await canvas.trigger('pointerdown', { pointerId: 2, button: 0, clientX: 10, clientY: 10 })
    await canvas.trigger('pointermove', { pointerId: 2, clientX: 200, clientY: 10 })
    await canvas.trigger('pointerup', { pointerId: 1 })
    await wrapper.get('[data-testid="signature-confirm"]').trigger('click')
    expect(wrapper.find('[data-testid="signature-ink-error"]').exists()).toBe(true)
  })
})
