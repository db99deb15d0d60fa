import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { ENTITIES, LOCATION_STATUSES, PERMIT_STATUSES, type EntityName } from '../model'
import { mealLockState } from '../rules/mealLock'
import { buildDemoProduction, type DemoRecord } from './demoProduction'

// Spans 1 May, 8 May, Ascension (29 May) and Whit Monday (9 June) 2025: the calendar must skip them all.
const START = '2025-04-28'
const HOLIDAYS_2025 = ['2025-05-01', '2025-05-08', '2025-05-29', '2025-06-09']

const demo = buildDemoProduction({ startDate: START })

function ofEntity(records: DemoRecord[], entity: EntityName): Record<string, unknown>[] {
  return records.filter((r) => r.entity === entity).map((r) => r.record)
}

const days = ofEntity(demo.records, 'shootDay')
const locations = ofEntity(demo.records, 'location')
const idsOf = (entity: EntityName) => new Set(ofEntity(demo.records, entity).map((r) => r.id))

describe('buildDemoProduction', () => {
  it('produces records that validate against their entity schema', () => {
    expect(v.safeParse(ENTITIES.production.schema, demo.production).success).toBe(true)
    // The residents' notices of the demo name who to call.
    expect(demo.production).toMatchObject({ regieContact: expect.stringContaining('Karim Benhadj'), regiePhone: expect.stringMatching(/^\+33/) })
    for (const { entity, record } of demo.records) {
      const result = v.safeParse(ENTITIES[entity].schema, record)
      expect(result.success, `${entity} ${JSON.stringify(result.issues?.map((i) => [v.getDotPath(i), i.message]))}`).toBe(true)
    }
  })

  it('has the counts DOMAIN.md asks for', () => {
    expect(days).toHaveLength(30)
    expect(locations).toHaveLength(25)
    expect(ofEntity(demo.records, 'vehicle')).toHaveLength(12)
    expect(ofEntity(demo.records, 'authority')).toHaveLength(8)
    expect(ofEntity(demo.records, 'rentalHouse')).toHaveLength(6)
    expect(ofEntity(demo.records, 'conditionReport')).toHaveLength(2)
    expect(ofEntity(demo.records, 'permit').length).toBeGreaterThanOrEqual(10)
    for (const house of ofEntity(demo.records, 'rentalHouse')) {
      const items = ofEntity(demo.records, 'inventoryItem').filter((i) => i.rentalHouseId === house.id)
      expect(items.length).toBeGreaterThanOrEqual(8)
      expect(items.length).toBeLessThanOrEqual(15)
    }
  })

  it('ties every record to the production', () => {
    expect(demo.production.id).toBe(demo.production.productionId)
    const ids = new Set([demo.production.id])
    for (const { record } of demo.records) {
      expect(record.productionId).toBe(demo.production.id)
      expect(ids.has(record.id)).toBe(false)
      ids.add(record.id)
    }
  })

  it('only references records of the set', () => {
    const locationIds = idsOf('location')
    const dayIds = idsOf('shootDay')
    const checks: Array<[EntityName, string, Set<unknown>]> = [
      ['placement', 'vehicleId', idsOf('vehicle')],
      ['placement', 'shootDayId', dayIds],
      ['placement', 'locationId', locationIds],
      ['permit', 'authorityId', idsOf('authority')],
      ['meal', 'shootDayId', dayIds],
      ['inventoryItem', 'rentalHouseId', idsOf('rentalHouse')],
      ['conditionReport', 'locationId', locationIds],
    ]
    for (const [entity, field, targets] of checks) {
      for (const record of ofEntity(demo.records, entity)) expect(targets.has(record[field]), `${entity}.${field}`).toBe(true)
    }
    const lists: Array<[EntityName, string, Set<unknown>]> = [
      ['shootDay', 'locationIds', locationIds],
      ['permit', 'locationIds', locationIds],
      ['permit', 'shootDayIds', dayIds],
    ]
    for (const [entity, field, targets] of lists) {
      for (const record of ofEntity(demo.records, entity)) {
        const refs = record[field] as unknown[]
        expect(refs.length).toBeGreaterThan(0)
        for (const ref of refs) expect(targets.has(ref), `${entity}.${field}`).toBe(true)
      }
    }
  })

  it('covers every décor status and lets several places compete for a script décor', () => {
    expect(new Set(locations.map((l) => l.status))).toEqual(new Set(LOCATION_STATUSES))
    const candidates = new Map<unknown, number>()
    for (const l of locations) candidates.set(l.scriptDecor, (candidates.get(l.scriptDecor) ?? 0) + 1)
    expect([...candidates.values()].filter((n) => n >= 2).length).toBeGreaterThanOrEqual(3)
    expect(Math.max(...candidates.values())).toBe(3)
  })

  it('places décors in Île-de-France', () => {
    for (const l of locations) {
      expect(l.lat as number).toBeGreaterThan(48.1)
      expect(l.lat as number).toBeLessThan(49.25)
      expect(l.lng as number).toBeGreaterThan(1.4)
      expect(l.lng as number).toBeLessThan(3.6)
    }
  })

  it('schedules shoot days on working days, in order, numbered 1 to 30', () => {
    const dates = days.map((d) => d.date as string)
    expect(days.map((d) => d.number)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1))
    expect(dates[0]).toBe(START)
    for (let i = 1; i < dates.length; i++) expect(dates[i]! > dates[i - 1]!).toBe(true)
    for (const date of dates) {
      const weekday = new Date(`${date}T12:00:00Z`).getUTCDay()
      expect(weekday >= 1 && weekday <= 5, date).toBe(true)
      expect(HOLIDAYS_2025).not.toContain(date)
    }
    expect(demo.production.startDate).toBe(dates[0])
    expect(demo.production.endDate).toBe(dates[29])
    expect(new Set(days.map((d) => d.dayType))).toEqual(new Set(['normal', 'continuous']))
    for (const d of days) expect((d.locationIds as string[]).length).toBeGreaterThanOrEqual(1)
    for (const d of days) expect((d.locationIds as string[]).length).toBeLessThanOrEqual(2)
  })

  it('uses six full weeks when no holiday falls in', () => {
    const { production } = buildDemoProduction({ startDate: '2025-09-01' })
    expect(production.endDate).toBe('2025-10-10')
  })

  it('places vehicles on the first week near their décor, leaving after they arrive', () => {
    const placements = ofEntity(demo.records, 'placement')
    const dayNumber = new Map(days.map((d) => [d.id, d.number as number]))
    const locationById = new Map(locations.map((l) => [l.id, l]))
    expect(new Set(placements.map((p) => dayNumber.get(p.shootDayId)))).toEqual(new Set([1, 2, 3, 4, 5]))
    for (const p of placements) {
      expect(p.departure as string > (p.arrival as string)).toBe(true)
      const decor = locationById.get(p.locationId)!
      expect(Math.abs((p.lat as number) - (decor.lat as number))).toBeLessThan(0.01)
      expect(Math.abs((p.lng as number) - (decor.lng as number))).toBeLessThan(0.015)
    }
  })

  it('gives vehicles French plates', () => {
    for (const vehicle of ofEntity(demo.records, 'vehicle')) {
      if (vehicle.plate) expect(vehicle.plate).toMatch(/^[A-HJ-NP-TV-Z]{2}-\d{3}-[A-HJ-NP-TV-Z]{2}$/)
    }
  })

  it('uses every permit status and sends requests before now', () => {
    const permits = ofEntity(demo.records, 'permit')
    expect(new Set(permits.map((p) => p.status))).toEqual(new Set(PERMIT_STATUSES))
    const today = String(demo.production.createdAt).slice(0, 10)
    for (const p of permits) if (p.status !== 'draft') expect(p.sentOn as string <= today).toBe(true)
    expect(permits.some((p) => p.nightWork === true)).toBe(true)
  })

  it('orders meals for every day, with a lunch about 60 covers on days without crowds', () => {
    const meals = ofEntity(demo.records, 'meal')
    for (const day of days) {
      const services = meals.filter((m) => m.shootDayId === day.id).map((m) => m.service)
      expect(services.includes('lunch') || services.includes('dinner')).toBe(true)
    }
    const quietLunches = meals.filter((m) => m.service === 'lunch' && (m.expected as { extras: number }).extras === 0)
    for (const lunch of quietLunches) {
      const total = Object.values(lunch.expected as Record<string, number>).reduce((a, b) => a + b, 0)
      expect(total).toBeGreaterThanOrEqual(50)
      expect(total).toBeLessThanOrEqual(70)
    }
  })

  it('describes the prep phase by default: nothing served, nothing returned yet', () => {
    const now = Date.parse(String(demo.production.createdAt))
    expect(ofEntity(demo.records, 'meal').every((m) => !mealLockState(m as never, now).locked)).toBe(true)
    expect(ofEntity(demo.records, 'inventoryItem').every((i) => i.quantityBack === 0)).toBe(true)
  })

  it('shows served meals and early returns once the first week is past', () => {
    const midShoot = buildDemoProduction({ startDate: '2025-09-01', now: '2025-09-08T06:00:00.000Z' })
    const dayNumber = new Map(ofEntity(midShoot.records, 'shootDay').map((d) => [d.id, d.number as number]))
    for (const meal of ofEntity(midShoot.records, 'meal')) {
      const past = dayNumber.get(meal.shootDayId)! <= 5
      // Monday 8 September, 08:00 in Paris: that day's breakfast was ordered (and locked) the evening before.
      const ordered = past || (dayNumber.get(meal.shootDayId) === 6 && meal.service === 'breakfast')
      expect(mealLockState(meal as never, Date.parse('2025-09-08T06:00:00.000Z')).locked).toBe(ordered)
      expect(Object.keys(meal.served as object).length > 0).toBe(past)
    }
    const conditions = ofEntity(midShoot.records, 'inventoryItem').map((i) => i.condition)
    for (const condition of ['damaged', 'missing', 'incomplete']) expect(conditions).toContain(condition)
    for (const { entity, record } of midShoot.records) expect(v.safeParse(ENTITIES[entity].schema, record).success).toBe(true)
  })

  it('is deterministic apart from ids', () => {
    const now = '2025-04-14T06:00:00.000Z'
    const normalise = (built: ReturnType<typeof buildDemoProduction>) => {
      const names = new Map<unknown, string>([[built.production.id, 'production']])
      built.records.forEach(({ record }, index) => names.set(record.id, `#${index}`))
      const json = JSON.stringify([built.production, built.records])
      return json.replace(/[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g, (id) => names.get(id) ?? 'unknown')
    }
    expect(normalise(buildDemoProduction({ startDate: START, now }))).toBe(normalise(buildDemoProduction({ startDate: START, now })))
  })

  it('refuses a start date that is not a Monday', () => {
    expect(() => buildDemoProduction({ startDate: '2025-04-29' })).toThrow(/Monday/)
    expect(() => buildDemoProduction({ startDate: '28/04/2025' })).toThrow(/Monday/)
  })
})

describe('buildDemoProduction default now', () => {
  it('is never in the future when the demo starts on the Monday 14 to 20 days ahead (the app loader)', () => {
    for (let offset = 0; offset < 7; offset++) {
      const today = new Date(Date.UTC(2025, 3, 7 + offset))
      const start = new Date(today.getTime() + 14 * 86_400_000)
      start.setUTCDate(start.getUTCDate() + ((8 - start.getUTCDay()) % 7))
      const { production } = buildDemoProduction({ startDate: start.toISOString().slice(0, 10) })
      expect(String(production.createdAt).slice(0, 10) <= today.toISOString().slice(0, 10)).toBe(true)
    }
  })
})
