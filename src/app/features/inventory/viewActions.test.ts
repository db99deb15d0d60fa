import { describe, expect, it } from 'vitest'
import en from '../../locales/en.json'
import fr from '../../locales/fr.json'
import { router } from '../../router'
import { VIEWS } from '../registry'

function message(messages: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages)
}

const record = { id: 'r1', productionId: 'p1', locationId: 'l1', rentalHouseId: 'h1' } as never
const actions = VIEWS.flatMap((view) => (view.actions ?? []).map((action) => ({ view, action })))

describe('record actions (links from a detail page)', () => {
  it('include the returns pages', () => {
    expect(actions.map(({ view, action }) => `${view.route}:${action.key}`)).toEqual(
      expect.arrayContaining(['rental-houses:return', 'inventory:return', 'condition-reports:rooms', 'condition-reports:compare', 'condition-reports:print']),
    )
  })

  it('each have a French and an English label', () => {
    const missing = actions
      .map(({ view, action }) => `views.${view.route}.actions.${action.key}`)
      .filter((key) => typeof message(fr, key) !== 'string' || typeof message(en, key) !== 'string')
    expect(missing).toEqual([])
  })

  it('each lead to a page of their own, not to the generic list or detail', () => {
    const generic = new Set(['list', 'new', 'detail', 'edit'])
    const unresolved = actions
      .map(({ view, action }) => ({ key: `${view.route}:${action.key}`, route: router.resolve(`/p/p1/${action.path(record)}`) }))
      .filter(({ route }) => !route.name || generic.has(String(route.name)))
      .map(({ key }) => key)
    expect(unresolved).toEqual([])
  })
})
