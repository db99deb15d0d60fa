import { describe, expect, it } from 'vitest'
import type { BaseRecord } from '../../../core/model'
import { placementDecorOfItsDay, placementView } from './placementView'

const days: Record<string, BaseRecord> = { d1: { id: 'd1', locationIds: ['loc-a', 'loc-b'] } as unknown as BaseRecord }
const read = async (_entity: string, id: string) => days[id]

describe('placement form cross-record check', () => {
  it('is the placement view\'s check', () => {
    expect(placementView.crossCheck).toBe(placementDecorOfItsDay)
  })

  it('refuses a décor its shoot day does not shoot, and accepts one it does, or none', async () => {
    expect(await placementDecorOfItsDay({ shootDayId: 'd1', locationId: 'loc-z' }, read)).toEqual({ locationId: 'validation.placementOtherDay' })
    expect(await placementDecorOfItsDay({ shootDayId: 'd1', locationId: 'loc-b' }, read)).toBeNull()
    expect(await placementDecorOfItsDay({ shootDayId: 'd1', locationId: '' }, read)).toBeNull()
    // A day that is not on this phone (deleted meanwhile) is the schema's business, not this check's.
    expect(await placementDecorOfItsDay({ shootDayId: 'gone', locationId: 'loc-a' }, read)).toBeNull()
  })
})
