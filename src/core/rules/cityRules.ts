/**
 * City rules for vehicles on a shoot, kept as data (DOMAIN.md: "rules differ per city: keep them as data, not code").
 * A city is one `CityRuleSet` object validated by `CityRuleSetSchema`; `checkCityRules` reads any such object, so
 * adding a city means adding data, not code. Findings carry locale keys and params: the UI translates them.
 */
import * as v from 'valibot'
import { MSG } from '../model/fields'
import { VEHICLE_KINDS, type VehicleKind } from '../model/vehicle'

/** Matches every zone in `zones`; a rule naming the zone itself takes precedence over a '*' rule of the same kind. */
export const ANY_ZONE = '*'

const vehicleKinds = v.array(v.picklist(VEHICLE_KINDS, MSG.choice), MSG.list)
const zoneList = v.array(v.pipe(v.string(MSG.text), v.trim(), v.nonEmpty(MSG.required), v.maxLength(80, MSG.tooLong)), MSG.list)
const severity = v.optional(v.picklist(['error', 'warning'], MSG.choice), 'error')
/** A locale key such as 'rules.paris.maxTechnical'. */
const messageKey = v.pipe(v.string(MSG.text), v.regex(/^[a-z]\w*(\.\w+)+$/i, MSG.text))
/** Off-street vehicles (private yard, car park) do not take public space, so by default rules count street ones. */
const streetOnly = v.optional(v.boolean(), true)

const MaxTechnicalVehiclesRuleSchema = v.strictObject({
  kind: v.literal('maxTechnicalVehicles'),
  /** Zone codes or names (arrondissement '9', 'Paris Centre'), or '*' for every zone not named by another cap. */
  zones: v.pipe(zoneList, v.minLength(1, MSG.required)),
  /** Listed zones only partly covered by the cap: the cap applies, with a warning-level note to check on the map. */
  partialZones: v.optional(zoneList, []),
  max: v.pipe(v.number(MSG.number), v.integer(MSG.integer), v.minValue(0, MSG.nonNegative)),
  /** Kinds that are not technical vehicles under this rule. */
  excludeKinds: v.optional(vehicleKinds, []),
  streetOnly,
  severity,
  messageKey,
})

const BannedOnStreetRuleSchema = v.strictObject({
  kind: v.literal('bannedOnStreet'),
  vehicleKinds: v.pipe(vehicleKinds, v.minLength(1, MSG.required)),
  /** Why, for whoever maintains the data; users see the translated `messageKey`. */
  reason: v.pipe(v.string(MSG.text), v.maxLength(500, MSG.tooLong)),
  severity,
  messageKey,
})

const GeneratorMinPowerRuleSchema = v.strictObject({
  kind: v.literal('generatorMinPower'),
  /** Generators below this power (kW) are refused. */
  minKw: v.pipe(v.number(MSG.number), v.minValue(0, MSG.nonNegative)),
  streetOnly,
  severity,
  messageKey,
})

const CityRuleSchema = v.variant(
  'kind',
  [MaxTechnicalVehiclesRuleSchema, BannedOnStreetRuleSchema, GeneratorMinPowerRuleSchema],
  MSG.choice,
)

export const CityRuleSetSchema = v.strictObject({
  /** Bumped, with a migration, when the format changes. */
  formatVersion: v.literal(1),
  id: v.pipe(v.string(MSG.required), v.regex(/^[a-z0-9-]+$/, MSG.text)),
  name: v.pipe(v.string(MSG.required), v.trim(), v.nonEmpty(MSG.required), v.maxLength(120, MSG.tooLong)),
  /** When the rules were last checked against the authority's texts, e.g. '2024'. */
  asOf: v.pipe(v.string(MSG.required), v.nonEmpty(MSG.required)),
  source: v.optional(v.string(MSG.text), ''),
  rules: v.pipe(
    v.array(CityRuleSchema, MSG.list),
    v.check(
      // A partial zone is one of the cap's zones; anything else is a typo in the data.
      (rules) => rules.every((rule) => rule.kind !== 'maxTechnicalVehicles' || isSubset(rule.partialZones, rule.zones)),
      MSG.choice,
    ),
  ),
})

function isSubset(zones: string[], of: string[]): boolean {
  const known = new Set(of.map(normaliseZone))
  return zones.every((zone) => known.has(normaliseZone(zone)))
}

export type CityRuleSet = v.InferOutput<typeof CityRuleSetSchema>
export type CityRuleSetInput = v.InferInput<typeof CityRuleSetSchema>
export type CityRule = CityRuleSet['rules'][number]
export type RuleSeverity = 'error' | 'warning'

/** Locale keys of the notes the check adds when it cannot be sure; they are the same for every city. */
export const RULE_NOTE_KEYS = {
  /** params: zones, max, count. The place's zone is unknown and a zone cap would be broken there. */
  zoneUnknown: 'rules.zoneUnknown',
  /** params: zone, max, count. The cap covers only part of the zone (Paris: the south of the 18e). */
  partialZone: 'rules.partialZone',
  /** params: minKw, count. A generator on the street without a known power. */
  generatorPowerUnknown: 'rules.generatorPowerUnknown',
} as const

/**
 * Paris, as summarised in DOMAIN.md (2024): at most 5 technical vehicles (cantine excluded) in the congested
 * arrondissements, 8 elsewhere; no dressing-room truck and no generator under 10 kW on the street.
 * Picture cars and crew cars are not technical vehicles (trucks and vans of the crew departments are), so they are
 * excluded along with the cantine and its tent. The south of the 18e cannot be told from a postcode: the whole 18e
 * is treated as congested, with a note.
 */
export const PARIS_RULE_SET: CityRuleSet = {
  formatVersion: 1,
  id: 'paris',
  name: 'Paris',
  asOf: '2024',
  source: 'Paris Film / Ville de Paris rules for shoots on public space, as summarised in DOMAIN.md',
  rules: [
    {
      kind: 'maxTechnicalVehicles',
      zones: ['Paris Centre', '1', '2', '3', '4', '5', '6', '7', '9', '10', '18'],
      partialZones: ['18'],
      max: 5,
      excludeKinds: ['catering', 'cateringTent', 'pictureCar', 'car'],
      streetOnly: true,
      severity: 'error',
      messageKey: 'rules.paris.maxTechnical',
    },
    {
      kind: 'maxTechnicalVehicles',
      zones: [ANY_ZONE],
      partialZones: [],
      max: 8,
      excludeKinds: ['catering', 'cateringTent', 'pictureCar', 'car'],
      streetOnly: true,
      severity: 'error',
      messageKey: 'rules.paris.maxTechnical',
    },
    {
      kind: 'bannedOnStreet',
      vehicleKinds: ['dressingRoom'],
      reason: 'Dressing-room trucks (loges) must stand off the street: a yard, a car park or the base camp.',
      severity: 'error',
      messageKey: 'rules.paris.dressingRoomOnStreet',
    },
    { kind: 'generatorMinPower', minKw: 10, streetOnly: true, severity: 'error', messageKey: 'rules.paris.generatorUnderPower' },
  ],
}

/** A town without specific rules: no caps, no bans. Also the proof that the format is not Paris-specific. */
export const DEFAULT_RULE_SET: CityRuleSet = {
  formatVersion: 1,
  id: 'default',
  name: 'No city rules',
  asOf: '2024',
  source: '',
  rules: [],
}

export const CITY_RULE_SETS: Record<string, CityRuleSet> = { [PARIS_RULE_SET.id]: PARIS_RULE_SET, [DEFAULT_RULE_SET.id]: DEFAULT_RULE_SET }

/**
 * Paris arrondissement of a postcode: '75018' -> '18', '75116' (the north of the 16e) -> '16'; null outside Paris.
 * A postcode covers a whole arrondissement, so it cannot tell the south of the 18e from the north: the Paris rule set
 * marks '18' as a partial zone instead.
 */
export function arrondissementFromPostcode(postcode: string): string | null {
  const match = /^75(0(0[1-9]|1\d|20)|116)$/.exec(postcode.trim())
  if (!match) return null
  return match[1] === '116' ? '16' : String(Number(match[2]))
}

/**
 * One spelling per zone, for data and context alike: case, accents and spaces folded; '18e', '18ème', '18e arr.',
 * 'Paris 18e' and '75018' -> '18'; 'Paris Centre' -> 'centre'.
 */
export function normaliseZone(zone: string): string {
  const folded = zone.normalize('NFD').replace(/\p{M}/gu, '').trim().replace(/\s+/g, ' ').toLowerCase()
  const fromPostcode = arrondissementFromPostcode(folded)
  if (fromPostcode) return fromPostcode
  const withoutCity = folded.replace(/^paris /, '')
  const arrondissement = /^(\d{1,2}) ?(e|er|eme|ieme)?( arr(ondissement|\.)?)?$/.exec(withoutCity)
  return arrondissement ? String(Number(arrondissement[1])) : withoutCity
}

export interface RulePlacement {
  vehicleKind: VehicleKind
  /** On the public street, as opposed to a yard, a private car park or an off-street base camp. */
  onStreet: boolean
  /** Power of the generator this vehicle is or carries; unknown when left out. */
  generatorKw?: number | null
}

export interface CityRuleContext {
  /** Zone of the place (arrondissement code or name, postcode); null when unknown. */
  zone: string | null
  placements: RulePlacement[]
}

export interface CityRuleFinding {
  ruleIndex: number
  kind: CityRule['kind']
  severity: RuleSeverity
  messageKey: string
  params: Record<string, string | number>
  /** Indexes in `context.placements` of the vehicles concerned, to highlight them on the plan. */
  placements: number[]
}

type RuleOf<K extends CityRule['kind']> = Extract<CityRule, { kind: K }>

function indexesWhere(placements: RulePlacement[], test: (p: RulePlacement) => boolean): number[] {
  return placements.flatMap((placement, index) => (test(placement) ? [index] : []))
}

/**
 * A cap applies in the zones it names; a '*' cap applies where no other cap names the zone. With the zone unknown,
 * '*' caps apply and a broken zone cap is only a warning: the place may or may not be in it.
 */
function checkMaxTechnical(rule: RuleOf<'maxTechnicalVehicles'>, ruleIndex: number, ruleSet: CityRuleSet, context: CityRuleContext) {
  const zone = context.zone?.trim() ? normaliseZone(context.zone) : null
  const zones = rule.zones.map(normaliseZone)
  const forAnyZone = zones.includes(ANY_ZONE)
  const namedByACap = (other: CityRule) => other.kind === rule.kind && other.zones.map(normaliseZone).includes(zone ?? '')
  const applies = zone === null || (forAnyZone ? !ruleSet.rules.some(namedByACap) : zones.includes(zone))
  if (!applies) return []

  const counted = indexesWhere(context.placements, (p) => !rule.excludeKinds.includes(p.vehicleKind) && (p.onStreet || !rule.streetOnly))
  if (counted.length <= rule.max) return []
  const base = { ruleIndex, kind: rule.kind, placements: counted }
  const params = { max: rule.max, count: counted.length }
  if (zone === null && !forAnyZone) {
    const zonesText = rule.zones.join(', ')
    return [{ ...base, severity: 'warning' as const, messageKey: RULE_NOTE_KEYS.zoneUnknown, params: { ...params, zones: zonesText } }]
  }
  const atZone = { ...params, zone: context.zone ?? '' }
  const findings: CityRuleFinding[] = [{ ...base, severity: rule.severity, messageKey: rule.messageKey, params: atZone }]
  if (zone !== null && rule.partialZones.map(normaliseZone).includes(zone)) {
    findings.push({ ...base, severity: 'warning', messageKey: RULE_NOTE_KEYS.partialZone, params: atZone })
  }
  return findings
}

function checkBannedOnStreet(rule: RuleOf<'bannedOnStreet'>, ruleIndex: number, { placements }: CityRuleContext): CityRuleFinding[] {
  const banned = indexesWhere(placements, (p) => p.onStreet && rule.vehicleKinds.includes(p.vehicleKind))
  if (banned.length === 0) return []
  const { kind, severity, messageKey } = rule
  return [{ ruleIndex, kind, severity, messageKey, params: { count: banned.length }, placements: banned }]
}

/** A generator is a 'generator' vehicle or any vehicle with a generator power (a truck carrying its own). */
function checkGeneratorMinPower(rule: RuleOf<'generatorMinPower'>, ruleIndex: number, { placements }: CityRuleContext): CityRuleFinding[] {
  const isGenerator = (p: RulePlacement) =>
    (p.onStreet || !rule.streetOnly) && (p.vehicleKind === 'generator' || typeof p.generatorKw === 'number')
  const tooWeak = indexesWhere(placements, (p) => isGenerator(p) && typeof p.generatorKw === 'number' && p.generatorKw < rule.minKw)
  const unknown = indexesWhere(placements, (p) => isGenerator(p) && typeof p.generatorKw !== 'number')
  const findings: CityRuleFinding[] = []
  if (tooWeak.length > 0) {
    const lowestKw = Math.min(...tooWeak.map((index) => placements[index]?.generatorKw ?? 0))
    findings.push({
      ruleIndex, kind: rule.kind, severity: rule.severity, messageKey: rule.messageKey,
      params: { minKw: rule.minKw, count: tooWeak.length, lowestKw }, placements: tooWeak,
    })
  }
  if (unknown.length > 0) {
    findings.push({
      ruleIndex, kind: rule.kind, severity: 'warning', messageKey: RULE_NOTE_KEYS.generatorPowerUnknown,
      params: { minKw: rule.minKw, count: unknown.length }, placements: unknown,
    })
  }
  return findings
}

/** Every rule of the set the planned vehicles break, in rule order; an empty list when all is well. */
export function checkCityRules(ruleSet: CityRuleSet, context: CityRuleContext): CityRuleFinding[] {
  return ruleSet.rules.flatMap((rule, ruleIndex): CityRuleFinding[] => {
    switch (rule.kind) {
      case 'maxTechnicalVehicles':
        return checkMaxTechnical(rule, ruleIndex, ruleSet, context)
      case 'bannedOnStreet':
        return checkBannedOnStreet(rule, ruleIndex, context)
      case 'generatorMinPower':
        return checkGeneratorMinPower(rule, ruleIndex, context)
    }
  })
}
