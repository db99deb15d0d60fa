import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { ENTITIES, ENTITY_NAMES, isEntityName, validate, type EntityName } from './index'

const base = {
  id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  productionId: '0190a1b2-c3d4-7e5f-8a9b-000000000001',
  createdAt: '2025-03-01T08:00:00.000Z',
  updatedAt: '2025-03-01T08:00:00.000Z',
}

/** The fewest fields each entity needs: everything else has a default. */
const MINIMAL_FIELDS: Record<EntityName, Record<string, unknown>> = {
  production: { name: 'Les Nuits de Jeanne', kind: 'feature' },
  shootDay: { number: 5, date: '2025-04-14', dayType: 'normal' },
  location: { name: 'Appartement rue Oberkampf', intExt: 'INT', setting: 'natural', status: 'toScout' },
  vehicle: { name: 'Camion caméra', kind: 'van', lengthM: 6.5, widthM: 2.2 },
  placement: { vehicleId: 'veh-1', shootDayId: 'day-1' },
  authority: { name: 'Paris Film', kind: 'cityHall', leadTime: 15, leadTimeUnit: 'workingDays' },
  permit: { title: 'Tournage rue Oberkampf', authorityId: 'auth-1', status: 'draft', shootType: 'feature' },
  meal: { shootDayId: 'day-1', service: 'lunch' },
  rentalHouse: { name: 'Transpalux', category: 'lights' },
  inventoryItem: { rentalHouseId: 'rh-1', name: 'HMI 4K', quantityOut: 2, condition: 'ok' },
  conditionReport: { locationId: 'loc-1', phase: 'entry' },
  photo: {
    ownerId: 'loc-1',
    ownerEntity: 'location',
    sha256: 'a'.repeat(64),
    mime: 'image/jpeg',
    size: 123_456,
  },
}

/** Fields a record of each entity cannot do without (besides the base fields). */
const REQUIRED_FIELDS: Record<EntityName, string[]> = {
  production: ['name', 'kind'],
  shootDay: ['number', 'date', 'dayType'],
  location: ['name', 'intExt', 'setting', 'status'],
  vehicle: ['name', 'kind', 'lengthM', 'widthM'],
  placement: ['vehicleId', 'shootDayId'],
  authority: ['name', 'kind', 'leadTime', 'leadTimeUnit'],
  permit: ['title', 'authorityId', 'status', 'shootType'],
  meal: ['shootDayId', 'service'],
  rentalHouse: ['name', 'category'],
  inventoryItem: ['rentalHouseId', 'name', 'quantityOut', 'condition'],
  conditionReport: ['locationId', 'phase'],
  photo: ['ownerId', 'ownerEntity', 'sha256', 'mime', 'size'],
}

const BASE_REQUIRED = ['id', 'productionId', 'createdAt', 'updatedAt']

function without(record: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...record }
  delete copy[key]
  return copy
}

describe('ENTITIES registry', () => {
  it('names every entity once, with a distinct table', () => {
    expect(ENTITY_NAMES.sort()).toEqual(Object.keys(MINIMAL_FIELDS).sort())
    const tables = ENTITY_NAMES.map((name) => ENTITIES[name].table)
    expect(new Set(tables).size).toBe(tables.length)
  })

  it('isEntityName accepts entity names only, not inherited object keys', () => {
    expect(isEntityName('placement')).toBe(true)
    expect(isEntityName('toString')).toBe(false)
    expect(isEntityName('__proto__')).toBe(false)
    expect(isEntityName('Placement')).toBe(false)
  })
})

describe.each(ENTITY_NAMES)('%s schema', (name) => {
  const { schema, input } = ENTITIES[name]
  const record = { ...base, ...MINIMAL_FIELDS[name] }

  it('parses a minimal valid record and fills defaults', () => {
    const result = validate(schema, record)
    expect(result).toMatchObject({ ok: true, value: record })
    if (result.ok) expect((result.value as { deletedAt: unknown }).deletedAt).toBeNull()
  })

  it('parses the minimal editable input', () => {
    const fields = name === 'photo' ? record : MINIMAL_FIELDS[name]
    expect(validate(input, fields).ok).toBe(true)
  })

  it('keeps fields it does not know (written by a newer app)', () => {
    const future = { futureField: 'kept', futureObject: { nested: [1, 2, 3] } }
    const result = v.parse(schema, { ...record, ...future }) as Record<string, unknown>
    expect(result.futureField).toBe('kept')
    expect(result.futureObject).toEqual({ nested: [1, 2, 3] })
    const editable = v.parse(input, { ...(name === 'photo' ? record : MINIMAL_FIELDS[name]), ...future }) as Record<string, unknown>
    expect(editable.futureField).toBe('kept')
  })

  it.each([...BASE_REQUIRED, ...REQUIRED_FIELDS[name]])('reports missing %s as validation.required at its path', (key) => {
    const result = validate(schema, without(record, key))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors[key]).toBe('validation.required')
  })

  it('reports every missing required field of an empty object, and only those', () => {
    const result = validate(schema, {})
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(Object.keys(result.errors).sort()).toEqual([...BASE_REQUIRED, ...REQUIRED_FIELDS[name]].sort())
      for (const message of Object.values(result.errors)) expect(message).toBe('validation.required')
    }
  })

  it('keeps a tombstone', () => {
    const result = validate(schema, { ...record, deletedAt: '2025-03-02T10:00:00.000Z' })
    expect(result).toMatchObject({ ok: true, value: { deletedAt: '2025-03-02T10:00:00.000Z' } })
  })
})
