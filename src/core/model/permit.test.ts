import { describe, expect, it } from 'vitest'
import { AuthorityInputSchema, canTransition, PERMIT_STATUSES, PERMIT_TRANSITIONS, PermitInputSchema, type PermitStatus } from './permit'
import { validate } from './validate'

/** The workflow: draft → sent → under review → granted / refused; granted → arrêté; a refusal may be redrafted. */
const WORKFLOW: [PermitStatus, PermitStatus][] = [
  ['draft', 'sent'],
  ['sent', 'underReview'],
  ['sent', 'granted'],
  ['sent', 'refused'],
  ['underReview', 'granted'],
  ['underReview', 'refused'],
  ['granted', 'orderReceived'],
  ['refused', 'draft'],
]
const allowed = new Set(WORKFLOW.map(([from, to]) => `${from}>${to}`))
const pairs = PERMIT_STATUSES.flatMap((from) => PERMIT_STATUSES.map((to) => [from, to] as const))

describe('permit status transitions', () => {
  it.each(pairs)('%s → %s follows the workflow', (from, to) => {
    expect(canTransition(from, to)).toBe(allowed.has(`${from}>${to}`))
  })

  it('PERMIT_TRANSITIONS lists exactly the workflow edges', () => {
    const edges = Object.entries(PERMIT_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`))
    expect(edges.sort()).toEqual([...allowed].sort())
    expect(Object.keys(PERMIT_TRANSITIONS).sort()).toEqual([...PERMIT_STATUSES].sort())
  })

  it('never stays in place, never skips sending, and ends at the arrêté', () => {
    for (const status of PERMIT_STATUSES) expect(canTransition(status, status)).toBe(false)
    expect(canTransition('draft', 'granted')).toBe(false)
    expect(canTransition('draft', 'orderReceived')).toBe(false)
    expect(canTransition('refused', 'orderReceived')).toBe(false)
    expect(canTransition('granted', 'refused')).toBe(false)
    expect(PERMIT_TRANSITIONS.orderReceived).toEqual([])
  })

  it('reaches every status from a draft', () => {
    const seen = new Set<PermitStatus>(['draft'])
    const queue: PermitStatus[] = ['draft']
    for (let status = queue.shift(); status; status = queue.shift()) {
      for (const next of PERMIT_TRANSITIONS[status]) {
        if (!seen.has(next)) {
          seen.add(next)
          queue.push(next)
        }
      }
    }
    expect([...seen].sort()).toEqual([...PERMIT_STATUSES].sort())
  })

  it('refuses, without throwing, a status it does not know (a stale or hostile mutation)', () => {
    expect(canTransition('cancelled' as PermitStatus, 'draft')).toBe(false)
    expect(canTransition('toString' as PermitStatus, 'draft')).toBe(false)
    expect(canTransition('draft', 'constructor' as PermitStatus)).toBe(false)
  })
})

describe('permit and authority schemas', () => {
  const permit = { title: 'Rue Oberkampf', authorityId: 'auth-1', status: 'draft', shootType: 'feature' }

  it('only accepts known statuses', () => {
    expect(validate(PermitInputSchema, { ...permit, status: 'approved' })).toEqual({ ok: false, errors: { status: 'validation.choice' } })
  })

  it('rejects a negative crew size or fee and a bad sent date', () => {
    expect(validate(PermitInputSchema, { ...permit, crewSize: -1, fee: -5, sentOn: '31/12/2025' })).toEqual({
      ok: false,
      errors: { crewSize: 'validation.nonNegative', fee: 'validation.nonNegative', sentOn: 'validation.date' },
    })
  })

  it('holds the lead time as a whole number of days, at most a year', () => {
    const authority = { name: 'SNCF', kind: 'sncf', leadTime: 15, leadTimeUnit: 'calendarDays' }
    expect(validate(AuthorityInputSchema, authority).ok).toBe(true)
    expect(validate(AuthorityInputSchema, { ...authority, leadTime: -1 })).toEqual({ ok: false, errors: { leadTime: 'validation.nonNegative' } })
    expect(validate(AuthorityInputSchema, { ...authority, leadTime: 366 })).toEqual({ ok: false, errors: { leadTime: 'validation.tooLarge' } })
    expect(validate(AuthorityInputSchema, { ...authority, leadTimeUnit: 'weeks' })).toEqual({ ok: false, errors: { leadTimeUnit: 'validation.choice' } })
  })
})
