import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PLACEMENT_POSITION, type PlacementPosition } from '../model'
import { encodeHlc } from './hlc'
import { mergeCreate, mergeDelete, mergeMealAdjust, mergePatch, mergePermitTransition, mergePlacementMove, mergeRestore, type StoredRow } from './merge'

const hlc = (millis: number, node = 'device-a', counter = 0) => encodeHlc({ millis, counter, node })
const T0 = Date.UTC(2026, 10, 23, 9)
const decor = { id: 'loc-1', productionId: 'p1', name: 'Cave voûtée', intExt: 'INT', setting: 'natural', status: 'toScout' }

function created(): StoredRow {
  const result = mergeCreate(undefined, decor, hlc(T0), 'p1', 'location')
  if (!result.ok) throw new Error(result.reason)
  return result.row
}

describe('mergeCreate', () => {
  it('inserts a valid record with a clock per field and server timestamps', () => {
    const row = created()
    expect(row.data).toMatchObject({ ...decor, deletedAt: null, updatedAt: new Date(T0).toISOString() })
    expect(row.clocks.name).toBe(hlc(T0))
    expect(row.clocks.id).toBeUndefined()
    expect(row.deleted).toBe(false)
  })

  it('is idempotent: the same create again changes nothing', () => {
    const row = created()
    expect(mergeCreate(row, decor, hlc(T0), 'p1', 'location')).toEqual({ ok: true, row, changed: false })
  })

  it('merges a second create of the same id field by field, and never revives a tombstone', () => {
    const row = created()
    const newer = mergeCreate(row, { ...decor, name: 'Autre' }, hlc(T0 + 5), 'p1', 'location')
    expect(newer).toMatchObject({ ok: true, changed: true, row: { data: { name: 'Autre' } } })
    // An older create loses, but the row is reported changed so its author receives the team's version.
    const older = mergeCreate(row, { ...decor, name: 'Plus ancien' }, hlc(T0 - 5), 'p1', 'location')
    expect(older).toEqual({ ok: true, row, changed: true })
    const deleted = mergeDelete(row, hlc(T0 + 1))
    if (!deleted.ok) throw new Error()
    expect(mergeCreate(deleted.row, decor, hlc(T0 + 2), 'p1', 'location')).toMatchObject({ ok: false, reason: 'deleted' })
  })

  it('refuses an invalid record with field errors, and a record of another production', () => {
    expect(mergeCreate(undefined, { ...decor, lat: 123 }, hlc(T0), 'p1', 'location')).toMatchObject({
      ok: false, reason: 'invalid', details: { lat: 'validation.latitude' },
    })
    expect(mergeCreate(undefined, decor, hlc(T0), 'p2', 'location')).toMatchObject({ ok: false, reason: 'wrong_production' })
  })
})

describe('mergePatch', () => {
  it('applies a newer value per field and keeps an older one out', () => {
    const row = created()
    const newer = mergePatch(row, { name: 'Cave du bar' }, hlc(T0 + 10), 'location')
    expect(newer).toMatchObject({ ok: true, changed: true, row: { data: { name: 'Cave du bar' } } })
    if (!newer.ok) throw new Error()
    const older = mergePatch(newer.row, { name: 'Ancien nom', status: 'scouted' }, hlc(T0 + 5), 'location')
    if (!older.ok) throw new Error()
    expect(older.row.data.name).toBe('Cave du bar')
    expect(older.row.data.status).toBe('scouted')
  })

  it('breaks a tie of the same millisecond by counter then node, the same way everywhere', () => {
    const row = created()
    const a = mergePatch(row, { name: 'A' }, hlc(T0 + 1, 'device-a'), 'location')
    if (!a.ok) throw new Error()
    const b = mergePatch(a.row, { name: 'B' }, hlc(T0 + 1, 'device-b'), 'location')
    if (!b.ok) throw new Error()
    expect(b.row.data.name).toBe('B')
  })

  it('refuses patches of missing, deleted or protected fields, and invalid results', () => {
    const row = created()
    expect(mergePatch(undefined, { name: 'x' }, hlc(T0 + 1), 'location')).toMatchObject({ ok: false, reason: 'not_found' })
    expect(mergePatch(row, { productionId: 'p2' }, hlc(T0 + 1), 'location')).toMatchObject({ ok: false, reason: 'forbidden_field' })
    expect(mergePatch(row, { status: 'demolished' }, hlc(T0 + 1), 'location')).toMatchObject({ ok: false, reason: 'invalid', details: { status: 'validation.choice' } })
    const deleted = mergeDelete(row, hlc(T0 + 2))
    if (!deleted.ok) throw new Error()
    expect(mergePatch(deleted.row, { name: 'trop tard' }, hlc(T0 + 3), 'location')).toMatchObject({ ok: false, reason: 'deleted' })
  })

  it('converges: any order of the same patches gives the same row', () => {
    const patch = fc.record({
      field: fc.constantFrom('name', 'status', 'address', 'noise'),
      millis: fc.integer({ min: 1, max: 50 }),
      node: fc.constantFrom('a', 'b', 'c'),
      value: fc.string({ maxLength: 8 }),
    })
    // Every mutation has its own HLC (the counter makes them unique, as a device's clock does).
    fc.assert(
      fc.property(fc.array(patch, { minLength: 1, maxLength: 12 }), fc.infiniteStream(fc.nat()), (patches, seeds) => {
        const valueFor = (p: (typeof patches)[number]) => (p.field === 'status' ? ['toScout', 'scouted', 'option'][p.value.length % 3] : p.value)
        const apply = (order: typeof patches) =>
          order.reduce((row, p) => {
            const result = mergePatch(row, { [p.field]: valueFor(p) }, hlc(T0 + p.millis, p.node, patches.indexOf(p)), 'location')
            return result.ok ? result.row : row
          }, created())
        const shuffled = [...patches].sort(() => (seeds.next().value % 3) - 1)
        const [x, y] = [apply(patches), apply(shuffled)]
        expect(y.data).toEqual(x.data)
        expect(y.clocks).toEqual(x.clocks)
      }),
    )
  })
})

describe('mergeDelete and mergeRestore', () => {
  it('tombstones once; deleting again moves only the deletion clock', () => {
    const row = created()
    const deleted = mergeDelete(row, hlc(T0 + 1))
    expect(deleted).toMatchObject({ ok: true, changed: true, row: { deleted: true, data: { deletedAt: new Date(T0 + 1).toISOString() } } })
    if (!deleted.ok) throw new Error()
    const again = mergeDelete(deleted.row, hlc(T0 + 2))
    expect(again).toMatchObject({ ok: true, row: { deleted: true, data: deleted.row.data, clocks: { _deleted: hlc(T0 + 2) } } })
    expect(mergeDelete(undefined, hlc(T0))).toMatchObject({ ok: false, reason: 'not_found' })
  })

  it('restores a deleted row with its data, unless a later delete stands; a purged row stays gone', () => {
    const deleted = mergeDelete(created(), hlc(T0 + 1))
    if (!deleted.ok) throw new Error()
    const restored = mergeRestore(deleted.row, hlc(T0 + 2))
    expect(restored).toMatchObject({ ok: true, changed: true, row: { deleted: false, data: { ...decor, deletedAt: null } } })
    if (!restored.ok) throw new Error()
    // A delete made before the restore (offline) arrives later: the restore stands, and the author gets the row back.
    expect(mergeDelete(restored.row, hlc(T0 + 1, 'device-b'))).toEqual({ ok: true, row: restored.row, changed: true })
    // A restore older than the delete it meets loses.
    const redeleted = mergeDelete(restored.row, hlc(T0 + 5))
    if (!redeleted.ok) throw new Error()
    expect(mergeRestore(redeleted.row, hlc(T0 + 3))).toMatchObject({ ok: true, changed: true, row: { deleted: true } })
    expect(mergeRestore({ ...redeleted.row, purged: true }, hlc(T0 + 9))).toEqual({ ok: false, reason: 'purged' })
    expect(mergeRestore(undefined, hlc(T0))).toMatchObject({ ok: false, reason: 'not_found' })
  })

  it('ends in the state of the latest delete or restore by clock, whatever order they arrive in', () => {
    const op = fc.record({ restore: fc.boolean(), millis: fc.integer({ min: 1, max: 50 }), node: fc.constantFrom('a', 'b', 'c') })
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 6 }).chain((ops) => fc.tuple(fc.constant(ops), fc.shuffledSubarray(ops, { minLength: ops.length, maxLength: ops.length }))), ([ops, shuffled]) => {
        // Each device's clocks are distinct: the counter tells apart two changes of one milli.
        const clockOf = (change: (typeof ops)[number]) => hlc(T0 + change.millis, change.node, ops.indexOf(change))
        const apply = (order: typeof ops) => order.reduce((row, change) => {
          const result = (change.restore ? mergeRestore : mergeDelete)(row, clockOf(change))
          return result.ok ? result.row : row
        }, created())
        const latest = [...ops].sort((x, y) => (clockOf(x) < clockOf(y) ? -1 : 1)).at(-1)!
        const final = apply(shuffled)
        expect(final.deleted).toBe(apply(ops).deleted)
        expect(final.deleted).toBe(!latest.restore)
      }),
    )
  })
})

describe('meal rules', () => {
  const day = 'day-1'
  const lunch = {
    id: 'meal-day-1-lunch', productionId: 'p1', shootDayId: day, service: 'lunch', expected: { crew: 40 }, served: { crew: 10 },
    cutoffAt: '2026-11-23T10:30', locked: false, unlocks: [],
  }
  const stored = (): StoredRow => {
    const result = mergeCreate(undefined, lunch, hlc(Date.UTC(2026, 10, 22, 18)), 'p1', 'meal')
    if (!result.ok) throw new Error(result.reason)
    return result.row
  }
  const beforeCutoff = Date.UTC(2026, 10, 23, 8)
  const afterCutoff = Date.UTC(2026, 10, 23, 10)

  it('adds concurrent adjusts instead of keeping the last one', () => {
    const a = mergeMealAdjust(stored(), 'extras', 3, hlc(afterCutoff, 'phone-a'))
    if (!a.ok) throw new Error()
    const b = mergeMealAdjust(a.row, 'extras', 3, hlc(afterCutoff - 1000, 'phone-b'))
    if (!b.ok) throw new Error()
    expect(b.row.data.served).toEqual({ crew: 10, cast: 0, extras: 6, production: 0, guests: 0 })
    const c = mergeMealAdjust(b.row, 'crew', -15, hlc(afterCutoff, 'phone-c'))
    expect(c).toMatchObject({ ok: true, row: { data: { served: { crew: 0, extras: 6 } } } })
    expect(mergeMealAdjust(stored(), 'cast', -1, hlc(afterCutoff))).toMatchObject({ ok: true, changed: false })
  })

  it('lets only adjusts move served counts: a patch may not, a second create does not reset them', () => {
    expect(mergePatch(stored(), { served: { crew: 0 } }, hlc(beforeCutoff), 'meal')).toMatchObject({ ok: false, reason: 'forbidden_field' })
    const again = mergeCreate(stored(), { ...lunch, served: {}, expected: { crew: 42 } }, hlc(beforeCutoff), 'p1', 'meal')
    expect(again).toMatchObject({ ok: true, changed: true, row: { data: { served: { crew: 10 }, expected: { crew: 42 } } } })
  })

  it('refuses an order change made after the cut-off unless it records an unlock', () => {
    expect(mergePatch(stored(), { expected: { crew: 45 } }, hlc(beforeCutoff), 'meal')).toMatchObject({ ok: true, changed: true })
    expect(mergePatch(stored(), { expected: { crew: 45 } }, hlc(afterCutoff), 'meal')).toMatchObject({ ok: false, reason: 'locked' })
    expect(mergePatch(stored(), { notes: 'Livré à 12 h 40' }, hlc(afterCutoff), 'meal')).toMatchObject({ ok: true, changed: true })
    const unlock = { at: new Date(afterCutoff).toISOString(), by: 'Inès', reason: 'Cascadeurs ajoutés' }
    expect(mergePatch(stored(), { expected: { crew: 45 }, unlocks: [unlock] }, hlc(afterCutoff), 'meal')).toMatchObject({ ok: true, changed: true })
    expect(mergeMealAdjust(stored(), 'crew', 1, hlc(afterCutoff))).toMatchObject({ ok: true, changed: true })
  })
})

describe('permit transitions', () => {
  const request = { id: 'permit-1', productionId: 'p1', title: 'Rue des Martyrs', authorityId: 'auth-1', status: 'draft', shootType: 'feature' }
  const stored = (status = 'draft'): StoredRow => {
    const result = mergeCreate(undefined, { ...request, status }, hlc(T0), 'p1', 'permit')
    if (!result.ok) throw new Error(result.reason)
    return result.row
  }
  // 23:30 UTC on 24 November is already 25 November in Paris: the day sent is the French day.
  const evening = Date.UTC(2026, 10, 24, 23, 30)

  it('moves the status along an allowed edge and dates the first sending in Paris time', () => {
    const sent = mergePermitTransition(stored(), 'draft', 'sent', hlc(evening))
    expect(sent).toMatchObject({ ok: true, changed: true, row: { data: { status: 'sent', sentOn: '2026-11-25', updatedAt: new Date(evening).toISOString() } } })
    if (!sent.ok) throw new Error()
    const granted = mergePermitTransition(sent.row, 'sent', 'granted', hlc(evening + 1000))
    expect(granted).toMatchObject({ ok: true, row: { data: { status: 'granted', sentOn: '2026-11-25' } } })
  })

  it('keeps a sending day typed by hand, and lets a later hand edit of it win', () => {
    const typed = mergePatch(stored(), { sentOn: '2026-11-20' }, hlc(T0 + 1), 'permit')
    if (!typed.ok) throw new Error()
    expect(mergePermitTransition(typed.row, 'draft', 'sent', hlc(evening))).toMatchObject({ ok: true, row: { data: { sentOn: '2026-11-20' } } })
    const sent = mergePermitTransition(stored(), 'draft', 'sent', hlc(evening))
    if (!sent.ok) throw new Error()
    expect(mergePatch(sent.row, { sentOn: '2026-11-24' }, hlc(evening + 1), 'permit')).toMatchObject({ ok: true, row: { data: { sentOn: '2026-11-24' } } })
  })

  it('refuses an edge the workflow does not have, whatever the stored status', () => {
    expect(mergePermitTransition(stored(), 'draft', 'granted', hlc(evening))).toEqual({ ok: false, reason: 'invalid_transition' })
    expect(mergePermitTransition(stored('granted'), 'granted', 'draft', hlc(evening))).toEqual({ ok: false, reason: 'invalid_transition' })
    expect(mergePermitTransition(stored('orderReceived'), 'orderReceived', 'orderReceived', hlc(evening))).toEqual({ ok: false, reason: 'invalid_transition' })
  })

  it('refuses a move from a status the record no longer has: the second of two racing phones loses', () => {
    const first = mergePermitTransition(stored(), 'draft', 'sent', hlc(evening, 'phone-a'))
    if (!first.ok) throw new Error()
    // Phone B saw "draft" too, and its clock is even later: the compare decides, not the clock.
    expect(mergePermitTransition(first.row, 'draft', 'sent', hlc(evening + 5000, 'phone-b'))).toEqual({ ok: false, reason: 'stale_transition' })
    expect(mergePermitTransition(first.row, 'draft', 'sent', hlc(evening - 5000, 'phone-b'))).toEqual({ ok: false, reason: 'stale_transition' })
    expect(mergePermitTransition(stored('sent'), 'underReview', 'granted', hlc(evening))).toEqual({ ok: false, reason: 'stale_transition' })
  })

  it('refuses a transition of a missing or deleted request', () => {
    expect(mergePermitTransition(undefined, 'draft', 'sent', hlc(evening))).toMatchObject({ ok: false, reason: 'not_found' })
    const deleted = mergeDelete(stored(), hlc(T0 + 1))
    if (!deleted.ok) throw new Error()
    expect(mergePermitTransition(deleted.row, 'draft', 'sent', hlc(evening))).toMatchObject({ ok: false, reason: 'deleted' })
  })

  it('lets only transitions move the status: a patch may not, a second create does not reset it', () => {
    const sent = mergePermitTransition(stored(), 'draft', 'sent', hlc(evening))
    if (!sent.ok) throw new Error()
    expect(mergePatch(sent.row, { status: 'granted' }, hlc(evening + 1), 'permit')).toEqual({ ok: false, reason: 'forbidden_field' })
    expect(mergePatch(sent.row, { status: 'granted', reference: 'PF-1' }, hlc(evening + 1), 'permit')).toEqual({ ok: false, reason: 'forbidden_field' })
    const again = mergeCreate(sent.row, { ...request, status: 'draft', reference: 'PF-2' }, hlc(evening + 2), 'p1', 'permit')
    expect(again).toMatchObject({ ok: true, row: { data: { status: 'sent', reference: 'PF-2' } } })
  })

  it('applies each arriving transition only from the stored status, in any arrival order (checked against a model)', () => {
    const edges: [string, string][] = [['draft', 'sent'], ['sent', 'underReview'], ['underReview', 'granted'], ['granted', 'orderReceived']]
    fc.assert(fc.property(fc.shuffledSubarray(edges, { minLength: 1 }), (arrivals) => {
      let row = stored()
      for (const [from, to] of arrivals) {
        const result = mergePermitTransition(row, from as never, to as never, hlc(evening))
        if (result.ok) row = result.row
        else expect(result.reason).toBe('stale_transition')
      }
      // The model: walk the arrivals, following an edge only when it starts where the status stands.
      let expected = 'draft'
      for (const [from, to] of arrivals) if (from === expected) expected = to
      expect(row.data.status).toBe(expected)
    }))
  })
})

describe('placement.move: the position is one value', () => {
  const truck = { id: 'pl-1', productionId: 'p1', vehicleId: 'v-1', shootDayId: 'd-1', lat: 48.87, lng: 2.34, heading: 0, notes: '' }
  const placed = (): StoredRow => {
    const result = mergeCreate(undefined, truck, hlc(T0), 'p1', 'placement')
    if (!result.ok) throw new Error(result.reason)
    return result.row
  }
  const position = (row: StoredRow) => ({ lat: row.data.lat, lng: row.data.lng, heading: row.data.heading })
  const moved = (row: StoredRow, to: Partial<PlacementPosition> & { lat: number; lng: number; heading: number }, at: number, node = 'device-a') => {
    const result = mergePlacementMove(row, { ...PLACEMENT_POSITION, ...to }, hlc(at, node))
    if (!result.ok) throw new Error(result.reason)
    return result.row
  }

  it('a later move wins whole and an earlier one loses whole, whatever the order they arrive in', () => {
    const drag = { lat: 48.8701, lng: 2.3402, heading: 0 }
    const turn = { lat: 48.87, lng: 2.34, heading: 90 }
    const dragFirst = moved(moved(placed(), drag, T0 + 20, 'ad'), turn, T0 + 10, 'regie')
    const turnFirst = moved(moved(placed(), turn, T0 + 10, 'regie'), drag, T0 + 20, 'ad')
    expect(position(dragFirst)).toEqual(drag)
    expect(position(turnFirst)).toEqual(drag)
  })

  it('a patch naming only the heading (an older app) wins or loses the whole position, never half of it', () => {
    const afterMove = moved(placed(), { lat: 48.871, lng: 2.341, heading: 45 }, T0 + 20)
    const older = mergePatch(afterMove, { heading: 180 }, hlc(T0 + 10, 'old-app'), 'placement')
    if (!older.ok) throw new Error()
    expect(position(older.row)).toEqual({ lat: 48.871, lng: 2.341, heading: 45 })
    const newer = mergePatch(afterMove, { heading: 180 }, hlc(T0 + 30, 'old-app'), 'placement')
    if (!newer.ok) throw new Error()
    expect(position(newer.row)).toEqual({ lat: 48.871, lng: 2.341, heading: 180 })
    // The whole position now dates from that patch: a move between the two clocks loses all of it.
    expect(Object.values({ lat: newer.row.clocks.lat, lng: newer.row.clocks.lng })).toEqual([hlc(T0 + 30, 'old-app'), hlc(T0 + 30, 'old-app')])
    expect(position(moved(newer.row, { lat: 1, lng: 1, heading: 1 }, T0 + 25))).toEqual({ lat: 48.871, lng: 2.341, heading: 180 })
  })

  it('keeps the street reading with the place it was read at', () => {
    // The AD parks the truck along the kerb (numbers read there); the régisseur, who had not seen it, turns it
    // where it was, later. The truck stays where the régisseur left it, with that place's (empty) street reading.
    const alongKerb = { lat: 48.8711, lng: 2.3405, heading: 90, kerbId: 'k-1', street: 'Rue des Martyrs', side: 'even', fromNumber: 12, toNumber: 18 }
    const row = moved(moved(placed(), alongKerb, T0 + 10, 'ad'), { lat: 48.87, lng: 2.34, heading: 270 }, T0 + 20, 'regie')
    expect(row.data).toMatchObject({ lat: 48.87, heading: 270, kerbId: '', street: '', side: '', fromNumber: null, toNumber: null })
  })

  it('leaves the other fields to their own clocks', () => {
    const noted = mergePatch(placed(), { notes: 'Devant la pharmacie' }, hlc(T0 + 30), 'placement')
    if (!noted.ok) throw new Error()
    const row = moved(noted.row, { lat: 48.8705, lng: 2.3405, heading: 10 }, T0 + 20)
    expect(row.data).toMatchObject({ notes: 'Devant la pharmacie', lat: 48.8705, heading: 10 })
  })

  it('refuses a position out of range with the field named, and a move of a deleted vehicle', () => {
    expect(mergePlacementMove(placed(), { ...PLACEMENT_POSITION, lat: 48.87, lng: 2.34, heading: 400 }, hlc(T0 + 5))).toMatchObject({
      ok: false, reason: 'invalid', details: { heading: 'validation.heading' },
    })
    const deleted = mergeDelete(placed(), hlc(T0 + 5))
    if (!deleted.ok) throw new Error()
    expect(mergePlacementMove(deleted.row, { ...PLACEMENT_POSITION, lat: 48.87, lng: 2.34, heading: 5 }, hlc(T0 + 6))).toMatchObject({ ok: false, reason: 'deleted' })
  })
})

describe('a permit\'s documents checklist merges line by line', () => {
  const permit = {
    id: 'pm-1', productionId: 'p1', title: 'Rue des Martyrs', authorityId: 'a-1', status: 'draft', shootType: 'feature',
    documents: [{ id: 'insuranceCertificate', kind: 'insuranceCertificate', done: false }, { id: 'kbis', kind: 'kbis', done: false }],
  }
  const drafted = (): StoredRow => {
    const result = mergeCreate(undefined, permit, hlc(T0), 'p1', 'permit')
    if (!result.ok) throw new Error(result.reason)
    return result.row
  }
  const patched = (row: StoredRow, documents: Record<string, unknown>[], at: number) => {
    const result = mergePatch(row, { documents }, hlc(at), 'permit')
    if (!result.ok) throw new Error(result.reason)
    return result.row
  }
  const state = (row: StoredRow) => (row.data.documents as { id: string; done: boolean; removed?: boolean }[]).map((line) => [line.id, line.done, !!line.removed])

  it('keeps two phones\' ticks of two lines, whatever the order they arrive in', () => {
    const insurance = [{ id: 'insuranceCertificate', kind: 'insuranceCertificate', done: true }]
    const kbis = [{ id: 'kbis', kind: 'kbis', done: true }]
    const expected = [['insuranceCertificate', true, false], ['kbis', true, false]]
    expect(state(patched(patched(drafted(), insurance, T0 + 20), kbis, T0 + 10))).toEqual(expected)
    expect(state(patched(patched(drafted(), kbis, T0 + 10), insurance, T0 + 20))).toEqual(expected)
  })

  it('lets the later write of one line win, a removal included, and keeps lines added on two phones', () => {
    const row = patched(patched(drafted(), [{ id: 'kbis', kind: 'kbis', done: false, removed: true }], T0 + 20), [{ id: 'kbis', kind: 'kbis', done: true }], T0 + 10)
    expect(state(row)).toEqual([['insuranceCertificate', false, false], ['kbis', false, true]])
    const added = patched(patched(drafted(), [{ id: 'n-ad', kind: 'other', label: 'Accord du syndic' }], T0 + 10), [{ id: 'n-regie', kind: 'other', label: 'Photos' }], T0 + 5)
    expect(state(added).map(([id]) => id)).toEqual(['insuranceCertificate', 'kbis', 'n-ad', 'n-regie'])
  })
})
