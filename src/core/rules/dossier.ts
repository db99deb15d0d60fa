/**
 * The scouting dossier (fiche décor) of one décor, as printed for the team or handed in for a trainee's exam: which
 * sections it has and in which order, its photos in their order and two by two, the day its sun study is for, and
 * what an exam dossier still lacks. Also the candidates competing for one script décor, compared side by side.
 * Pure: the printout, the comparison page and their tests read the same answer.
 */
import type { Location, LocationStatus, Photo, ShootDay } from '../model'

export const DOSSIER_SECTIONS = [
  'identity', 'photos', 'situation', 'sun', 'assessment', 'access', 'technical', 'rooms', 'contacts', 'safety', 'staging',
] as const
export type DossierSection = (typeof DOSSIER_SECTIONS)[number]

/** What the exam asks for and the dossier lacks: shown on screen, never blocking the printout. */
export const DOSSIER_GAPS = ['photos', 'position', 'advantages', 'nuisances', 'arrangements', 'stagingNotes', 'hospital'] as const
export type DossierGap = (typeof DOSSIER_GAPS)[number]

export interface DossierFact {
  /** The décor's field (`fields.location.<key>` in the locale files). */
  key: keyof Location & string
  value: string | number | boolean
}

export interface DossierRoom {
  name: string
  lengthM: number | null
  widthM: number | null
  ceilingHeightM: number | null
  /** Floor area in m², one decimal; null unless both sides are known. */
  areaM2: number | null
}

export interface Dossier {
  location: Location
  sections: DossierSection[]
  /** The décor's own photos (not deleted), in the order the team gave them. */
  photos: Photo[]
  /** The same photos two by two: one printed row each, never split across pages. */
  photoRows: Photo[][]
  position: { lat: number; lng: number } | null
  /** The day the sun study is for: the décor's next shoot day, else `today`. */
  sunDate: string
  /** The shoot day `sunDate` comes from, when there is one. */
  shootDay: ShootDay | null
  access: DossierFact[]
  technical: DossierFact[]
  rooms: DossierRoom[]
  rates: DossierFact[]
  safety: DossierFact[]
  gaps: DossierGap[]
}

export interface DossierInput {
  location: Location
  /** Photos of any owner (those of the décor are picked out). */
  photos: readonly Photo[]
  shootDays?: readonly ShootDay[]
  /** 'YYYY-MM-DD' in the production's calendar. */
  today: string
}

const filled = (value: unknown): boolean => value !== undefined && value !== null && value !== ''

/** The fields of `keys` that hold something, in that order. Booleans always count: "no three-phase" is a fact. */
function factsOf(location: Location, keys: readonly (keyof Location & string)[]): DossierFact[] {
  return keys
    .filter((key) => typeof location[key] === 'boolean' || filled(location[key]))
    .map((key) => ({ key, value: location[key] as DossierFact['value'] }))
}

/** The owner's live photos by their `order`; ties (two phones adding at once) by creation time. */
export function orderedPhotos(ownerId: string, photos: readonly Photo[]): Photo[] {
  return photos
    .filter((photo) => photo.ownerId === ownerId && !photo.deletedAt)
    .sort((a, b) => a.order - b.order || a.createdAt.localeCompare(b.createdAt))
}

export function pairs<T>(items: readonly T[]): T[][] {
  const rows: T[][] = []
  for (let index = 0; index < items.length; index += 2) rows.push(items.slice(index, index + 2))
  return rows
}

/** The first shoot day at this décor on or after `today`; null when none is planned. */
export function nextShootDay(locationId: string, shootDays: readonly ShootDay[], today: string): ShootDay | null {
  return (
    shootDays
      .filter((day) => !day.deletedAt && day.locationIds.includes(locationId) && day.date >= today)
      .sort((a, b) => a.date.localeCompare(b.date) || a.number - b.number)[0] ?? null
  )
}

export function roomArea(room: { lengthM?: number | null; widthM?: number | null }): number | null {
  if (!room.lengthM || !room.widthM) return null
  return Math.round(room.lengthM * room.widthM * 10) / 10
}

export function buildDossier({ location, photos, shootDays = [], today }: DossierInput): Dossier {
  const ownPhotos = orderedPhotos(location.id, photos)
  const position = location.lat !== null && location.lat !== undefined && location.lng !== null && location.lng !== undefined
    ? { lat: location.lat, lng: location.lng }
    : null
  const shootDay = nextShootDay(location.id, shootDays, today)
  const access = factsOf(location, ['accessNotes', 'accessCodes', 'parking'])
  const technical = factsOf(location, ['threePhasePower', 'powerBoard', 'noise', 'lightOrientation', 'pmrAccessible'])
  const rooms = location.rooms.map((room) => ({
    name: room.name,
    lengthM: room.lengthM ?? null,
    widthM: room.widthM ?? null,
    ceilingHeightM: room.ceilingHeightM ?? null,
    areaM2: roomArea(room),
  }))
  const rates = factsOf(location, ['dayRate', 'deposit'])
  const safety = factsOf(location, ['hospital', 'pharmacy'])

  const present: Record<DossierSection, boolean> = {
    identity: true,
    photos: ownPhotos.length > 0,
    situation: position !== null || filled(location.address) || filled(location.city),
    // Sunrise and the sun's path need the place's coordinates.
    sun: position !== null,
    // The heart of the fiche décor: printed even empty, so the gap shows on paper too.
    assessment: true,
    access: access.length > 0,
    technical: true,
    rooms: rooms.length > 0,
    contacts: location.contacts.length > 0 || rates.length > 0,
    safety: safety.length > 0,
    staging: filled(location.stagingNotes),
  }
  const lacking: Record<DossierGap, boolean> = {
    photos: ownPhotos.length === 0,
    position: position === null,
    advantages: location.advantages.length === 0,
    nuisances: location.nuisances.length === 0,
    arrangements: location.arrangements.length === 0,
    stagingNotes: !filled(location.stagingNotes) && !ownPhotos.some((photo) => filled(photo.stagingNote)),
    hospital: !filled(location.hospital),
  }

  return {
    location,
    sections: DOSSIER_SECTIONS.filter((section) => present[section]),
    photos: ownPhotos,
    photoRows: pairs(ownPhotos),
    position,
    sunDate: shootDay?.date ?? today,
    shootDay,
    access,
    technical,
    rooms,
    rates,
    safety,
    gaps: DOSSIER_GAPS.filter((gap) => lacking[gap]),
  }
}

/** "47 rue des Martyrs, 75009 Paris" and city "Paris": the city is not written twice. */
export function fullAddress(address: string | undefined, city: string | undefined): string {
  const street = (address ?? '').trim()
  const town = (city ?? '').trim()
  if (!town || scriptDecorKey(street).includes(scriptDecorKey(town))) return street || town
  return street ? `${street}, ${town}` : town
}

/**
 * A GPS point in degrees, minutes and seconds, as GPS units and paper maps read it: 48°52'47.6"N 2°20'23.9"E.
 * `letters` are the cardinal points in the document's language (French writes O for ouest).
 */
export function dmsCoordinates(lat: number, lng: number, letters = { n: 'N', s: 'S', e: 'E', w: 'W' }): string {
  const part = (value: number, positive: string, negative: string) => {
    const tenths = Math.round(Math.abs(value) * 36_000)
    const degrees = Math.floor(tenths / 36_000)
    const minutes = Math.floor((tenths % 36_000) / 600)
    const seconds = (tenths % 600) / 10
    return `${degrees}°${String(minutes).padStart(2, '0')}'${seconds.toFixed(1).padStart(4, '0')}"${value < 0 ? negative : positive}`
  }
  return `${part(lat, letters.n, letters.s)} ${part(lng, letters.e, letters.w)}`
}

/** Candidates are ranked by how far they got: the confirmed place first, rejected ones last. */
export const CANDIDATE_STATUS_ORDER: readonly LocationStatus[] = ['confirmed', 'option', 'scouted', 'toScout', 'rejected']

/** "Appartement de Jeanne – INT" and "APPARTEMENT DE JEANNE  – int" are one script décor. */
export function scriptDecorKey(scriptDecor: string | undefined): string {
  return (scriptDecor ?? '')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
}

const byRank = (a: Location, b: Location) =>
  CANDIDATE_STATUS_ORDER.indexOf(a.status) - CANDIDATE_STATUS_ORDER.indexOf(b.status) || a.name.localeCompare(b.name, 'fr')

/** The live places playing `scriptDecor`, best placed first; none for an empty script décor. */
export function candidatesFor(locations: readonly Location[], scriptDecor: string | undefined): Location[] {
  const key = scriptDecorKey(scriptDecor)
  if (!key) return []
  return locations.filter((location) => !location.deletedAt && scriptDecorKey(location.scriptDecor) === key).sort(byRank)
}

export interface CandidateGroup {
  /** The script décor as first written by the team. */
  scriptDecor: string
  candidates: Location[]
}

/** The script décors and their candidate places, by script décor; décors with no script décor are left out. */
export function candidateGroups(locations: readonly Location[]): CandidateGroup[] {
  const groups = new Map<string, Location[]>()
  for (const location of locations) {
    const key = scriptDecorKey(location.scriptDecor)
    if (!key || location.deletedAt) continue
    groups.set(key, [...(groups.get(key) ?? []), location])
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'fr'))
    .map(([, candidates]) => ({ scriptDecor: candidates[0]!.scriptDecor.trim(), candidates: candidates.sort(byRank) }))
}

/** Each owner's first photo: the one a comparison shows. */
export function mainPhotos(photos: readonly Photo[]): Map<string, Photo> {
  const first = new Map<string, Photo>()
  for (const photo of photos) {
    if (photo.deletedAt) continue
    const current = first.get(photo.ownerId)
    if (!current || photo.order < current.order || (photo.order === current.order && photo.createdAt < current.createdAt)) first.set(photo.ownerId, photo)
  }
  return first
}
