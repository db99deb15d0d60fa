/**
 * The simulation's oracle: an independent model of what the server must hold, fed with every mutation in the
 * order the server applied it (the simulation delivers one request at a time, so that order is known). For each
 * mutation it predicts the outcome from the rules of DESIGN.md section 3 (insert-if-absent, per-field
 * last-writer-wins on the clamped HLC, a placement's position moved as one value, a permit's checklist line by
 * line, delete wins, additive meal counts clamped to 0..10,000, compare-and-set on
 * the permit workflow's edges, roles) and reports any difference with the server's verdict; at the end it
 * compares its rows with the server's, field by field. It reuses no merge code of the server: a bug there
 * cannot hide in the model.
 */
import { isDeepStrictEqual } from 'node:util'
import { mayWrite } from '../../src/core/rules/roles'
import { decodeHlc, encodeHlc, type Hlc } from '../../src/core/sync/hlc'
import { parseMutationName } from '../../src/core/sync/mutationNames'

export type SimRole = 'owner' | 'coordinator' | 'member' | 'trainee'

/** The permit workflow (DOMAIN.md), written out again so the check does not trust the code under test. */
export const PERMIT_EDGES: Record<string, readonly string[]> = {
  draft: ['sent'],
  sent: ['underReview', 'granted', 'refused'],
  underReview: ['granted', 'refused'],
  granted: ['orderReceived'],
  refused: ['draft'],
  orderReceived: [],
}

export const MEAL_GROUP_NAMES = ['crew', 'cast', 'extras', 'production', 'guests'] as const
const MAX_COVERS = 10_000
const CLAMP_AHEAD_MS = 60_000
const REFUSE_AHEAD_MS = 24 * 60 * 60_000
/** Fields no create or patch may set (the server keeps them), and fields only a special mutation moves. */
const PROTECTED = new Set(['id', 'productionId', 'createdAt', 'updatedAt', 'deletedAt', 'createdBy'])
const RESERVED: Record<string, readonly string[]> = { meal: ['served'], permit: ['status'] }
/**
 * Fields that are one value, with the value each holds before any write: a write of any of them wins or loses for
 * all of them, against the latest write of any (a drag on one phone and a turn on another never mix).
 */
/** Fields kept line by line: each line has an id, its own last writer, and a removed line stays, marked removed. */
const LINE_FIELDS: Record<string, string> = { permit: 'documents' }
/** What a permit with no checklist of its own stands for: the usual lines, the insurance one ticked by its old flag. */
function impliedChecklist(insurance: unknown): Record<string, unknown>[] {
  return ['insuranceCertificate', 'plan', 'vehiclePlan', 'kbis', 'scenario']
    .map((kind) => ({ id: kind, kind, label: '', done: kind === 'insuranceCertificate' && !!insurance, fileName: '', mime: '' }))
}

const UNITS: Record<string, Record<string, unknown>> = {
  placement: { lat: null, lng: null, heading: 0, kerbId: '', street: '', fromNumber: null, toNumber: null, side: '' },
}

/** One mutation as the server's log recorded it, with the server's time when it was applied. */
export interface LoggedMutation {
  clientId: string
  mutationId: number
  name: string
  args: Record<string, unknown>
  hlc: string
  status: string
  reason: string | null
  serverNow: number
}

interface FieldWrite {
  value: unknown
  /** The HLC after the server's clamp: what last-writer-wins compares. */
  hlc: string
  clientId: string
  mutationId: number
}

interface ModelRow {
  entity: string
  id: string
  creator: string
  deleted: boolean
  fields: Map<string, FieldWrite>
  served: Record<string, number>
  status?: string
  /**
   * A permit's checklist, line by line in list order, each line with the write that set it; undefined while the
   * permit has no list of its own (it then stands for the usual lines, see impliedChecklist).
   */
  lines?: { id: string; write: FieldWrite }[]
  /** The write the checklist field itself dates from (its create): a line never written since compares with it. */
  linesSince?: FieldWrite
  /** The last mutations that reached this row, with the server's verdict: printed when the row differs. */
  trace: string[]
}

type Verdict = { accepted: true } | { accepted: false; reason: string }

export interface ModelStats {
  /** Meal adjusts the 0..10,000 bounds cut short (so served differs from the plain sum of deltas). */
  clampedAdjusts: number
  /** Mutations whose clock was more than 60 s ahead of the server and got clamped. */
  clampedClocks: number
  /** Covers the accepted meal adjusts added, within the bounds, and as sent. */
  acceptedAdjustDelta: number
  acceptedAdjustRaw: number
  acceptedTransitions: number
}

/** What the model knows at one point: taken with a server backup, put back when the backup is restored. */
export interface ModelSnapshot {
  rows: Map<string, ModelRow>
  stats: ModelStats
  lastClock: Map<string, Hlc>
}

export class ReferenceModel {
  rows = new Map<string, ModelRow>()
  stats: ModelStats = { clampedAdjusts: 0, clampedClocks: 0, acceptedAdjustDelta: 0, acceptedAdjustRaw: 0, acceptedTransitions: 0 }

  private lastClock = new Map<string, Hlc>()

  constructor(private readonly roles: ReadonlyMap<string, SimRole>) {}

  snapshot(): ModelSnapshot {
    return structuredClone({ rows: this.rows, stats: this.stats, lastClock: this.lastClock })
  }

  /** Back to a snapshot: the server's database went back to the backup taken with it. */
  restore(snapshot: ModelSnapshot): void {
    const copy = structuredClone(snapshot)
    this.rows = copy.rows
    this.stats = copy.stats
    this.lastClock = copy.lastClock
  }

  /** Feeds one applied mutation; returns why the server's verdict differs from the model's, or null. */
  apply(mutation: LoggedMutation): string | null {
    const parsed = parseMutationName(mutation.name)
    if (!parsed) return this.compare(mutation, { accepted: false, reason: 'unknown_mutation' })
    const millis = decodeHlc(mutation.hlc).millis
    if (millis > mutation.serverNow + REFUSE_AHEAD_MS) return this.compare(mutation, { accepted: false, reason: 'clock_ahead' })
    const hlc = this.effectiveClock(mutation)
    const clamped = hlc !== mutation.hlc
    const { entity, op } = parsed
    const args = mutation.args
    const id = String(op === 'create' ? (args.record as Record<string, unknown>).id : args.id)
    const key = `${entity}:${id}`
    const row = this.rows.get(key)
    const traced = `${mutation.clientId}#${mutation.mutationId} ${mutation.name} at ${hlc}${clamped ? ' (clamped)' : ''}: ${mutation.status}${mutation.reason ? ` ${mutation.reason}` : ''}`
    if (row) {
      row.trace.push(traced)
      if (row.trace.length > 12) row.trace.shift()
    }
    if (!this.mayWrite(mutation.clientId, entity, row?.creator, op)) return this.compare(mutation, { accepted: false, reason: 'forbidden' })
    const write = (value: unknown): FieldWrite => ({ value, hlc, clientId: mutation.clientId, mutationId: mutation.mutationId })

    if (op === 'create') {
      const record = args.record as Record<string, unknown>
      const fields = Object.entries(record).filter(([field]) => !PROTECTED.has(field) && !(RESERVED[entity] ?? []).includes(field))
      if (!row) {
        const created: ModelRow = {
          entity, id, creator: mutation.clientId, deleted: false, fields: new Map(fields.map(([field, value]) => [field, write(value)])), served: {}, trace: [traced],
        }
        if (entity === 'meal') created.served = normalisedCounts(record.served)
        if (entity === 'permit') created.status = String(record.status)
        const lineField = LINE_FIELDS[entity]
        if (lineField) {
          const initial = Array.isArray(record[lineField]) ? (record[lineField] as Record<string, unknown>[]) : []
          created.fields.delete(lineField)
          created.linesSince = write(null)
          if (initial.length > 0) created.lines = initial.map((line) => ({ id: String(line.id), write: write(line) }))
        }
        return this.compare(mutation, { accepted: true }, () => this.rows.set(key, created))
      }
      if (row.deleted) return this.compare(mutation, { accepted: false, reason: 'deleted' })
      return this.patchVerdict(mutation, row, fields, write)
    }
    if (!row) return this.compare(mutation, { accepted: false, reason: 'not_found' })
    if (op === 'delete') return this.compare(mutation, { accepted: true }, () => (row.deleted = true))
    if (row.deleted) return this.compare(mutation, { accepted: false, reason: 'deleted' })
    if (op === 'patch') return this.patchVerdict(mutation, row, Object.entries(args.fields as Record<string, unknown>), write)
    if (op === 'move') return this.patchVerdict(mutation, row, Object.entries(args.position as Record<string, unknown>), write)
    if (op === 'adjust') {
      const group = String(args.group)
      const delta = Number(args.delta)
      const before = row.served[group] ?? 0
      const after = Math.min(MAX_COVERS, Math.max(0, before + delta))
      const expectedStatus = after === before ? 'unchanged' : 'applied'
      if (mutation.status !== 'rejected' && mutation.status !== expectedStatus) {
        return `${describe(mutation)}: the server says ${mutation.status}, the model expects ${expectedStatus} (served ${before}, delta ${delta})`
      }
      return this.compare(mutation, { accepted: true }, () => {
        if (after - before !== delta) this.stats.clampedAdjusts++
        this.stats.acceptedAdjustDelta += after - before
        this.stats.acceptedAdjustRaw += delta
        row.served[group] = after
      })
    }
    // permit.transition: compare-and-set along an edge of the workflow.
    const from = String(args.from)
    const to = String(args.to)
    if (!(PERMIT_EDGES[from] ?? []).includes(to)) return this.compare(mutation, { accepted: false, reason: 'invalid_transition' })
    if (row.status !== from) return this.compare(mutation, { accepted: false, reason: 'stale_transition' })
    return this.compare(mutation, { accepted: true }, () => {
      this.stats.acceptedTransitions++
      row.status = to
      // The day a request is first sent is recorded with the move (Paris calendar day of its clock).
      const sentOn = row.fields.get('sentOn')
      if (to === 'sent' && !sentOn?.value && overwrites(mutation.clientId, hlc, sentOn)) {
        row.fields.set('sentOn', { value: parisDay(decodeHlc(hlc).millis), hlc, clientId: mutation.clientId, mutationId: mutation.mutationId })
      }
    })
  }

  /**
   * The clock a mutation merges with. One more than a minute ahead of the server is clamped to that minute, so a
   * fast phone cannot win every conflict for hours; and a client's clocks keep the order of its mutations (a tie
   * after clamping goes to the later one), so a phone's later edit of a field always replaces its earlier one.
   */
  private effectiveClock(mutation: LoggedMutation): string {
    const sent = decodeHlc(mutation.hlc)
    const bound = mutation.serverNow + CLAMP_AHEAD_MS
    let clock = sent.millis > bound ? { ...sent, millis: bound } : sent
    if (sent.millis > bound) this.stats.clampedClocks++
    const previous = this.lastClock.get(mutation.clientId)
    if (previous && encodeHlc(clock) <= encodeHlc(previous)) clock = { ...previous, counter: previous.counter + 1 }
    this.lastClock.set(mutation.clientId, clock)
    return encodeHlc(clock)
  }

  /** The last mutations that reached a row, with the server's verdicts (for failure messages). */
  traceOf(key: string): string {
    return this.rows.get(key)?.trace.join(' | ') ?? 'no accepted create'
  }

  /** The model's row for an entity id, for the final field-by-field comparison. */
  expectedRows(): ModelRow[] {
    return [...this.rows.values()]
  }

  /**
   * Per field, the later clock wins. A device's own edits keep their order whatever the clamp did to their
   * clocks: the user's last edit of a field is the one that stays.
   */
  private patchVerdict(mutation: LoggedMutation, row: ModelRow, written: [string, unknown][], write: (value: unknown) => FieldWrite): string | null {
    let fields = written
    const clock = write(null).hlc
    const lineField = LINE_FIELDS[row.entity]
    const writtenLines = fields.find(([field]) => field === lineField)?.[1] as Record<string, unknown>[] | undefined
    fields = fields.filter(([field]) => field !== lineField)
    let lines = row.lines
    if (writtenLines) {
      // A permit with no list of its own starts from the lines it stands for, dated from its create.
      lines = [...(row.lines ?? impliedChecklist(row.fields.get('insuranceCertificate')?.value).map((line) => ({ id: String(line.id), write: { ...row.linesSince!, value: line } })))]
      let changedLine = false
      for (const line of writtenLines) {
        const id = String(line.id)
        const at = lines.findIndex((held) => held.id === id)
        const held = at >= 0 ? lines[at]!.write : row.linesSince
        if (!overwrites(mutation.clientId, clock, held)) continue
        changedLine = true
        if (at >= 0) lines[at] = { id, write: write(line) }
        else lines.push({ id, write: write(line) })
      }
      if (!changedLine) lines = row.lines
    }
    const unit = UNITS[row.entity] ?? {}
    const inUnit = (field: string) => field in unit
    const unitWrites = Object.keys(unit).map((field) => row.fields.get(field)).filter((held) => held !== undefined)
    const latestOfUnit = unitWrites.reduce<FieldWrite | undefined>((latest, held) => (!latest || held.hlc > latest.hlc ? held : latest), undefined)
    const unitWins = fields.some(([field]) => inUnit(field)) && overwrites(mutation.clientId, clock, latestOfUnit)
    const winners = fields.filter(([field]) => (inUnit(field) ? unitWins : overwrites(mutation.clientId, clock, row.fields.get(field))))
    if (fields.some(([field]) => PROTECTED.has(field) || (RESERVED[row.entity] ?? []).includes(field))) {
      return this.compare(mutation, { accepted: false, reason: 'forbidden_field' })
    }
    const merged = new Map(row.fields)
    // The whole unit now dates from this write, the fields it did not name keeping their values.
    if (unitWins) for (const [field, initial] of Object.entries(unit)) merged.set(field, write(row.fields.has(field) ? row.fields.get(field)!.value : initial))
    for (const [field, value] of winners) merged.set(field, write(value))
    if (winners.length > 0 && !crossFieldValid(row.entity, merged)) return this.compare(mutation, { accepted: false, reason: 'invalid' })
    return this.compare(mutation, { accepted: true }, () => {
      row.fields = merged
      row.lines = lines
    })
  }

  /** The server's rule (core/rules/roles.ts), with a device's clientId standing for its member (one phone each). */
  private mayWrite(clientId: string, entity: string, creator: string | undefined, op: string): boolean {
    const role = this.roles.get(clientId)
    if (!role) return false
    const kind = op === 'delete' ? 'delete' : op === 'restore' ? 'restore' : 'write'
    return mayWrite({ role, memberId: clientId, productionKind: 'feature' }, entity, creator, kind)
  }

  private compare(mutation: LoggedMutation, verdict: Verdict, commit?: () => void): string | null {
    const accepted = mutation.status === 'applied' || mutation.status === 'unchanged'
    if (verdict.accepted && accepted) {
      commit?.()
      return null
    }
    if (!verdict.accepted && !accepted && mutation.reason === verdict.reason) return null
    const expected = verdict.accepted ? 'accepted' : `rejected (${verdict.reason})`
    return `${describe(mutation)}: the server says ${mutation.status}${mutation.reason ? ` (${mutation.reason})` : ''}, the model expects ${expected}`
  }
}

/** Last writer wins per field; a phone's own later write always wins over its earlier one. */
function overwrites(clientId: string, hlc: string, current: FieldWrite | undefined): boolean {
  return !current || current.clientId === clientId || hlc > current.hlc
}

function parisDay(millis: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(millis)
}

/** The cross-field rules of the schemas a merged row must still pass (a later patch may break them). */
function crossFieldValid(entity: string, fields: Map<string, FieldWrite>): boolean {
  const value = (field: string) => fields.get(field)?.value
  if (entity === 'inventoryItem') return Number(value('quantityBack') ?? 0) <= Number(value('quantityOut'))
  if (entity === 'placement') {
    const arrival = String(value('arrival') ?? '')
    const departure = String(value('departure') ?? '')
    return arrival === '' || departure === '' || departure > arrival
  }
  return true
}

/** Served counts with every group present (the schema fills absent groups with 0). */
export function normalisedCounts(counts: unknown): Record<string, number> {
  const source = (counts ?? {}) as Record<string, unknown>
  return Object.fromEntries(MEAL_GROUP_NAMES.map((group) => [group, typeof source[group] === 'number' ? (source[group] as number) : 0]))
}

export function describe(mutation: Pick<LoggedMutation, 'clientId' | 'mutationId' | 'name'> & { args: unknown }): string {
  return `${mutation.clientId}#${mutation.mutationId} ${mutation.name} ${JSON.stringify(mutation.args).slice(0, 160)}`
}

/** Differences between the model's rows and the server's (entity:id → data), field by field. */
export function compareWithServer(model: ReferenceModel, server: Map<string, { data: Record<string, unknown>; deleted: boolean }>): string[] {
  const problems: string[] = []
  for (const row of model.expectedRows()) {
    const key = `${row.entity}:${row.id}`
    const stored = server.get(key)
    const before = problems.length
    if (!stored) {
      problems.push(`${key}: accepted by the server but missing from its rows`)
      continue
    }
    if (stored.deleted !== row.deleted) problems.push(`${key}: deleted is ${stored.deleted} on the server, ${row.deleted} in the model`)
    for (const [field, write] of row.fields) {
      if (!isDeepStrictEqual(stored.data[field], write.value)) {
        problems.push(`${key}.${field}: ${JSON.stringify(stored.data[field])} on the server, ${JSON.stringify(write.value)} in the model (last write ${write.clientId}#${write.mutationId})`)
      }
    }
    if (row.entity === 'meal' && !isDeepStrictEqual(normalisedCounts(stored.data.served), normalisedCounts(row.served))) {
      problems.push(`${key}.served: ${JSON.stringify(stored.data.served)} on the server, ${JSON.stringify(row.served)} in the model`)
    }
    if (row.entity === 'permit' && stored.data.status !== row.status) problems.push(`${key}.status: ${String(stored.data.status)} on the server, ${row.status} in the model`)
    const lineField = LINE_FIELDS[row.entity]
    if (lineField) {
      const expected = (row.lines ?? []).map((line) => line.write.value)
      if (!isDeepStrictEqual(stored.data[lineField] ?? [], expected)) {
        problems.push(`${key}.${lineField}: ${JSON.stringify(stored.data[lineField])} on the server, ${JSON.stringify(expected)} in the model`)
      }
    }
    if (problems.length > before) problems.push(`  ${key} received: ${row.trace.join(' | ')}`)
  }
  const modelled = new Set(model.expectedRows().map((row) => `${row.entity}:${row.id}`))
  for (const key of server.keys()) if (!modelled.has(key)) problems.push(`${key}: on the server, but no accepted create made it`)
  return problems
}
