import { describe, expect, it } from 'vitest'
import { ENTITY_NAMES } from '../../core/model'
import { MSG } from '../../core/model/fields'
import { VIEWS, viewForEntity } from '../features/registry'
import type { FieldSpec } from '../features/records/entityView'
import en from './en.json'
import fr from './fr.json'

function leaves(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix]
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key))
}

function has(messages: unknown, key: string): boolean {
  let node = messages
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object' || !(part in node)) return false
    node = (node as Record<string, unknown>)[part]
  }
  return typeof node === 'string' && node.length > 0
}

/** Every locale key a view needs: field labels, option labels, sections, view titles. */
function keysOf(entity: string, fields: FieldSpec[], prefix = ''): string[] {
  return fields.flatMap((field) => [
    prefix ? `fields.${entity}.${prefix}Item.${field.key}` : `fields.${entity}.${field.key}`,
    ...(field.options ?? []).map((option) => `options.${field.optionsKey}.${option || 'none'}`),
    ...(field.fields ? keysOf(entity, field.fields, field.key) : []),
  ])
}

describe('locale files', () => {
  it('French and English have exactly the same keys', () => {
    expect(leaves(en).sort()).toEqual(leaves(fr).sort())
  })

  it('name every field, option, section and view of every entity view', () => {
    const needed = [...VIEWS, viewForEntity('production')].flatMap((view) => [
      `views.${view.route}.title`,
      ...view.sections.flatMap((section) => [`sections.${section.key}`, ...keysOf(view.entity, section.fields)]),
      ...view.filters.map((filter) => `fields.${view.entity}.${filter.key}`),
      ...view.sorts.map((sort) => `sorts.${sort.key}`),
    ]).filter((key) => !key.startsWith('views.production.'))
    expect(needed.filter((key) => !has(fr, key))).toEqual([])
  })

  it('translate every validation message the schemas use, and every entity name', () => {
    const sources = import.meta.glob('../../core/model/*.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>
    const used = Object.values(sources).flatMap((source) => source.match(/'validation\.[a-zA-Z]+'/g) ?? []).map((key) => key.slice(1, -1))
    expect(used.length).toBeGreaterThan(10)
    const keys = [...Object.values(MSG), ...used, ...ENTITY_NAMES.map((entity) => `entities.${entity}`)]
    expect(keys.filter((key) => !has(fr, key) || !has(en, key))).toEqual([])
  })
})
