/**
 * The authorities a French shoot usually asks, with their default lead times (DOMAIN.md), shipped as data a
 * production copies into its own authorities and then edits like any other record. Lead times the domain
 * notes do not give are marked "à confirmer" in the entry's notes: they are prudent defaults, not facts.
 *
 * Each entry has a stable key; the record made from it takes an id derived from the production and that key
 * (catalogueAuthorityId), so two phones adding the catalogue offline make one record each, not two.
 */
import type { AUTHORITY_KINDS, LEAD_TIME_UNITS } from '../model/permit'

export interface CatalogueAuthority {
  key: string
  name: string
  kind: (typeof AUTHORITY_KINDS)[number]
  leadTime: number
  leadTimeUnit: (typeof LEAD_TIME_UNITS)[number]
  website: string
  notes: string
  /**
   * Words that identify the same authority in a name typed by hand ("Préfecture de police – bureau des tournages"),
   * compared without case or accents: one of them in the name of an authority of the same kind means it is there.
   */
  recognisedBy: string[]
}

export const AUTHORITY_CATALOGUE: readonly CatalogueAuthority[] = [
  {
    key: 'parisFilm', name: 'Paris Film – Ville de Paris', kind: 'cityHall', leadTime: 15, leadTimeUnit: 'workingDays',
    website: 'https://www.parisfilm.fr',
    notes: 'Demande en ligne (téléservice de la Ville) au plus tard 15 jours ouvrés avant le premier jour de tournage, depuis septembre 2024. Voie publique, jardins de la Ville, stationnement réservé.',
    recognisedBy: ['paris film', 'mairie de paris'],
  },
  {
    key: 'parisLight', name: 'Paris Film – déclaration de tournage léger (moins de 10 personnes)', kind: 'cityHall', leadTime: 5, leadTimeUnit: 'workingDays',
    website: 'https://www.parisfilm.fr',
    notes: 'Équipe légère de moins de 10 personnes, sans véhicule technique stationné : une simple déclaration environ une semaine avant.',
    recognisedBy: ['tournage leger', 'declaration legere'],
  },
  {
    key: 'prefecture', name: 'Préfecture de police', kind: 'prefecture', leadTime: 15, leadTimeUnit: 'workingDays',
    website: 'https://www.prefecturedepolice.interieur.gouv.fr',
    notes: 'Blocage de voie ou de circulation, travail de nuit, effets spéciaux, armes factices, uniformes. Délai à confirmer : aligné par défaut sur celui de Paris Film, qui la consulte.',
    recognisedBy: ['prefecture de police', 'prefecture'],
  },
  {
    key: 'sncf', name: 'SNCF – tournages en gare et à bord', kind: 'sncf', leadTime: 15, leadTimeUnit: 'calendarDays',
    website: 'https://www.garesetconnexions.sncf',
    notes: 'Au moins 15 jours ; 3 à 6 semaines dès qu\'il faut du personnel SNCF ou des trains mis à disposition.',
    recognisedBy: ['sncf', 'gares & connexions', 'gares et connexions'],
  },
  {
    key: 'ratp', name: 'RATP – service des tournages', kind: 'ratp', leadTime: 21, leadTimeUnit: 'calendarDays',
    website: 'https://www.ratp.fr',
    notes: 'Délai à confirmer selon la station ; plus long avec une rame et un conducteur mis à disposition.',
    recognisedBy: ['ratp'],
  },
  {
    key: 'adp', name: 'Aéroports de Paris (Groupe ADP)', kind: 'airport', leadTime: 30, leadTimeUnit: 'calendarDays',
    website: 'https://www.parisaeroport.fr',
    notes: 'Compter 1 à 3 mois selon les zones (côté piste, sûreté) : 30 jours est le minimum. Badges nominatifs pour toute l\'équipe.',
    recognisedBy: ['adp', 'aeroports de paris', 'paris aeroport'],
  },
  {
    key: 'cmn', name: 'Centre des monuments nationaux (CMN)', kind: 'monument', leadTime: 15, leadTimeUnit: 'calendarDays',
    website: 'https://www.monuments-nationaux.fr',
    notes: 'Au moins 15 jours avant. Plan de protection des sols et liste nominative de l\'équipe souvent demandés.',
    recognisedBy: ['monuments nationaux', 'cmn'],
  },
  {
    key: 'parks', name: 'Parcs et jardins (gestionnaire du parc)', kind: 'park', leadTime: 15, leadTimeUnit: 'workingDays',
    website: '',
    notes: 'Délai à confirmer avec le gestionnaire (Ville, département, domaine national). À Paris, les jardins municipaux passent par Paris Film.',
    recognisedBy: ['parc', 'parcs', 'jardin', 'jardins', 'espaces verts'],
  },
  {
    key: 'privateOwner', name: 'Propriétaire privé', kind: 'privateOwner', leadTime: 10, leadTimeUnit: 'calendarDays',
    website: '',
    notes: 'Modèle à dupliquer par lieu : contrat de mise à disposition signé et attestation d\'assurance avant le premier jour. Délai à convenir.',
    recognisedBy: ['proprietaire prive'],
  },
]

/** The id of the record made from a catalogue entry in a production (one per production and entry). */
export function catalogueAuthorityId(productionId: string, key: string): string {
  return `authority-${productionId}-${key}`
}

/** Lower-case words without accents or punctuation, padded, so " adp " is found in "groupe adp – paris-orly". */
function words(text: string): string {
  return ` ${text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z0-9&]+/g, ' ').trim()} `
}

export interface ExistingAuthority {
  id: string
  name: string
  kind: string
}

/**
 * The catalogue entries a production does not have yet. An entry is there when its record exists (even deleted:
 * the user removed it on purpose) or when an authority of the same kind carries one of its recognised names.
 */
export function missingCatalogueEntries(productionId: string, existing: readonly ExistingAuthority[]): CatalogueAuthority[] {
  const ids = new Set(existing.map((authority) => authority.id))
  return AUTHORITY_CATALOGUE.filter((entry) => {
    if (ids.has(catalogueAuthorityId(productionId, entry.key))) return false
    const sameKind = existing.filter((authority) => authority.kind === entry.kind).map((authority) => words(authority.name))
    return !entry.recognisedBy.some((name) => sameKind.some((text) => text.includes(words(name))))
  })
}

/** The editable record of an entry: everything but its key and recognised names. */
export function catalogueAuthorityInput(entry: CatalogueAuthority): Record<string, unknown> {
  const { key: _key, recognisedBy: _recognisedBy, ...input } = entry
  return { ...input, contactName: '', phone: '', email: '' }
}
