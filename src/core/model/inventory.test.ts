import { describe, expect, it } from 'vitest'
import { backWithinOut, InventoryItemInputSchema, InventoryItemSchema, RentalHouseInputSchema, stillOut } from './inventory'
import { validate } from './validate'

const input = { rentalHouseId: 'rh-1', name: 'Pied de projecteur', quantityOut: 6, condition: 'ok' }
const record = { id: 'it-1', productionId: 'prod-1', createdAt: '2025-03-01T08:00:00Z', updatedAt: '2025-03-01T08:00:00Z', ...input }

describe('inventory item quantities', () => {
  it('accepts up to as many back as out', () => {
    expect(validate(InventoryItemInputSchema, { ...input, quantityBack: 6 })).toMatchObject({ ok: true, value: { quantityBack: 6 } })
    expect(validate(InventoryItemInputSchema, input)).toMatchObject({ ok: true, value: { quantityBack: 0 } })
  })

  it('rejects more back than out at path quantityBack', () => {
    const expected = { ok: false, errors: { quantityBack: 'validation.backMoreThanOut' } }
    expect(validate(InventoryItemInputSchema, { ...input, quantityBack: 7 })).toEqual(expected)
    expect(validate(InventoryItemSchema, { ...record, quantityBack: 7 })).toEqual(expected)
  })

  it('needs at least one item out, counted in whole numbers', () => {
    expect(validate(InventoryItemInputSchema, { ...input, quantityOut: 0 })).toEqual({ ok: false, errors: { quantityOut: 'validation.positive' } })
    expect(validate(InventoryItemInputSchema, { ...input, quantityOut: 1.5 })).toEqual({ ok: false, errors: { quantityOut: 'validation.integer' } })
    expect(validate(InventoryItemInputSchema, { ...input, quantityBack: -1 })).toEqual({ ok: false, errors: { quantityBack: 'validation.nonNegative' } })
  })

  it('only knows the four conditions', () => {
    for (const condition of ['ok', 'damaged', 'missing', 'incomplete']) {
      expect(validate(InventoryItemInputSchema, { ...input, condition }).ok).toBe(true)
    }
    expect(validate(InventoryItemInputSchema, { ...input, condition: 'lost' })).toEqual({ ok: false, errors: { condition: 'validation.choice' } })
  })

  it('stillOut counts what has not come back', () => {
    expect(stillOut({ quantityOut: 6, quantityBack: 4 })).toBe(2)
    expect(stillOut({ quantityOut: 6, quantityBack: 6 })).toBe(0)
    expect(stillOut({ quantityOut: 3 } as { quantityOut: number; quantityBack: number })).toBe(3)
  })

  it('backWithinOut is the rule the schema applies', () => {
    expect(backWithinOut({ quantityOut: 2, quantityBack: 2 })).toBe(true)
    expect(backWithinOut({ quantityOut: 2, quantityBack: 3 })).toBe(false)
    expect(backWithinOut({ quantityOut: 2 })).toBe(true)
  })
})

describe('rental house', () => {
  it('needs a name and a known category', () => {
    expect(validate(RentalHouseInputSchema, { name: 'TSF', category: 'grip' }).ok).toBe(true)
    expect(validate(RentalHouseInputSchema, { name: ' ', category: 'grip' })).toEqual({ ok: false, errors: { name: 'validation.required' } })
    expect(validate(RentalHouseInputSchema, { name: 'TSF', category: 'food' })).toEqual({ ok: false, errors: { category: 'validation.choice' } })
  })
})
