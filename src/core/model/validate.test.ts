import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { MSG, requiredText } from './fields'
import { validate } from './validate'

const Contact = v.looseObject({ name: requiredText(20), phone: v.optional(v.string(MSG.text), '') })
const Sheet = v.looseObject({ title: requiredText(10), contacts: v.optional(v.array(Contact), []) })

describe('validate', () => {
  it('returns the parsed value on success', () => {
    expect(validate(Sheet, { title: '  Repérage  ' })).toEqual({ ok: true, value: { title: 'Repérage', contacts: [] } })
  })

  it('maps a missing key to validation.required at its path', () => {
    expect(validate(Sheet, {})).toEqual({ ok: false, errors: { title: 'validation.required' } })
  })

  it('maps a missing key inside a list item to its dot path', () => {
    expect(validate(Sheet, { title: 'x', contacts: [{ name: 'A' }, {}] })).toEqual({
      ok: false,
      errors: { 'contacts.1.name': 'validation.required' },
    })
  })

  it('keeps the first message of each path', () => {
    // requiredText: trimmed to empty => required (nonEmpty fails first, its message wins over later ones).
    expect(validate(Sheet, { title: '   ' })).toEqual({ ok: false, errors: { title: 'validation.required' } })
    expect(validate(Sheet, { title: 'x'.repeat(11) })).toEqual({ ok: false, errors: { title: 'validation.tooLong' } })
  })

  it('reports a wrong type with the field message', () => {
    expect(validate(Sheet, { title: 42 })).toEqual({ ok: false, errors: { title: 'validation.required' } })
    expect(validate(Sheet, { title: 'x', contacts: [{ name: 'A', phone: 3 }] })).toEqual({
      ok: false,
      errors: { 'contacts.0.phone': 'validation.text' },
    })
  })

  it('puts an error without a path under _', () => {
    const result = validate(Sheet, 'not an object')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(Object.keys(result.errors)).toEqual(['_'])
  })
})
