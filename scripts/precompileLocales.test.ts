import { describe, expect, it } from 'vitest'
import fr from '../src/app/locales/fr.json'
import { FIRST_SCREEN_MESSAGES, splitMessages } from './precompileLocales'

describe('splitMessages', () => {
  const messages = { app: { name: 'Régie' }, options: { productionKind: { feature: 'Long métrage' }, mealService: { lunch: 'Déjeuner' } }, meals: { covers: '{n}' } }

  it('puts the listed groups, whole or in part, in the first part and everything else in the rest', () => {
    expect(splitMessages(messages, ['app', 'options.productionKind'], 'first')).toEqual({ app: { name: 'Régie' }, options: { productionKind: { feature: 'Long métrage' } } })
    expect(splitMessages(messages, ['app', 'options.productionKind'], 'rest')).toEqual({ options: { mealService: { lunch: 'Déjeuner' } }, meals: { covers: '{n}' } })
  })

  it('loses no French message: the two parts together are the whole file', () => {
    const first = splitMessages(fr, FIRST_SCREEN_MESSAGES, 'first')
    const rest = splitMessages(fr, FIRST_SCREEN_MESSAGES, 'rest')
    const leaves = (node: unknown, prefix = ''): string[] =>
      typeof node === 'string' ? [prefix] : Object.entries(node as object).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key))
    expect([...leaves(first), ...leaves(rest)].sort()).toEqual(leaves(fr).sort())
    expect(leaves(first).length).toBeLessThan(leaves(rest).length)
  })
})
