import { describe, expect, it } from 'vitest'
import { COLUMNS, mealCsv, type CsvLabels } from './mealCsv'

const labels: CsvLabels = {
  header: Object.fromEntries(COLUMNS.map((column) => [column, column])) as CsvLabels['header'],
  service: { breakfast: 'Petit-déjeuner', lunch: 'Déjeuner', dinner: 'Dîner', snack: 'Collation' },
  total: 'Total',
}
const days = [
  { id: 'd2', date: '2026-03-03', number: 2 },
  { id: 'd1', date: '2026-03-02', number: 1 },
  { id: 'gone', date: '2026-03-04', number: 3, deletedAt: '2026-03-01T00:00:00Z' },
]
const meals = [
  { id: 'm3', shootDayId: 'd2', service: 'lunch' as const, expected: { crew: 40, extras: 10 }, served: { crew: 38, extras: 12 }, unitPrice: 14.3, caterer: 'Cantine "Chez Jo"; Paris' },
  { id: 'm1', shootDayId: 'd1', service: 'lunch' as const, expected: { crew: 40 }, served: {}, unitPrice: 14.3, allergyNote: '=HYPERLINK("x")' },
  { id: 'm2', shootDayId: 'd1', service: 'breakfast' as const, expected: { crew: 20 }, served: { crew: 18 }, unitPrice: null },
  { id: 'm4', shootDayId: 'gone', service: 'lunch' as const, expected: { crew: 99 }, served: {}, unitPrice: 10 },
]

describe('mealCsv', () => {
  const csv = mealCsv(meals, days, labels)
  const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n')

  it('starts with a byte-order mark and one header row, then a row per day and service in order, then the total', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true)
    expect(lines[0]!.split(';')).toEqual([...COLUMNS])
    expect(lines.map((line) => line.split(';').slice(0, 3).join(' '))).toEqual([
      'date day service', '2026-03-02 J1 Petit-déjeuner', '2026-03-02 J1 Déjeuner', '2026-03-03 J2 Déjeuner', 'Total  ',
    ])
  })

  it('writes covers, served and costs with a decimal comma, leaving an unknown price empty', () => {
    const cells = (row: number) => lines[row]!.split(';')
    const at = (row: number, column: (typeof COLUMNS)[number]) => cells(row)[COLUMNS.indexOf(column)]
    expect(at(2, 'expectedTotal')).toBe('40')
    expect(at(2, 'expectedCost')).toBe('572,00')
    expect(at(2, 'servedCost')).toBe('0,00')
    expect(at(1, 'unitPrice')).toBe('')
    // 50 x 14,30 = 715,00 expected; 50 served.
    expect(lines[3]).toContain('Cantine ""Chez Jo""; Paris')
    expect(at(4, 'expectedTotal')).toBe('110')
    expect(at(4, 'served')).toBe('68')
    expect(at(4, 'expectedCost')).toBe('1287,00')
    expect(at(4, 'crew')).toBe('100')
  })

  it('leaves deleted days out and never lets a cell start a formula', () => {
    expect(csv).not.toContain('99')
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`)
  })

  it('uses commas and a decimal point in English', () => {
    const english = mealCsv(meals, days, labels, 'en')
    expect(english.split('\r\n')[2]).toContain(',572.00,')
  })
})
