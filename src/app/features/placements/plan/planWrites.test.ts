// @vitest-environment node
import { expect, it } from 'vitest'
import type { Placement, ShootDay } from '../../../../core/model'
import { db } from '../../../db/db'
import { repositoryFor } from '../../records/repositories'
import { saveDayLayout } from './planWrites'

const PID = 'plan-writes'

it('writes neither the kerb nor the vehicles along it when one vehicle’s new fields would be refused', async () => {
  const dayCreated = await repositoryFor<ShootDay>('shootDay').create(PID, { number: 1, date: '2027-03-01', dayType: 'normal' })
  const placed = await repositoryFor<Placement>('placement').create(PID, { vehicleId: 'v1', shootDayId: 'd1', street: 'Rue Clauzel' })
  if (!dayCreated.ok || !placed.ok) throw new Error('setup')
  const outboxBefore = await db.outbox.count()
  const kerb = { id: 'k1', street: 'Rue des Martyrs', side: 'odd' as const, startNumber: 1, endNumber: 9, points: [[48.88, 2.34], [48.881, 2.34]] as [number, number][] }

  const refused = await saveDayLayout(dayCreated.record, { kerbs: [kerb] }, [{ id: placed.record.id, fields: { street: 'Rue des Martyrs', toNumber: 10_001 } }])
  expect(refused).toEqual({ ok: false, errors: { toNumber: 'validation.tooLarge' } })
  expect((await repositoryFor<ShootDay>('shootDay').get(dayCreated.record.productionId, dayCreated.record.id))?.kerbs ?? []).toEqual([])
  expect(await db.outbox.count()).toBe(outboxBefore)

  const saved = await saveDayLayout(dayCreated.record, { kerbs: [kerb] }, [{ id: placed.record.id, fields: { street: 'Rue des Martyrs', toNumber: 9 } }])
  expect(saved).toEqual({ ok: true })
  expect(await repositoryFor<Placement>('placement').get(placed.record.productionId, placed.record.id)).toMatchObject({ street: 'Rue des Martyrs', toNumber: 9 })
})
