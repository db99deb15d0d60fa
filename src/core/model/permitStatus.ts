/**
 * A permit request's status and the moves allowed between them, kept apart from the schemas: the write path
 * checks a move on the first screen's code without loading valibot.
 */
export const PERMIT_STATUSES = ['draft', 'sent', 'underReview', 'granted', 'refused', 'orderReceived'] as const
export type PermitStatus = (typeof PERMIT_STATUSES)[number]

/** The status workflow: draft → sent → under review → granted / refused; granted → order received (arrêté). */
export const PERMIT_TRANSITIONS: Record<PermitStatus, readonly PermitStatus[]> = {
  draft: ['sent'],
  sent: ['underReview', 'granted', 'refused'],
  underReview: ['granted', 'refused'],
  granted: ['orderReceived'],
  refused: ['draft'],
  orderReceived: [],
}

export function canTransition(from: PermitStatus, to: PermitStatus): boolean {
  // `from` may come from a pushed mutation: an unknown status (even 'toString') is simply not an edge.
  return Object.hasOwn(PERMIT_TRANSITIONS, from) && PERMIT_TRANSITIONS[from].includes(to)
}

/**
 * A status change as it lands on a record: the new status, and the day it was sent when it is sent for the
 * first time (`date`: the calendar day of the change in Paris). The phone and the server apply this same
 * function, so both hold the same row. Call it only once canTransition(record.status, to) holds.
 */
export function transitionFields(record: { sentOn?: string }, to: PermitStatus, date: string): { status: PermitStatus; sentOn?: string } {
  return to === 'sent' && !record.sentOn ? { status: to, sentOn: date } : { status: to }
}
