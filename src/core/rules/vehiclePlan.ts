/**
 * One shoot day's vehicle plan read as a whole: which city rules it breaks (per zone: a day may shoot in two
 * arrondissements), which vehicles overlap or stand at a décor the day does not shoot, the street extents and linear
 * metres per street side, kerbs whose numbers contradict their side and house numbers claimed twice. Pure
 * functions over records: the plan screen, its print view and the residents' notice share them, so what is
 * printed is what was checked.
 */
import type { Kerb, Location, Placement, Production, ShootDay, Vehicle } from '../model'
import { arrondissementFromPostcode, checkCityRules, CITY_RULE_SETS, DEFAULT_RULE_SET, type CityRuleSet, type RuleSeverity } from './cityRules'
import { footprintsOverlap, type FootprintInput, type LatLng } from './footprint'
import { extentConflicts, kerbSideErrors } from './kerbParking'
import { streetSideSummary, type StreetSideSummary } from './streetExtent'
import { proposedSize } from './vehicleSize'

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase()

type RuleChoice = Pick<Production, 'city'> & { cityRuleSetId?: string; customCityRules?: CityRuleSet[] }

/** The built-in rule sets and the production's own, a production's set replacing a built-in one of the same id. */
export function availableRuleSets(production: RuleChoice): CityRuleSet[] {
  const custom = production.customCityRules ?? []
  const builtIn = Object.values(CITY_RULE_SETS).filter((set) => !custom.some((own) => own.id === set.id))
  return [...builtIn, ...custom]
}

/**
 * The rule set a production's plans are checked against: the one chosen by id, else the one named like the
 * production's city ("Paris", "paris "), else no rules.
 */
export function resolveRuleSet(production: RuleChoice): CityRuleSet {
  const sets = availableRuleSets(production)
  const chosen = production.cityRuleSetId ? sets.find((set) => set.id === production.cityRuleSetId) : undefined
  if (chosen) return chosen
  const city = fold(production.city ?? '')
  return (city && sets.find((set) => set.id !== DEFAULT_RULE_SET.id && fold(set.name) === city)) || DEFAULT_RULE_SET
}

/**
 * The zone a décor is in, for zone caps: the Paris arrondissement of its postcode (or of a Paris postcode written in
 * its address), else its postcode; null when nothing tells.
 */
export function locationZone(location: Pick<Location, 'address'> & { postcode?: string } | undefined): string | null {
  if (!location) return null
  const postcode = location.postcode?.trim() || /\b(75\d{3})\b/.exec(location.address ?? '')?.[1] || ''
  if (!postcode) return null
  return arrondissementFromPostcode(postcode) ?? postcode
}

/** The footprint of a drawn placement; null while it has no position on the map. */
export function placementFootprintInput(placement: Placement, vehicle: Pick<Vehicle, 'lengthM' | 'widthM'> | undefined): FootprintInput | null {
  if (!vehicle || typeof placement.lat !== 'number' || typeof placement.lng !== 'number') return null
  return { lat: placement.lat, lng: placement.lng, heading: placement.heading ?? 0, lengthM: vehicle.lengthM, widthM: vehicle.widthM }
}

/** Whether a point lies inside a polygon (ray casting in degrees: exact enough at the scale of a base camp). */
export function insideArea(point: LatLng, area: readonly LatLng[]): boolean {
  let inside = false
  for (let i = 0, j = area.length - 1; i < area.length; j = i++) {
    const [yi, xi] = area[i]!
    const [yj, xj] = area[j]!
    if (yi > point[0] !== yj > point[0] && point[1] < ((xj - xi) * (point[0] - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

export interface PlanFinding {
  severity: RuleSeverity
  /** Locale key; `params` fill it. */
  messageKey: string
  params: Record<string, string | number>
  /** The placements concerned, to highlight on the plan. */
  placementIds: string[]
  /** 'city' for the city's rules, 'plan' for what is wrong with the plan itself. */
  source: 'city' | 'plan'
}

export interface DayPlanInput {
  day: Pick<ShootDay, 'locationIds'> & { kerbs?: Kerb[] }
  /** This day's placements (deleted ones are left out). */
  placements: readonly Placement[]
  vehicles: ReadonlyMap<string, Vehicle>
  locations: ReadonlyMap<string, Location>
  ruleSet: CityRuleSet
}

export interface DayPlanAnalysis {
  findings: PlanFinding[]
  /** Linear metres per street and side, with the vehicles and bays to reserve. */
  streets: StreetSideSummary[]
  onStreet: number
  offStreet: number
  /** Placements with no position on the map yet. */
  notDrawn: string[]
  /** The zones the day's vehicles are checked in (null: unknown). */
  zones: (string | null)[]
}

/** The zone each placement is checked in: its own décor's, else the first of the day's décors with a known zone. */
function zoneOfPlacement(placement: Placement, day: DayPlanInput['day'], locations: DayPlanInput['locations']): string | null {
  const own = placement.locationId ? locationZone(locations.get(placement.locationId)) : null
  if (own) return own
  for (const id of day.locationIds) {
    const zone = locationZone(locations.get(id))
    if (zone) return zone
  }
  return null
}

function cityFindings({ day, placements, vehicles, locations, ruleSet }: DayPlanInput): { findings: PlanFinding[]; zones: (string | null)[] } {
  const byZone = new Map<string | null, Placement[]>()
  for (const placement of placements) {
    if (!vehicles.has(placement.vehicleId)) continue
    const zone = zoneOfPlacement(placement, day, locations)
    byZone.set(zone, [...(byZone.get(zone) ?? []), placement])
  }
  const findings = [...byZone].flatMap(([zone, group]) =>
    checkCityRules(ruleSet, {
      zone,
      placements: group.map((placement) => {
        const vehicle = vehicles.get(placement.vehicleId)!
        return { vehicleKind: vehicle.kind, onStreet: placement.onStreet !== false, generatorKw: vehicle.generatorKw ?? null }
      }),
    }).map((finding): PlanFinding => ({
      severity: finding.severity,
      messageKey: finding.messageKey,
      params: finding.params,
      placementIds: finding.placements.map((index) => group[index]!.id),
      source: 'city',
    })),
  )
  return { findings, zones: [...byZone.keys()] }
}

const nameOf = (vehicles: DayPlanInput['vehicles'], placement: Placement) => vehicles.get(placement.vehicleId)?.name ?? '?'

function planFindings({ day, placements, vehicles }: DayPlanInput): PlanFinding[] {
  const findings: PlanFinding[] = []
  const plan = (messageKey: string, placementIds: string[], params: Record<string, string | number>, severity: RuleSeverity = 'warning') =>
    findings.push({ severity, messageKey, params, placementIds, source: 'plan' })

  for (const placement of placements) {
    if (!vehicles.has(placement.vehicleId)) plan('plan.vehicleMissing', [placement.id], {}, 'error')
    else if (placement.locationId && !day.locationIds.includes(placement.locationId)) {
      plan('plan.otherDayDecor', [placement.id], { vehicle: nameOf(vehicles, placement) }, 'error')
    }
  }
  const seen = new Map<string, Placement>()
  for (const placement of placements) {
    const first = seen.get(placement.vehicleId)
    if (first) plan('plan.vehicleTwice', [first.id, placement.id], { vehicle: nameOf(vehicles, placement) })
    else seen.set(placement.vehicleId, placement)
  }
  const drawn = placements.flatMap((placement) => {
    const footprint = placementFootprintInput(placement, vehicles.get(placement.vehicleId))
    return footprint ? [{ placement, footprint }] : []
  })
  for (let i = 0; i < drawn.length; i++) {
    for (let j = i + 1; j < drawn.length; j++) {
      const a = drawn[i]!
      const b = drawn[j]!
      if (footprintsOverlap(a.footprint, b.footprint)) {
        plan('plan.overlap', [a.placement.id, b.placement.id], { a: nameOf(vehicles, a.placement), b: nameOf(vehicles, b.placement) })
      }
    }
  }
  kerbFindings({ day, placements, vehicles }, plan)
  for (const placement of placements) {
    const vehicle = vehicles.get(placement.vehicleId)
    if (vehicle && proposedSize(vehicle)) plan('plan.defaultSize', [placement.id], { vehicle: vehicle.name })
  }
  return findings
}

type AddFinding = (messageKey: string, placementIds: string[], params: Record<string, string | number>, severity?: RuleSeverity) => void

/**
 * What is wrong along the kerbs: a kerb whose numbers are not those of its side (traced before the side was
 * checked), house numbers two vehicles of one kerb both claim, numbers past the kerb's own range.
 */
function kerbFindings({ day, placements, vehicles }: Pick<DayPlanInput, 'day' | 'placements' | 'vehicles'>, plan: AddFinding) {
  const kerbs = day.kerbs ?? []
  const alongKerb = (kerbId: string) => placements.filter((placement) => placement.kerbId === kerbId).map((placement) => placement.id)
  for (const kerb of kerbs) {
    if (kerbSideErrors(kerb)) plan('plan.kerbSide', alongKerb(kerb.id), { street: kerb.street }, 'error')
  }
  const { overlaps, outside } = extentConflicts(kerbs, placements)
  for (const [a, b] of overlaps) plan('plan.extentOverlap', [a.id, b.id], { a: nameOf(vehicles, a), b: nameOf(vehicles, b) })
  for (const { placement, kerb } of outside) plan('plan.extentOutside', [placement.id], { vehicle: nameOf(vehicles, placement), street: kerb.street })
}

/** Everything the plan screen shows next to the map, recomputed live as vehicles move. */
export function analyseDayPlan(input: DayPlanInput): DayPlanAnalysis {
  const { placements, vehicles, day } = input
  const city = cityFindings(input)
  const kerbLine = (street: string, side: string) =>
    day.kerbs?.find((kerb) => fold(kerb.street) === fold(street) && (kerb.side ?? '') === side)?.points as LatLng[] | undefined
  const onStreetDrawn = placements.flatMap((placement) => {
    const footprint = placementFootprintInput(placement, vehicles.get(placement.vehicleId))
    return footprint && placement.onStreet !== false ? [{ street: placement.street ?? '', side: placement.side ?? '', footprint }] : []
  })
  const onStreet = placements.filter((placement) => placement.onStreet !== false).length
  return {
    findings: [...city.findings, ...planFindings(input)],
    streets: streetSideSummary(onStreetDrawn, kerbLine),
    onStreet,
    offStreet: placements.length - onStreet,
    notDrawn: placements.filter((placement) => typeof placement.lat !== 'number' || typeof placement.lng !== 'number').map((p) => p.id),
    zones: city.zones,
  }
}
