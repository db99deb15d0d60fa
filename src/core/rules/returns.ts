/**
 * End-of-shoot returns: what is still out with each rental house (loueur), what is overdue, who signed the
 * return slip, and per décor which condition reports (états des lieux) exist, their defects and signatures.
 *
 * Guarantees: every function is pure; the dashboard reads each item once (one pass, a map per rental house),
 * so it stays fast with 20,000 items on a phone. Dates are calendar days 'yyyy-mm-dd' of the production's
 * calendar (Europe/Paris), compared as strings: ISO order is date order. Deleted records are skipped.
 */
import type { ConditionReport } from '../model/conditionReport'
import type { ItemCondition } from '../model/inventory'
import { missingSigners, type Signature, type SignerRole } from '../model/signature'
import { calendarDateIn, type IsoDate } from './workingDays'

/** The return slip is signed by the rental house's representative and the production's régisseur. */
export const RETURN_SLIP_SIGNERS = ['rentalHouse', 'production'] as const satisfies readonly SignerRole[]
/** A condition report is signed by the owner (or their manager) and the régisseur. */
export const CONDITION_REPORT_SIGNERS = ['owner', 'production'] as const satisfies readonly SignerRole[]

/** What the returns read of an item: a whole `InventoryItem` record fits. */
export interface ReturnItem {
  id: string
  rentalHouseId: string
  name: string
  quantityOut: number
  quantityBack?: number
  condition: ItemCondition
  dueDate?: string
  reference?: string
  note?: string
  deletedAt?: string | null
}

/** What the returns read of a rental house: a whole `RentalHouse` record fits. */
export interface ReturnHouse {
  id: string
  name: string
  dueDate?: string
  returnSignatures?: readonly Signature[]
  deletedAt?: string | null
}

/** "Today" for due dates: the day in Paris, whatever the phone's time zone (a shoot abroad keeps French dates). */
export function returnsToday(now: Date | number = Date.now()): IsoDate {
  return calendarDateIn(now)
}

/** Units not back yet; never negative, even for a record an older app version let through. */
export function quantityStillOut(item: { quantityOut: number; quantityBack?: number }): number {
  return Math.max(0, item.quantityOut - (item.quantityBack ?? 0))
}

/** The item's own due date, else its rental house's; '' when neither is known. */
export function itemDueDate(item: Pick<ReturnItem, 'dueDate'>, house: Pick<ReturnHouse, 'dueDate'> | undefined): IsoDate {
  return item.dueDate || house?.dueDate || ''
}

/** Still out after the day it was due. Due today is not late yet: it may still come back this evening. */
export function isOverdue(item: ReturnItem, house: ReturnHouse | undefined, today: IsoDate): boolean {
  const due = itemDueDate(item, house)
  return due !== '' && due < today && quantityStillOut(item) > 0
}

export interface RentalHouseReturn<H extends ReturnHouse = ReturnHouse> {
  rentalHouseId: string
  /** Undefined when the items point at a rental house that was deleted: they still show, never lost. */
  house: H | undefined
  name: string
  /** Item lines, and unit quantities out, back and still out. */
  items: number
  quantityOut: number
  quantityBack: number
  stillOut: number
  /** Item lines with units still out, and those overdue. */
  itemsStillOut: number
  overdue: number
  /** Item lines by condition. */
  damaged: number
  missing: number
  incomplete: number
  /** Earliest due date among the lines still out; '' when nothing is out (or no date is known). */
  earliestDueDate: IsoDate
  /** Return-slip signatures still missing, rental house first. */
  missingSignatures: SignerRole[]
}

function emptySummary<H extends ReturnHouse>(rentalHouseId: string, house: H | undefined): RentalHouseReturn<H> {
  return {
    rentalHouseId, house, name: house?.name ?? '', items: 0, quantityOut: 0, quantityBack: 0, stillOut: 0, itemsStillOut: 0, overdue: 0,
    damaged: 0, missing: 0, incomplete: 0, earliestDueDate: '', missingSignatures: missingSigners(house?.returnSignatures, RETURN_SLIP_SIGNERS),
  }
}

const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' })

/** Dashboard order: houses with overdue items first, then the nearest due date (nothing out last), then name. */
export function compareRentalHouseReturns(a: RentalHouseReturn, b: RentalHouseReturn): number {
  if ((a.overdue > 0) !== (b.overdue > 0)) return a.overdue > 0 ? -1 : 1
  const dueA = a.earliestDueDate || '\uffff'
  const dueB = b.earliestDueDate || '\uffff'
  if (dueA !== dueB) return dueA < dueB ? -1 : 1
  // No due date known: houses with something out still come before those with nothing out.
  if ((a.stillOut > 0) !== (b.stillOut > 0)) return a.stillOut > 0 ? -1 : 1
  return collator.compare(a.name, b.name) || (a.rentalHouseId < b.rentalHouseId ? -1 : 1)
}

/**
 * One summary per rental house (including houses with no items and deleted houses that still have items),
 * in dashboard order. One pass over the items.
 */
export function summarizeReturns<H extends ReturnHouse>(houses: readonly H[], items: readonly ReturnItem[], today: IsoDate): RentalHouseReturn<H>[] {
  const summaries = new Map<string, RentalHouseReturn<H>>()
  for (const house of houses) if (!house.deletedAt) summaries.set(house.id, emptySummary(house.id, house))
  for (const item of items) {
    if (item.deletedAt) continue
    let summary = summaries.get(item.rentalHouseId)
    if (!summary) summaries.set(item.rentalHouseId, (summary = emptySummary<H>(item.rentalHouseId, undefined)))
    const out = quantityStillOut(item)
    summary.items++
    summary.quantityOut += item.quantityOut
    summary.quantityBack += item.quantityOut - out
    summary.stillOut += out
    if (item.condition === 'damaged') summary.damaged++
    else if (item.condition === 'missing') summary.missing++
    else if (item.condition === 'incomplete') summary.incomplete++
    if (out === 0) continue
    summary.itemsStillOut++
    const due = itemDueDate(item, summary.house)
    if (due === '') continue
    if (due < today) summary.overdue++
    if (summary.earliestDueDate === '' || due < summary.earliestDueDate) summary.earliestDueDate = due
  }
  return [...summaries.values()].sort(compareRentalHouseReturns)
}

export interface ReturnTotals {
  rentalHouses: number
  /** Rental houses with units still out, and with overdue lines. */
  housesStillOut: number
  housesOverdue: number
  stillOut: number
  itemsStillOut: number
  overdue: number
  /** Item lines damaged, missing or incomplete. */
  problems: number
  /** Rental houses whose return slip lacks a signature although everything is back. */
  unsignedReturned: number
}

export function returnTotals(summaries: readonly RentalHouseReturn[]): ReturnTotals {
  const totals: ReturnTotals = { rentalHouses: 0, housesStillOut: 0, housesOverdue: 0, stillOut: 0, itemsStillOut: 0, overdue: 0, problems: 0, unsignedReturned: 0 }
  for (const summary of summaries) {
    totals.rentalHouses++
    if (summary.stillOut > 0) totals.housesStillOut++
    if (summary.overdue > 0) totals.housesOverdue++
    totals.stillOut += summary.stillOut
    totals.itemsStillOut += summary.itemsStillOut
    totals.overdue += summary.overdue
    totals.problems += summary.damaged + summary.missing + summary.incomplete
    if (summary.items > 0 && summary.stillOut === 0 && summary.missingSignatures.length > 0) totals.unsignedReturned++
  }
  return totals
}

/** One expected signature of a document and the one given, if any (the latest when signed twice). */
export interface SignatureLine {
  role: SignerRole
  signature: Signature | undefined
}

export function signatureLines(signatures: readonly Signature[] | undefined, roles: readonly SignerRole[]): SignatureLine[] {
  const latest = new Map<SignerRole, Signature>()
  for (const signature of signatures ?? []) {
    const known = latest.get(signature.role)
    if (!known || known.signedAt <= signature.signedAt) latest.set(signature.role, signature)
  }
  return roles.map((role) => ({ role, signature: latest.get(role) }))
}

/** A role signs once: signing again replaces that role's signature and keeps the others. */
export function withSignature(signatures: readonly Signature[] | undefined, signature: Signature): Signature[] {
  return [...(signatures ?? []).filter((existing) => existing.role !== signature.role), signature]
}

// ---------------------------------------------------------------------------------------------------------------
// The end-of-shoot checklist.

export interface ChecklistItem<I extends ReturnItem = ReturnItem> {
  item: I
  stillOut: number
  dueDate: IsoDate
  overdue: boolean
}

export interface ChecklistRentalHouse<H extends ReturnHouse = ReturnHouse, I extends ReturnItem = ReturnItem> {
  summary: RentalHouseReturn<H>
  /** Lines fully back, lines with units still out (overdue first, then by due date), lines not in good condition. */
  back: ChecklistItem<I>[]
  stillOut: ChecklistItem<I>[]
  problems: ChecklistItem<I>[]
  signatures: SignatureLine[]
}

/** What the checklist reads of a condition report: a whole `ConditionReport` record fits. */
export type ReportEntry = Pick<ConditionReport, 'id' | 'locationId' | 'phase' | 'date' | 'rooms' | 'signatures'> & {
  updatedAt?: string
  deletedAt?: string | null
  deposit?: number | null
  depositReturned?: boolean
}

export interface ReportStatus<R extends ReportEntry = ReportEntry> {
  report: R
  roomsWithDefects: { name: string; defects: string[] }[]
  defects: number
  signatures: SignatureLine[]
  missingSignatures: SignerRole[]
}

export interface ChecklistDecor<R extends ReportEntry = ReportEntry> {
  locationId: string
  name: string
  entry: ReportStatus<R> | undefined
  exit: ReportStatus<R> | undefined
  /** Defects found at exit that the entry report did not list: what the production may owe. */
  newDefects: number
}

export interface ReturnChecklist<H extends ReturnHouse, I extends ReturnItem, R extends ReportEntry> {
  rentalHouses: ChecklistRentalHouse<H, I>[]
  decors: ChecklistDecor<R>[]
  totals: ReturnTotals
}

const byDueThenName = (a: ChecklistItem, b: ChecklistItem) =>
  Number(b.overdue) - Number(a.overdue) || (a.dueDate || '\uffff').localeCompare(b.dueDate || '\uffff') || collator.compare(a.item.name, b.item.name)
const byName = (a: ChecklistItem, b: ChecklistItem) => collator.compare(a.item.name, b.item.name)

/**
 * The checklist to print: per rental house what is back, still out, damaged or missing and who signed; per
 * décor with a condition report, entry and exit with their defects and signatures. `rentalHouseId` narrows
 * it to one rental house (its return slip). One pass over the items.
 */
export function returnChecklist<H extends ReturnHouse, I extends ReturnItem, R extends ReportEntry>(input: {
  houses: readonly H[]
  items: readonly I[]
  locations: readonly { id: string; name: string; deletedAt?: string | null }[]
  reports: readonly R[]
  today: IsoDate
  rentalHouseId?: string
}): ReturnChecklist<H, I, R> {
  const { today, rentalHouseId } = input
  const houses = rentalHouseId ? input.houses.filter((house) => house.id === rentalHouseId) : input.houses
  const items = rentalHouseId ? input.items.filter((item) => item.rentalHouseId === rentalHouseId) : input.items
  const summaries = summarizeReturns(houses, items, today)
  const lines = new Map(summaries.map((summary) => [summary.rentalHouseId, { back: [], stillOut: [], problems: [] } as Omit<ChecklistRentalHouse<H, I>, 'summary' | 'signatures'>]))
  const houseById = new Map(houses.map((house) => [house.id, house]))
  for (const item of items) {
    if (item.deletedAt) continue
    const house = houseById.get(item.rentalHouseId)
    const out = quantityStillOut(item)
    const line: ChecklistItem<I> = { item, stillOut: out, dueDate: itemDueDate(item, house), overdue: isOverdue(item, house, today) }
    const group = lines.get(item.rentalHouseId)!
    if (out === 0) group.back.push(line)
    else group.stillOut.push(line)
    if (item.condition !== 'ok') group.problems.push(line)
  }
  const rentalHouses = summaries.map((summary) => {
    const group = lines.get(summary.rentalHouseId)!
    return {
      summary,
      back: group.back.sort(byName),
      stillOut: group.stillOut.sort(byDueThenName),
      problems: group.problems.sort(byName),
      signatures: signatureLines(summary.house?.returnSignatures, RETURN_SLIP_SIGNERS),
    }
  })
  return { rentalHouses, decors: rentalHouseId ? [] : decorReturns(input.locations, input.reports), totals: returnTotals(summaries) }
}

export function reportStatus<R extends ReportEntry>(report: R): ReportStatus<R> {
  const roomsWithDefects = report.rooms
    .map((room) => ({ name: room.name, defects: room.defects.filter((defect) => defect.trim() !== '') }))
    .filter((room) => room.defects.length > 0)
  return {
    report,
    roomsWithDefects,
    defects: roomsWithDefects.reduce((sum, room) => sum + room.defects.length, 0),
    signatures: signatureLines(report.signatures, CONDITION_REPORT_SIGNERS),
    missingSignatures: missingSigners(report.signatures, CONDITION_REPORT_SIGNERS),
  }
}

/** The report that counts for a phase: the latest by date, then by last change (a redone report replaces the first). */
function isLater(a: ReportEntry, b: ReportEntry): boolean {
  return a.date !== b.date ? a.date > b.date : (a.updatedAt ?? '') > (b.updatedAt ?? '')
}

/** Per décor with at least one condition report, its entry and exit reports; décors by name. */
export function decorReturns<R extends ReportEntry>(
  locations: readonly { id: string; name: string; deletedAt?: string | null }[],
  reports: readonly R[],
): ChecklistDecor<R>[] {
  const latest = new Map<string, { entry?: R; exit?: R }>()
  for (const report of reports) {
    if (report.deletedAt) continue
    const pair = latest.get(report.locationId) ?? {}
    const current = pair[report.phase]
    if (!current || isLater(report, current)) pair[report.phase] = report
    latest.set(report.locationId, pair)
  }
  const names = new Map(locations.filter((location) => !location.deletedAt).map((location) => [location.id, location.name]))
  return [...latest.entries()]
    .map(([locationId, pair]) => ({
      locationId,
      name: names.get(locationId) ?? '',
      entry: pair.entry && reportStatus(pair.entry),
      exit: pair.exit && reportStatus(pair.exit),
      newDefects: pair.entry && pair.exit ? compareRooms(pair.entry, pair.exit).reduce((sum, room) => sum + room.newDefects.length, 0) : 0,
    }))
    .sort((a, b) => collator.compare(a.name, b.name))
}

// ---------------------------------------------------------------------------------------------------------------
// Entry against exit, room by room.

type Room = ConditionReport['rooms'][number]

/** The photo slot of a room of a condition report (photo.slot): photos follow the room's name. */
export function roomPhotoSlot(roomName: string): string {
  return `room:${roomName.trim()}`
}

export interface RoomComparison {
  name: string
  entry: Room | undefined
  exit: Room | undefined
  /** Exit defects the entry report did not list (same text, case and spacing aside). */
  newDefects: string[]
}

const defectKey = (text: string) => text.trim().replace(/\s+/g, ' ').toLocaleLowerCase('fr')
const roomKey = (name: string) => name.trim().toLocaleLowerCase('fr')

/** Rooms matched by name: the entry report's order, then rooms only the exit report has. */
export function compareRooms(entry: Pick<ReportEntry, 'rooms'> | undefined, exit: Pick<ReportEntry, 'rooms'> | undefined): RoomComparison[] {
  const exitRooms = new Map((exit?.rooms ?? []).map((room) => [roomKey(room.name), room]))
  const rows: RoomComparison[] = []
  const seen = new Set<string>()
  const add = (name: string, entryRoom: Room | undefined, exitRoom: Room | undefined) => {
    const known = new Set((entryRoom?.defects ?? []).map(defectKey))
    const newDefects = (exitRoom?.defects ?? []).filter((defect) => defect.trim() !== '' && !known.has(defectKey(defect)))
    rows.push({ name, entry: entryRoom, exit: exitRoom, newDefects })
  }
  for (const room of entry?.rooms ?? []) {
    const key = roomKey(room.name)
    if (seen.has(key)) continue
    seen.add(key)
    add(room.name, room, exitRooms.get(key))
  }
  for (const room of exit?.rooms ?? []) {
    const key = roomKey(room.name)
    if (seen.has(key)) continue
    seen.add(key)
    add(room.name, undefined, room)
  }
  return rows
}

/** Rooms for a new exit report: the entry report's rooms and zones, to be checked again (defects left empty). */
export function exitRoomsFrom(entry: Pick<ReportEntry, 'rooms'>): Room[] {
  return entry.rooms.map((room) => ({ name: room.name, zones: [...room.zones], condition: '', defects: [] }))
}
