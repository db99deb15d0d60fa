/**
 * What simulated crew members do on their phones while offline: create décors, vehicles, permit requests,
 * inventory lines and placements, edit random fields of records they hold, delete a few, count covers on the
 * day's shared meals (ids derived from day and service, so several phones create the same meal), move permit
 * requests along their workflow and tick, add or remove lines of their documents checklist. Every value is valid on its own; combinations (a quantity back above the
 * quantity out, a departure before the arrival) may be refused by the server, as on a real set.
 */
import type { LocalChange } from '../../src/app/db/writePath'
import type { RegieDatabase } from '../../src/app/db/db'
import { ENTITIES, mealId, validate, type BaseRecord, type EntityName, type MealService, type PermitStatus } from '../../src/core/model'
import type { Random } from './random'
import { MEAL_GROUP_NAMES, PERMIT_EDGES } from './referenceModel'

const WORDS = ['Cave', 'Quai', 'Atelier', 'Jardin', 'Gare', 'Toit', 'Couloir', 'Cour', 'Péniche', 'Verrière']
const SERVICES: readonly MealService[] = ['breakfast', 'lunch', 'dinner', 'snack']

type FieldMaker = (random: Random) => unknown
const text: FieldMaker = (random) => `${random.pick(WORDS)} ${random.int(1, 99)}`
const pad = (n: number) => String(n).padStart(2, '0')
const clock: FieldMaker = (random) => `${pad(random.int(5, 22))}:${pad(random.pick([0, 15, 30, 45]))}`
const bool: FieldMaker = (random) => random.chance(0.5)
const between = (min: number, max: number, scale = 1): FieldMaker => (random) => random.int(min, max) / scale
const oneOf = (options: readonly string[]): FieldMaker => (random) => random.pick(options)
/**
 * The checklist lines a phone writes (a patch names the lines it changes): usual lines ticked or unticked, a line of
 * its own added or changed, or removed (and maybe brought back later by another edit).
 */
const USUAL_DOCUMENTS = ['insuranceCertificate', 'plan', 'vehiclePlan', 'kbis', 'scenario']
const checklist: FieldMaker = (random) => [
  ...USUAL_DOCUMENTS.filter(() => random.chance(0.4)).map((kind) => ({ id: kind, kind, label: '', done: random.chance(0.5), fileName: '', mime: '' })),
  ...['extra-1', 'extra-2'].filter(() => random.chance(0.4)).map((id) => ({
    id, kind: 'other', label: text(random), done: random.chance(0.5), fileName: '', mime: '', ...(random.chance(0.3) && { removed: true }),
  })),
]
const expectedCovers: FieldMaker = (random) => Object.fromEntries(MEAL_GROUP_NAMES.map((group) => [group, random.int(0, 60)]))

/** Editable fields per entity, each with values its schema accepts. */
const FIELDS: Partial<Record<EntityName, Record<string, FieldMaker>>> = {
  location: {
    name: text, status: oneOf(['toScout', 'scouted', 'option', 'confirmed', 'rejected']), intExt: oneOf(['INT', 'EXT', 'INT/EXT']),
    noise: text, parking: text, city: text, dayRate: between(0, 5000), threePhasePower: bool, lat: between(48000, 49000, 1000),
  },
  vehicle: { name: text, kind: oneOf(['van', 'gripTruck', 'catering', 'car']), lengthM: between(5, 250, 10), widthM: between(5, 80, 10), driver: text, notes: text },
  permit: { title: text, reference: text, notes: text, crewSize: between(0, 200), fee: between(0, 5000), nightWork: bool, places: text, documents: checklist },
  meal: { caterer: text, place: text, notes: text, unitPrice: between(0, 60), vegetarian: between(0, 20), vegan: between(0, 10), expected: expectedCovers },
  inventoryItem: { name: text, reference: text, quantityOut: between(1, 20), quantityBack: between(0, 20), condition: oneOf(['ok', 'damaged', 'missing', 'incomplete']), note: text },
  placement: { arrival: clock, departure: clock, street: text, notes: text, heading: between(0, 360), fromNumber: between(0, 200),
    lat: between(48800, 48900, 1000), lng: between(2200, 2400, 1000),
  },
  authority: { name: text, contactName: text, notes: text, leadTime: between(0, 60) },
  rentalHouse: { name: text, contactName: text, notes: text, category: oneOf(['camera', 'lights', 'grip', 'sound']) },
  shootDay: { notes: text, callTime: clock, wrapTime: clock },
  production: { notes: text, city: text, company: text },
}

/** What the owner's phone creates before sharing: the days, authorities, rental houses and vehicles others refer to. */
export interface Fixtures {
  shootDayIds: string[]
  authorityIds: string[]
  rentalHouseIds: string[]
  vehicleIds: string[]
}

/** The ids of every record any phone created, per entity, in creation order: where edits pick their targets. */
export type Registry = Map<EntityName, string[]>

/** Weighted entities for creates and patches: décors and permits move most on a real prep. */
const CREATED: readonly [EntityName, number][] = [
  ['location', 5], ['vehicle', 2], ['permit', 4], ['inventoryItem', 3], ['placement', 2], ['authority', 1], ['rentalHouse', 1], ['shootDay', 1],
]
const PATCHED: readonly [EntityName, number][] = [...CREATED, ['meal', 4], ['production', 0.3]]

function weighted<T>(random: Random, entries: readonly [T, number][]): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0)
  let roll = random.next() * total
  for (const [item, weight] of entries) {
    roll -= weight
    if (roll < 0) return item
  }
  return entries.at(-1)![0]
}

/** A new record as the app's repository makes it: the form's fields with the schema's defaults filled in. */
export function newRecord(entity: EntityName, id: string, productionId: string, fixtures: Fixtures, random: Random): BaseRecord {
  const result = validate(ENTITIES[entity].input, typedFields(entity, fixtures, random))
  if (!result.ok) throw new Error(`invalid generated ${entity}: ${JSON.stringify(result.errors)}`)
  return { ...(result.value as Record<string, unknown>), id, productionId, createdAt: '', updatedAt: '', deletedAt: null }
}

/** What the form of each entity asks for: its required fields and a few more. */
function typedFields(entity: EntityName, fixtures: Fixtures, random: Random): Record<string, unknown> {
  const pick = (ids: string[]) => random.pick(ids)
  switch (entity) {
    case 'location':
      return { name: text(random), intExt: 'INT', setting: 'natural', status: 'toScout', noise: text(random) }
    case 'vehicle':
      return { name: text(random), kind: 'van', lengthM: 6.5, widthM: 2.2, driver: text(random) }
    case 'permit':
      return { title: text(random), authorityId: pick(fixtures.authorityIds), status: 'draft', shootType: 'feature', reference: '' }
    case 'inventoryItem': {
      const quantityOut = random.int(1, 20)
      return { rentalHouseId: pick(fixtures.rentalHouseIds), name: text(random), quantityOut, quantityBack: random.int(0, quantityOut), condition: 'ok' }
    }
    case 'placement':
      return { vehicleId: pick(fixtures.vehicleIds), shootDayId: pick(fixtures.shootDayIds), arrival: '07:00', departure: '20:00', street: text(random) }
    case 'authority':
      return { name: text(random), kind: 'cityHall', leadTime: random.int(0, 30), leadTimeUnit: 'workingDays' }
    case 'rentalHouse':
      return { name: text(random), category: 'camera' }
    case 'shootDay':
      return { number: random.int(1, 60), date: `2030-03-${pad(random.int(1, 28))}`, dayType: 'normal', callTime: '08:00', wrapTime: '19:00' }
    default:
      throw new Error(`no generator for ${entity}`)
  }
}

export function randomFields(entity: EntityName, random: Random): Record<string, unknown> {
  const makers = Object.entries(FIELDS[entity]!)
  const fields: Record<string, unknown> = {}
  const count = random.int(1, 3)
  for (let i = 0; i < count; i++) {
    const [field, make] = random.pick(makers)
    fields[field] = make(random)
  }
  return fields
}

export interface EditContext {
  database: RegieDatabase
  productionId: string
  fixtures: Fixtures
  registry: Registry
  random: Random
  /** A new record id, unique in the run. */
  newId(entity: EntityName): string
}

/**
 * A live record of the entity this phone holds, picked mostly among the latest created (so phones edit the same
 * records at the same time), or null when the phone has none yet.
 */
async function liveTarget(context: EditContext, entity: EntityName): Promise<BaseRecord | null> {
  const ids = context.registry.get(entity) ?? []
  for (let attempt = 0; attempt < 4 && ids.length > 0; attempt++) {
    const id = context.random.chance(0.6) ? context.random.pick(ids.slice(-25)) : context.random.pick(ids)
    const record = await context.database.records(entity).get([context.productionId, id])
    if (record && !record.deletedAt) return record
  }
  return null
}

function create(context: EditContext, entity: EntityName): LocalChange {
  const id = context.newId(entity)
  const list = context.registry.get(entity) ?? []
  list.push(id)
  context.registry.set(entity, list)
  return { op: 'create', entity, record: newRecord(entity, id, context.productionId, context.fixtures, context.random) }
}

async function createOrPatch(context: EditContext, entity: EntityName): Promise<LocalChange> {
  const target = await liveTarget(context, entity)
  if (!target) return create(context, weighted(context.random, CREATED))
  return { op: 'patch', entity, productionId: context.productionId, id: target.id, fields: randomFields(entity, context.random) }
}

/** One edit on one phone: the changes to commit in one transaction (usually one). */
export async function randomEdit(context: EditContext): Promise<LocalChange[]> {
  const { random } = context
  const roll = random.next()
  if (roll < 0.2) {
    const change = create(context, weighted(random, CREATED))
    // Sometimes a form saves a record and a second edit of it in one go.
    if (random.chance(0.1) && change.op === 'create') {
      return [change, { op: 'patch', entity: change.entity, productionId: context.productionId, id: change.record.id, fields: randomFields(change.entity, random) }]
    }
    return [change]
  }
  if (roll < 0.55) {
    const entity = weighted(random, PATCHED)
    if (entity === 'production') return [{ op: 'patch', entity, productionId: context.productionId, id: context.productionId, fields: randomFields(entity, random) }]
    return [await createOrPatch(context, entity)]
  }
  if (roll < 0.58) {
    const entity = random.chance(0.1) ? 'meal' : weighted(random, CREATED)
    const target = await liveTarget(context, entity)
    return [target ? { op: 'delete', entity, productionId: context.productionId, id: target.id } : create(context, 'location')]
  }
  if (roll < 0.9) return [await mealEdit(context)]
  const permit = await liveTarget(context, 'permit')
  if (!permit) return [create(context, 'permit')]
  const from = String(permit.status)
  const next = PERMIT_EDGES[from] ?? []
  if (next.length === 0) return [{ op: 'patch', entity: 'permit', productionId: context.productionId, id: permit.id, fields: randomFields('permit', random) }]
  return [{ op: 'transition', entity: 'permit', productionId: context.productionId, id: permit.id, from: from as PermitStatus, to: random.pick(next) as PermitStatus }]
}

/**
 * Counting on set: a tap adds 1 to 4 covers to one group of one of the shared meals, now and then one taken back
 * (only when this phone shows at least one, as the counter's minus button would), rarely more than the count: the
 * server's 0 floor then cuts it. The phone that first needs a meal creates it with the shared id, as every phone
 * does offline.
 */
async function mealEdit(context: EditContext): Promise<LocalChange> {
  const { random, fixtures } = context
  const shootDayId = random.pick(fixtures.shootDayIds)
  const service = random.pick(SERVICES)
  const id = mealId(shootDayId, service)
  const meal = await context.database.records('meal').get([context.productionId, id])
  if (!meal) {
    const known = context.registry.get('meal') ?? []
    if (!known.includes(id)) context.registry.set('meal', [...known, id])
    const typed = validate(ENTITIES.meal.input, { shootDayId, service, expected: expectedCovers(random), cutoffAt: '', caterer: text(random) })
    if (!typed.ok) throw new Error(`invalid generated meal: ${JSON.stringify(typed.errors)}`)
    const record: BaseRecord = { ...(typed.value as Record<string, unknown>), id, productionId: context.productionId, createdAt: '', updatedAt: '', deletedAt: null }
    return { op: 'create', entity: 'meal', record }
  }
  if (meal.deletedAt) return createOrPatch(context, 'location')
  const group = random.pick(MEAL_GROUP_NAMES)
  const shown = ((meal.served ?? {}) as Record<string, number>)[group] ?? 0
  // A tap taken back; rarely a correction larger than the team's count (two phones fixing the same mistake).
  const delta = shown > 0 && random.chance(0.12) ? (random.chance(0.2) ? -random.int(1, shown + 3) : -1) : random.int(1, 4)
  if (random.chance(0.1)) return { op: 'patch', entity: 'meal', productionId: context.productionId, id, fields: randomFields('meal', random) }
  return { op: 'adjust', entity: 'meal', productionId: context.productionId, id, group, delta }
}
