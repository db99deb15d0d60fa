/**
 * The demo production: "Les Heures Claires", a feature shot over six weeks in Paris and Île-de-France, built by
 * hand from the facts in DOMAIN.md (30 shoot days, 25 décors, 12 vehicles, 8 authorities, about 60 covers at
 * lunch, 6 rental houses). Data tables first, small builders last.
 *
 * Deterministic: the same options give the same content; only ids differ between calls (UUIDv7 from newId),
 * and references are consistent within one call. Dates follow `startDate`; what has already happened on set
 * (meals counted, early returns) follows `now`. No network, no Node or DOM API: it runs in the app, the server
 * and tests alike.
 *
 * Phone numbers are in the ranges ARCEP reserves for fiction (01 99 00…, 06 39 98…), so nobody real gets called;
 * e-mail addresses use the reserved `.example` domain.
 */
import {
  DEFAULT_FOOTPRINTS, mealId, totalCovers, type EntityName, type LocationStatus, type MealService, type PermitStatus, type VehicleKind,
} from '../model'
import { newId } from '../sync/ids'
import { defaultCutoff } from '../rules/mealLock'
import { addCalendarDays, addWorkingDays, isWorkingDay } from '../rules/workingDays'

export interface DemoOptions {
  /** First shoot day, ISO yyyy-mm-dd, a Monday. */
  startDate: string
  /**
   * The moment the demo depicts (ISO date-time): records are created then, and days before it count as past.
   * Defaults to three weeks before the first shoot day (prep), which is never in the future for the app's
   * loader (it starts the demo 14 to 20 days ahead), so ids and createdAt never sort after the user's own records.
   */
  now?: string
}

export interface DemoRecord {
  entity: EntityName
  record: Record<string, unknown>
}

export interface DemoProduction {
  /** The production record itself (its id is its productionId); not repeated in `records`. */
  production: Record<string, unknown>
  records: DemoRecord[]
}

// ---------------------------------------------------------------------------------------------------------------
// Calendar: ISO dates handled as UTC days, so the result never depends on the device's time zone.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const WEEKDAYS_FR = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi']
const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre']

function utcMs(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  return Date.UTC(y!, m! - 1, d!)
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

const addDays = addCalendarDays

function weekday(date: string): number {
  return new Date(utcMs(date)).getUTCDay()
}

function frenchDate(date: string): string {
  const d = new Date(utcMs(date))
  return `${WEEKDAYS_FR[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS_FR[d.getUTCMonth()]} ${d.getUTCFullYear()}`
}

/** The first `count` working days from `start` (included). */
function workingDaysFrom(start: string, count: number): string[] {
  const days: string[] = []
  for (let date = start; days.length < count; date = addDays(date, 1)) if (isWorkingDay(date)) days.push(date)
  return days
}

/** The working day `count` working days before `date` (French public holidays skipped). */
function workingDaysBefore(date: string, count: number): string {
  return addWorkingDays(date, -count)
}

const earliest = (a: string, b: string) => (a < b ? a : b)

// ---------------------------------------------------------------------------------------------------------------
// Clock and map helpers.

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number)
  return h! * 60 + m!
}

/** HH:MM, kept inside the day: a placement cannot run past midnight (an overnight stay is two placements). */
function clock(totalMinutes: number): string {
  const clamped = Math.min(Math.max(totalMinutes, 0), 23 * 60 + 59)
  return `${String(Math.floor(clamped / 60)).padStart(2, '0')}:${String(clamped % 60).padStart(2, '0')}`
}

/** A point `north` and `east` metres from another (flat-earth approximation, fine over a few hundred metres). */
function offsetPoint(lat: number, lng: number, north: number, east: number): { lat: number; lng: number } {
  const round = (x: number) => Math.round(x * 1e6) / 1e6
  return { lat: round(lat + north / 111_320), lng: round(lng + east / (111_320 * Math.cos((lat * Math.PI) / 180))) }
}

// ---------------------------------------------------------------------------------------------------------------
// The production.

const PRODUCTION = {
  name: 'Les Heures Claires',
  kind: 'feature',
  company: 'Les Films du Quai Bleu',
  city: 'Paris',
  notes:
    "Long métrage, 30 jours de tournage en Île-de-France. Réalisation : Marion Aubry. Production : Les Films du Quai Bleu " +
    '(Paul Ferrand). Régie générale : Karim Benhadj. Synopsis : Jeanne, restauratrice de tableaux, apprend la veille de la ' +
    "vente de la maison familiale d'Auvers-sur-Oise que son frère Antoine a disparu. Elle remonte sa trace de Paris à l'aéroport " +
    "d'Orly, pendant un été où chaque heure compte.",
} as const

const SYNOPSIS =
  "Jeanne, restauratrice de tableaux, cherche son frère Antoine disparu la veille de la vente de la maison familiale. " +
  'Drame contemporain, tournage en décors naturels à Paris et en Île-de-France.'

const REGIE_CONTACT = { contactName: 'Karim Benhadj (régisseur général)', contactPhone: '+33 6 39 98 00 01', contactEmail: 'regie@films-quai-bleu.example' }

// ---------------------------------------------------------------------------------------------------------------
// Décors. Several places compete for some script décors; statuses cover the whole scouting workflow.

const HOSPITALS = {
  lariboisiere: 'Hôpital Lariboisière (AP-HP, urgences), 2 rue Ambroise-Paré, 75010 Paris',
  saintAntoine: 'Hôpital Saint-Antoine (AP-HP, urgences), 184 rue du Faubourg-Saint-Antoine, 75012 Paris',
  tenon: 'Hôpital Tenon (AP-HP, urgences), 4 rue de la Chine, 75020 Paris',
  saintLouis: 'Hôpital Saint-Louis (AP-HP, urgences), 1 avenue Claude-Vellefaux, 75010 Paris',
  pitie: "Hôpital de la Pitié-Salpêtrière (AP-HP, urgences), 47-83 boulevard de l'Hôpital, 75013 Paris",
  hotelDieu: 'Hôpital Hôtel-Dieu (AP-HP, urgences), 1 parvis Notre-Dame – place Jean-Paul-II, 75004 Paris',
  cochin: 'Hôpital Cochin (AP-HP, urgences), 27 rue du Faubourg-Saint-Jacques, 75014 Paris',
  saintJoseph: 'Hôpital Paris Saint-Joseph (urgences), 185 rue Raymond-Losserand, 75014 Paris',
  ambroisePare: 'Hôpital Ambroise-Paré (AP-HP, urgences), 9 avenue Charles-de-Gaulle, 92100 Boulogne-Billancourt',
  foch: 'Hôpital Foch (urgences), 40 rue Worth, 92150 Suresnes',
  saintCamille: 'Hôpital Saint-Camille (urgences), 2 rue des Pères-Camilliens, 94360 Bry-sur-Marne',
  villeneuve: 'Centre hospitalier intercommunal de Villeneuve-Saint-Georges (urgences), 40 allée de la Source, 94190 Villeneuve-Saint-Georges',
  montreuil: 'Centre hospitalier intercommunal André-Grégoire (urgences), 56 boulevard de la Boissière, 93100 Montreuil',
  pontoise: "Centre hospitalier René-Dubos (urgences), 6 avenue de l'Île-de-France, 95300 Pontoise",
  fontainebleau: 'Centre hospitalier de Fontainebleau (urgences), 55 boulevard Joffre, 77300 Fontainebleau',
  versailles: 'Hôpital André-Mignot (CH de Versailles, urgences), 177 rue de Versailles, 78150 Le Chesnay-Rocquencourt',
} as const

const near = (hospital: keyof typeof HOSPITALS, km: string) => `${HOSPITALS[hospital]} – ${km} km`

type ContactRole = 'owner' | 'guardian' | 'agency' | 'other'
interface Contact { role: ContactRole; name: string; phone: string; email: string }
const contact = (role: ContactRole, name: string, phone: string, email = ''): Contact => ({ role, name, phone, email })

interface Room { name: string; lengthM: number; widthM: number; ceilingHeightM: number }
const room = (name: string, lengthM: number, widthM: number, ceilingHeightM: number): Room => ({ name, lengthM, widthM, ceilingHeightM })

interface LocationRow<K extends string = string> {
  key: K
  name: string
  scriptDecor: string
  intExt: 'INT' | 'EXT' | 'INT/EXT'
  setting: 'natural' | 'studio'
  status: LocationStatus
  address: string
  city: string
  lat: number
  lng: number
  contacts: Contact[]
  dayRate: number | null
  deposit: number | null
  accessNotes: string
  accessCodes?: string
  parking: string
  threePhasePower: boolean
  powerBoard: string
  noise: string
  lightOrientation: string
  rooms?: Room[]
  pmrAccessible: boolean
  hospital: string
  pharmacy: string
  advantages: string[]
  nuisances: string[]
  arrangements: string[]
  stagingNotes: string
}

/** Keeps the literal keys so shoot days and plans can only name décors that exist. */
const defineLocations = <const K extends string>(rows: LocationRow<K>[]) => rows

const LOCATIONS = defineLocations([
  {
    key: 'apartJeanne', name: 'Appartement Morel – rue des Martyrs', scriptDecor: 'APPARTEMENT DE JEANNE – INT', intExt: 'INT', setting: 'natural',
    status: 'confirmed', address: '47 rue des Martyrs, 75009 Paris', city: 'Paris', lat: 48.88, lng: 2.3399,
    contacts: [contact('owner', 'Hélène Morel', '+33 6 39 98 10 21'), contact('guardian', 'Carlos Pereira (gardien)', '+33 6 39 98 10 22')],
    dayRate: 1800, deposit: 3000,
    accessNotes: 'Porte cochère puis cour pavée. 4e étage ; ascenseur 3 personnes (300 kg max) : matériel lourd par l\'escalier de service.',
    accessCodes: 'Digicode 4817B, interphone MOREL ; badge Vigik remis par le gardien',
    parking: 'Aucune place rue des Martyrs (voie étroite, livraisons). Camions avenue Trudaine, base camp sur le terre-plein du boulevard de Rochechouart.',
    threePhasePower: true, powerBoard: 'Tableau dans la cuisine, compteur Linky 18 kVA triphasé ; coupure générale au sous-sol (clé chez le gardien).',
    noise: 'Rue commerçante animée de 8h à 20h, livraisons le matin, école élémentaire rue Milton (sorties 11h30 et 16h30).',
    lightOrientation: 'Séjour plein ouest sur rue, soleil direct à partir de 15h ; chambre sur cour au nord, lumière douce toute la journée.',
    rooms: [room('Séjour', 6.2, 4.8, 3.1), room('Chambre de Jeanne', 4, 3.5, 3.1), room('Cuisine', 3.2, 2.6, 3.1), room('Entrée et couloir', 5.5, 1.3, 3.1)],
    pmrAccessible: false, hospital: near('lariboisiere', '1,3'), pharmacy: 'Pharmacie des Martyrs, 25 rue des Martyrs, 75009 Paris',
    advantages: [
      "Parquet point de Hongrie, moulures et cheminée d'origine : presque aucune déco à apporter",
      'Double exposition rue / cour : jour et fin de journée dans le même décor',
      "Propriétaire habituée des tournages, d'accord pour 3 jours plus une journée de préparation",
    ],
    nuisances: [
      "Ascenseur minuscule : montée du matériel à la main sur 4 étages",
      'Parquet du couloir qui grince (son)',
      'Voisine du 3e travaille de nuit : silence demandé avant 11h',
    ],
    arrangements: [
      "Chaîne de portage dans l'escalier de service, marches protégées (Protect-sol et moquette)",
      'Tapis de câble et sabots sous tous les pieds dans le couloir, pas de dolly sur le parquet',
      'Tourner la chambre côté cour le matin et garder le séjour pour l\'après-midi',
      'Mot et fleurs pour la voisine du 3e ; premier clap à 11h dans les pièces côté rue',
    ],
    stagingNotes:
      'Séq. 4, 12, 27, 41. Axe principal du séjour vers les fenêtres : contre-jour, ND 0.6 aux vitres. Chambre en plans serrés à une caméra. ' +
      'Cuisine trop étroite pour le dolly : épaule ou Easyrig. Loges et HMC en base camp, pas de comédiens en attente dans l\'escalier.',
  },
  {
    key: 'apartCharonne', name: 'Appartement Vasseur – rue de Charonne', scriptDecor: 'APPARTEMENT DE JEANNE – INT', intExt: 'INT', setting: 'natural',
    status: 'rejected', address: '94 rue de Charonne, 75011 Paris', city: 'Paris', lat: 48.854, lng: 2.3838,
    contacts: [contact('agency', 'Décors & Lieux – Sophie Kaplan', '+33 1 99 00 20 31', 'sophie.kaplan@decors-lieux.example')],
    dayRate: 1500, deposit: 2500,
    accessNotes: 'Immeuble années 30, ascenseur 6 personnes jusqu\'au 2e étage.',
    parking: 'Rue de Charonne à sens unique, aire de livraison seulement ; camions possibles rue Faidherbe (payant).',
    threePhasePower: false, powerBoard: 'Tableau monophasé 9 kVA dans l\'entrée : groupe électrogène indispensable.',
    noise: 'Bus 76 toutes les 6 minutes, bars ouverts jusqu\'à 2h.',
    lightOrientation: 'Séjour à l\'est, soleil le matin seulement.',
    rooms: [room('Séjour', 5, 4.2, 2.7), room('Chambre', 3.6, 3.2, 2.7), room('Cuisine ouverte', 3, 2.4, 2.7)],
    pmrAccessible: true, hospital: near('saintAntoine', '0,9'), pharmacy: 'Pharmacie Faidherbe, 36 rue Faidherbe, 75011 Paris',
    advantages: ['Ascenseur assez grand pour les caisses caméra', 'Accessible en fauteuil roulant'],
    nuisances: ['Plafonds à 2,70 m : aucune lumière par le haut', 'Son inexploitable côté rue (bus 76)', 'Électricité monophasée'],
    arrangements: ['Aucun aménagement ne compense la hauteur sous plafond', 'Garder le contact de l\'agence pour un autre décor'],
    stagingNotes: 'Rejeté après le repérage technique : plafond trop bas pour les plongées prévues par la cheffe opératrice.',
  },
  {
    key: 'apartMagenta', name: 'Appartement Benali – boulevard de Magenta', scriptDecor: 'APPARTEMENT DE JEANNE – INT', intExt: 'INT', setting: 'natural',
    status: 'option', address: '132 boulevard de Magenta, 75010 Paris', city: 'Paris', lat: 48.8812, lng: 2.3525,
    contacts: [contact('owner', 'Nadia Benali', '+33 6 39 98 10 31'), contact('guardian', 'Loge du gardien (M. Kowalski)', '+33 1 99 00 20 32')],
    dayRate: 1600, deposit: 3000,
    accessNotes: 'Haussmannien, 3e étage, ascenseur 4 personnes ; monte-charge dans la cour de service.',
    accessCodes: 'Digicode 2291, 2e porte à gauche',
    parking: 'Contre-allée du boulevard de Magenta, 2 emplacements de livraison en face du 130.',
    threePhasePower: true, powerBoard: 'Tableau dans le placard de l\'entrée, 15 kVA triphasé.',
    noise: 'Boulevard à 2 x 2 voies : double vitrage efficace fenêtres fermées, inexploitable fenêtres ouvertes.',
    lightOrientation: 'Façade sud-ouest, lumière rasante en fin d\'après-midi.',
    rooms: [room('Double séjour', 9.5, 5, 3.2), room('Chambre', 4.2, 3.8, 3.2), room('Cuisine', 3.5, 2.8, 3.2)],
    pmrAccessible: false, hospital: near('lariboisiere', '0,4'), pharmacy: 'Pharmacie de la gare du Nord, 137 boulevard de Magenta, 75010 Paris',
    advantages: ['Double séjour : recul de 9 m pour les plans larges', 'Monte-charge pour le matériel lourd', 'Hôpital à 400 m'],
    nuisances: ['Bruit du boulevard dès qu\'une fenêtre s\'ouvre', 'Propriétaire présente pendant le tournage (télétravail)'],
    arrangements: ['Fenêtres fermées et vitrage traité pour les reflets', 'Bureau de la propriétaire installé dans la chambre du fond'],
    stagingNotes: 'Option posée en repli si la rue des Martyrs se désistait. Déco à reprendre : peinture du séjour trop récente.',
  },
  {
    key: 'quaiTournelle', name: 'Quai de la Tournelle – bas-port', scriptDecor: 'QUAI DE SEINE – EXT', intExt: 'EXT', setting: 'natural',
    status: 'confirmed', address: 'Port de la Tournelle, face au 37 quai de la Tournelle, 75005 Paris', city: 'Paris', lat: 48.8507, lng: 2.3553,
    contacts: [contact('other', 'Paris Film – chargé de tournage secteur centre', '+33 1 99 00 20 41')],
    dayRate: null, deposit: null,
    accessNotes: 'Descente piétonne au bas-port par la rampe face au pont de la Tournelle ; matériel à la main ou sur chariots, pas de véhicule sur la berge.',
    parking: 'Ventousage quai de la Tournelle côté immeubles du n° 33 au n° 65 ; base camp quai Saint-Bernard le long du jardin Tino-Rossi.',
    threePhasePower: false, powerBoard: 'Aucune source sur la berge : groupe 60 kVA sur le quai haut, câbles par la rampe.',
    noise: 'Trafic dense sur le quai haut, bateaux-mouches toutes les 10 minutes avec annonces au micro, sirènes sur le pont.',
    lightOrientation: 'Berge orientée ouest-nord-ouest vers Notre-Dame : contre-jour sur la cathédrale en fin de journée.',
    pmrAccessible: true, hospital: near('pitie', '1,6'), pharmacy: 'Pharmacie Maubert, 1 place Maubert, 75005 Paris',
    advantages: [
      'Chevet de Notre-Dame dans l\'axe : plan de carte postale sans déco',
      'Berge piétonne : aucune voiture dans le champ',
      'Golden hour dans l\'axe de la Seine',
    ],
    nuisances: ['Bateaux-mouches et leurs annonces', 'Touristes et joggeurs en continu', 'Berge fermée si la Seine monte (crue de printemps)'],
    arrangements: [
      'Tourner entre deux passages de bateaux : horaires affichés à la régie, talkie avec un guetteur au pont',
      'Quatre régisseurs de rue pour faire patienter les passants, sans blocage',
      'Date de repli prévue en cas de fermeture des berges',
    ],
    stagingNotes:
      'Séq. 18 : Jeanne et Antoine marchent vers l\'est. Travelling latéral de 20 m sur rails au bas-port, caméra côté Seine vers le mur du quai. ' +
      'Plan large final depuis le pont de la Tournelle (à pied, sans blocage).',
  },
  {
    key: 'quaiSaintBernard', name: 'Quai Saint-Bernard – jardin Tino-Rossi', scriptDecor: 'QUAI DE SEINE – EXT', intExt: 'EXT', setting: 'natural',
    status: 'scouted', address: 'Quai Saint-Bernard, 75005 Paris', city: 'Paris', lat: 48.8465, lng: 2.362,
    contacts: [contact('other', 'Paris Film – chargé de tournage secteur centre', '+33 1 99 00 20 41')],
    dayRate: null, deposit: null,
    accessNotes: 'Accès de plain-pied depuis le quai ; petits amphithéâtres de pierre au bord de l\'eau.',
    parking: 'Contre-allée du quai Saint-Bernard, facile pour les poids lourds.',
    threePhasePower: false, powerBoard: 'Aucune source : groupe obligatoire.',
    noise: 'Voie sur berge en face, musique et danseurs le soir en été.',
    lightOrientation: 'Seine au nord-est du jardin : lumière de face le matin.',
    pmrAccessible: true, hospital: near('pitie', '0,8'), pharmacy: 'Pharmacie du Jardin des Plantes, 3 rue Linné, 75005 Paris',
    advantages: ['Stationnement facile pour toute la base', 'Sculptures du jardin en arrière-plan'],
    nuisances: ['Moins identifiable que Notre-Dame', 'Danseurs et musique le soir'],
    arrangements: ['Utilisable comme base camp du quai de la Tournelle', 'Tourner avant 17h'],
    stagingNotes: 'Repérage fait ; gardé comme base camp et comme second choix pour la séq. 18.',
  },
  {
    key: 'cafeMenilmontant', name: 'Café Le Balto – rue de Ménilmontant', scriptDecor: 'CAFÉ « LE BALTO » – INT', intExt: 'INT', setting: 'natural',
    status: 'confirmed', address: '118 rue de Ménilmontant, 75020 Paris', city: 'Paris', lat: 48.8697, lng: 2.3933,
    contacts: [contact('owner', 'Rachid Hamdani (gérant)', '+33 6 39 98 10 41')],
    dayRate: 2500, deposit: 1500,
    accessNotes: 'Rideau métallique, clé chez le gérant ; réserve au sous-sol par une trappe derrière le comptoir.',
    parking: 'Camions rue Sorbier, régie rue de Ménilmontant ; base camp boulevard de Ménilmontant (hors jours de marché).',
    threePhasePower: true, powerBoard: 'Tableau derrière le comptoir, 36 kVA triphasé.',
    noise: 'Rue en pente avec le bus 96, terrasse voisine ; chambre froide et enseigne néon bruyantes.',
    lightOrientation: 'Vitrine plein sud : soleil direct dans la salle de 11h à 15h.',
    rooms: [room('Salle', 9, 6, 3.4), room('Arrière-salle', 5, 4, 3), room('Cuisine', 4, 3, 2.8)],
    pmrAccessible: true, hospital: near('tenon', '1,0'), pharmacy: 'Pharmacie de Ménilmontant, 126 rue de Ménilmontant, 75020 Paris',
    advantages: ['Zinc des années 50 et carrelage d\'origine', 'De plain-pied : chargement direct depuis la rue', 'Gérant d\'accord pour fermer deux jours'],
    nuisances: ['Lumière de la vitrine qui change toute la journée', 'Chambre froide et néon qui bourdonnent', 'Habitués qui frappent à la vitre'],
    arrangements: [
      'ND 0.9 et diffusion sur la vitrine, HMI en extérieur pour tenir la continuité',
      'Couper la chambre froide pendant les prises ; frigo tampon dans le camion cantine',
      'Affiche « fermeture exceptionnelle » une semaine avant, café offert aux habitués le lendemain',
    ],
    stagingNotes: 'Séq. 22, 23, 58. Jeanne au comptoir, Antoine au fond de la salle : focale longue depuis la porte. Dernier jour : raccords séq. 58.',
  },
  {
    key: 'cafeLepic', name: 'Café des Abbesses – rue Lepic', scriptDecor: 'CAFÉ « LE BALTO » – INT', intExt: 'INT', setting: 'natural',
    status: 'rejected', address: '24 rue Lepic, 75018 Paris', city: 'Paris', lat: 48.885, lng: 2.334,
    contacts: [contact('owner', 'Gilles Marchand', '+33 6 39 98 10 42')],
    dayRate: 3500, deposit: 2000,
    accessNotes: 'Salle en entresol, trois marches à l\'entrée.',
    parking: 'Rue Lepic en pente et très étroite : aucun camion, base à la place Blanche.',
    threePhasePower: false, powerBoard: 'Monophasé 12 kVA.',
    noise: 'Flux touristique permanent, Moulin Rouge à 200 m.',
    lightOrientation: 'Vitrine au nord-est, peu de soleil.',
    rooms: [room('Salle', 7, 4.5, 2.9)],
    pmrAccessible: false, hospital: near('lariboisiere', '1,6'), pharmacy: 'Pharmacie Lepic, 10 rue Lepic, 75018 Paris',
    advantages: ['Décor très typé Montmartre', 'Lumière stable toute la journée'],
    nuisances: ['Gérant refuse de fermer plus d\'une demi-journée', 'Aucun stationnement possible pour les camions'],
    arrangements: ['Demi-journée seulement : incompatible avec le plan de travail', 'Gardé en mémoire pour un plan de coupe'],
    stagingNotes: 'Rejeté : tarif élevé et accès camions impossible.',
  },
  {
    key: 'gareEst', name: "Gare de l'Est – quais grandes lignes", scriptDecor: 'GARE – QUAIS – INT/EXT', intExt: 'INT/EXT', setting: 'natural',
    status: 'confirmed', address: 'Place du 11-Novembre-1918, 75010 Paris', city: 'Paris', lat: 48.8768, lng: 2.3592,
    contacts: [contact('other', 'SNCF Gares & Connexions – pôle tournages', '+33 1 99 00 30 11', 'tournages@gares.example')],
    dayRate: null, deposit: null,
    accessNotes: 'Équipe par la porte latérale rue d\'Alsace, badges remis la veille ; agent SNCF accompagnateur obligatoire sur les quais.',
    parking: 'Camions rue d\'Alsace (emplacements de livraison réservés) ; véhicules légers au parking public de la gare.',
    threePhasePower: false, powerBoard: 'Aucune prise SNCF utilisable : groupe rue d\'Alsace, passage de câbles validé par la sûreté ferroviaire.',
    noise: 'Annonces en gare, départs de TGV, sifflets : son témoin seulement, dialogues en postsynchro.',
    lightOrientation: 'Grande verrière orientée nord-sud : lumière diffuse et stable.',
    rooms: [room('Quai voies 7-8 (sous la halle)', 200, 9, 25), room('Hall Alsace', 60, 25, 18)],
    pmrAccessible: true, hospital: near('lariboisiere', '0,6'), pharmacy: "Pharmacie de la gare de l'Est, galerie des départs, 75010 Paris",
    advantages: ['Halle 1930 spectaculaire sans aucune déco', 'Vrais voyageurs et vrais trains', 'Lumière de verrière sans projecteurs'],
    nuisances: ['Annonces sonores impossibles à couper', 'Sûreté SNCF : zone de tournage strictement balisée', 'Coût de l\'agent accompagnateur'],
    arrangements: ['Figuration en voyageurs autour des comédiens pour isoler le public', 'Dialogues en postsynchronisation', 'Répétitions sur le quai 4 avant l\'arrivée du TGV de 9h12'],
    stagingNotes: 'Séq. 31-33 : Jeanne court le long du TGV. Steadicam, 3 prises max par départ de train.',
  },
  {
    key: 'metroLilas', name: 'Station Porte des Lilas – Cinéma', scriptDecor: 'MÉTRO – QUAI DE STATION – INT', intExt: 'INT', setting: 'natural',
    status: 'confirmed', address: 'Accès RATP, avenue de la Porte-des-Lilas, 75020 Paris', city: 'Paris', lat: 48.877, lng: 2.4067,
    contacts: [contact('other', 'RATP – service tournages', '+33 1 99 00 30 21', 'tournages@ratp.example')],
    dayRate: null, deposit: null,
    accessNotes: 'Quai réservé aux tournages ; descente du matériel par l\'escalier de service, aucun ascenseur.',
    parking: 'Boulevard Sérurier, 4 emplacements réservés par la RATP.',
    threePhasePower: true, powerBoard: 'Coffret 63 A triphasé fourni par la RATP sur le quai.',
    noise: 'Rames des lignes voisines audibles, ventilation permanente.',
    lightOrientation: 'Souterrain : aucune lumière naturelle.',
    rooms: [room('Quai', 75, 4, 4.8), room('Couloir de correspondance', 40, 3, 2.6)],
    pmrAccessible: false, hospital: near('tenon', '1,5'), pharmacy: 'Pharmacie de la Porte des Lilas, 1 avenue de la Porte-des-Lilas, 75020 Paris',
    advantages: ['Station dédiée aux tournages, sans voyageurs', 'Rame et conducteur mis à disposition', 'Signalétique modifiable'],
    nuisances: ['Escaliers seulement : manutention longue', 'Aucune lumière naturelle, tout à éclairer'],
    arrangements: ['Chaîne de portage dès 7h, matériel réduit au strict nécessaire', 'Tubes Astera sous les caissons lumineux pour éclairer le quai'],
    stagingNotes: 'Séq. 36 : Jeanne aperçoit Antoine dans la rame d\'en face. Rame en 6 allers-retours.',
  },
  {
    key: 'orly', name: 'Paris-Orly – Orly 3, hall des départs', scriptDecor: 'AÉROPORT – HALL DES DÉPARTS – INT', intExt: 'INT', setting: 'natural',
    status: 'option', address: 'Orly 3, 94390 Orly', city: 'Orly', lat: 48.728, lng: 2.364,
    contacts: [contact('other', 'Groupe ADP – service tournages', '+33 1 99 00 30 31', 'tournages@adp.example')],
    dayRate: null, deposit: null,
    accessNotes: 'Badges zone publique pour chaque membre de l\'équipe, contrôle du matériel au PC sûreté.',
    parking: 'Dépose P0 pour les camions, 6 emplacements réservés ; figuration en navettes depuis le parking P4.',
    threePhasePower: true, powerBoard: 'Prises 32 A triphasées fournies par ADP près des comptoirs B (sur demande).',
    noise: 'Annonces aéroport, chariots, avions au décollage.',
    lightOrientation: 'Façade vitrée au nord-ouest : contre-jour le soir.',
    rooms: [room('Hall des départs', 120, 40, 12)],
    pmrAccessible: true, hospital: near('villeneuve', '6'), pharmacy: "Pharmacie de l'aérogare, Orly 3 (zone publique), 94390 Orly",
    advantages: ['Hall moderne qui se lit immédiatement « aéroport »', 'Électricité fournie', 'Accessible PMR'],
    nuisances: ['Sûreté : badges nominatifs pour 180 personnes', 'Tournage limité aux heures creuses (avant 6h30 puis 10h-14h)'],
    arrangements: ['Liste nominative envoyée 10 jours avant', 'Figurants en tenue de voyage, valises vides fournies par la déco'],
    stagingNotes: 'Séq. 74-76 : Jeanne retrouve Antoine au comptoir d\'enregistrement. 120 figurants le J18.',
  },
  {
    key: 'studioBry', name: 'Studios de Bry – plateau B', scriptDecor: 'COMMISSARIAT – INT', intExt: 'INT', setting: 'studio',
    status: 'confirmed', address: "Avenue de l'Europe, 94360 Bry-sur-Marne", city: 'Bry-sur-Marne', lat: 48.8383, lng: 2.5205,
    contacts: [contact('owner', 'Direction des studios – Fabienne Gauthier', '+33 1 99 00 30 41', 'plateaux@studios-bry.example')],
    dayRate: 3200, deposit: 0,
    accessNotes: 'Portail 24 h/24, badge à l\'accueil. Décor construit par l\'équipe déco (commissariat : bureau, couloir, salle d\'interrogatoire).',
    parking: 'Parking des studios pour toute l\'équipe ; camions le long du plateau B.',
    threePhasePower: true, powerBoard: 'Distribution du plateau : 400 A triphasé, armoires sur les murs nord et sud.',
    noise: 'Plateau insonorisé ; seules les livraisons de la cour passent.',
    lightOrientation: 'Aucune lumière naturelle : découvertes sur fond éclairé.',
    rooms: [room('Plateau B', 40, 25, 10), room('Bureau du commissaire (décor)', 5, 4, 3), room('Salle d\'interrogatoire (décor)', 4, 3.5, 2.8)],
    pmrAccessible: true, hospital: near('saintCamille', '1,2'), pharmacy: 'Pharmacie de Bry, 1 Grande-Rue, 94360 Bry-sur-Marne',
    advantages: ['Murs et plafonds amovibles', 'Son parfait', 'Loges et cantine dans les studios'],
    nuisances: ['À 45 minutes de Paris aux heures de pointe', 'Construction du décor à payer en plus'],
    arrangements: ['Navette comédiens depuis Nation', 'Construction pendant la semaine 4, démontage le J+1 du dernier jour au studio'],
    stagingNotes: 'Séq. 44-52 : interrogatoires de Jeanne. Plafond du bureau amovible pour les plans en plongée.',
  },
  {
    key: 'hopitalSVP', name: 'Ancien hôpital Saint-Vincent-de-Paul', scriptDecor: 'HÔPITAL – COULOIR – INT', intExt: 'INT', setting: 'natural',
    status: 'toScout', address: '74 avenue Denfert-Rochereau, 75014 Paris', city: 'Paris', lat: 48.8366, lng: 2.3361,
    contacts: [contact('agency', 'Décors & Lieux – Sophie Kaplan', '+33 1 99 00 20 31', 'sophie.kaplan@decors-lieux.example')],
    dayRate: 2000, deposit: null,
    accessNotes: 'Site en travaux : visite accompagnée à caler avec l\'aménageur.',
    parking: 'À vérifier (cour intérieure annoncée par l\'agence).',
    threePhasePower: false, powerBoard: 'Inconnu : prévoir un groupe par défaut.',
    noise: 'Chantier voisin en semaine (à vérifier).',
    lightOrientation: 'À relever au repérage.',
    pmrAccessible: false, hospital: near('cochin', '0,5'), pharmacy: 'Pharmacie Denfert, 2 avenue du Général-Leclerc, 75014 Paris',
    advantages: ['Longs couloirs d\'hôpital des années 60 (selon l\'agence)', 'Proche de Paris centre'],
    nuisances: ['Chantier de réaménagement en cours', 'Bâtiments peut-être déjà démolis'],
    arrangements: ['Repérage à faire avant la fin de la semaine 3', 'Garder la clinique de Boulogne en parallèle'],
    stagingNotes: 'À repérer. Séq. 61 : Jeanne de nuit dans un couloir vide.',
  },
  {
    key: 'cliniqueBoulogne', name: 'Clinique désaffectée – Boulogne-Billancourt', scriptDecor: 'HÔPITAL – COULOIR – INT', intExt: 'INT', setting: 'natural',
    status: 'toScout', address: '18 rue de Silly, 92100 Boulogne-Billancourt', city: 'Boulogne-Billancourt', lat: 48.8355, lng: 2.243,
    contacts: [contact('owner', 'Foncière du Pont de Sèvres – M. Hubert', '+33 1 99 00 30 51')],
    dayRate: 1800, deposit: null,
    accessNotes: 'Gardiennage sur place ; visite sur rendez-vous.',
    parking: 'Parking souterrain de l\'immeuble annoncé (hauteur à vérifier pour les porteurs).',
    threePhasePower: true, powerBoard: 'Transformateur de l\'ancienne clinique (état inconnu).',
    noise: 'Rue calme selon le propriétaire.',
    lightOrientation: 'À relever au repérage.',
    pmrAccessible: true, hospital: near('ambroisePare', '1,5'), pharmacy: 'Pharmacie de Silly, 2 rue de Silly, 92100 Boulogne-Billancourt',
    advantages: ['Mobilier hospitalier encore en place (selon le propriétaire)', 'Parking souterrain'],
    nuisances: ['Bâtiment vide depuis 2019 : humidité possible', 'Loin du reste du plan de travail de la semaine 6'],
    arrangements: ['Vérifier l\'électricité avec le chef électro au repérage', 'Prévoir un nettoyage avant tournage'],
    stagingNotes: 'À repérer, en concurrence avec Saint-Vincent-de-Paul.',
  },
  {
    key: 'buttesChaumont', name: 'Parc des Buttes-Chaumont – lac et île', scriptDecor: 'PARC – BORD DU LAC – EXT', intExt: 'EXT', setting: 'natural',
    status: 'confirmed', address: '1 rue Botzaris, 75019 Paris (entrée Botzaris)', city: 'Paris', lat: 48.8809, lng: 2.3828,
    contacts: [contact('other', 'Conservation du parc (Ville de Paris, DEVE)', '+33 1 99 00 30 61')],
    dayRate: null, deposit: null,
    accessNotes: 'Véhicules par la porte Secrétan avant 8h, 3 véhicules de moins de 3,5 t dans le parc ; allées fragiles après la pluie.',
    parking: 'Porteurs et base camp rue Manin côté parc, du n° 2 au n° 20.',
    threePhasePower: false, powerBoard: 'Aucune source dans le parc : groupe rue Manin, câbles sous tapis le long de l\'allée.',
    noise: 'Enfants, joggeurs, canards ; cloches de l\'église voisine à midi.',
    lightOrientation: 'Lac au sud de l\'île : falaise et temple de la Sibylle en contre-jour l\'après-midi.',
    pmrAccessible: true, hospital: near('saintLouis', '1,5'), pharmacy: 'Pharmacie Botzaris, 30 rue Botzaris, 75019 Paris',
    advantages: ['Temple de la Sibylle et falaise : Paris reconnaissable sans monument', 'Lac calme pour les reflets', 'Grandes pelouses pour la figuration'],
    nuisances: ['Public nombreux le midi', 'Pelouses interdites après la pluie', 'Véhicules limités dans le parc'],
    arrangements: ['Figuration en promeneurs pour isoler les comédiens', 'Plaques de roulage sous le dolly', 'Chien de Jeanne avec son dresseur, pause toutes les 2 heures'],
    stagingNotes: 'Séq. 8 et 65 : Jeanne et le chien au bord du lac. Technocrane le J10 pour le plan final sur le temple.',
  },
  {
    key: 'montsouris', name: 'Parc Montsouris – lac', scriptDecor: 'PARC – BORD DU LAC – EXT', intExt: 'EXT', setting: 'natural',
    status: 'rejected', address: '2 rue Gazan, 75014 Paris', city: 'Paris', lat: 48.8222, lng: 2.338,
    contacts: [contact('other', 'Conservation du parc (Ville de Paris, DEVE)', '+33 1 99 00 30 62')],
    dayRate: null, deposit: null,
    accessNotes: 'Entrées boulevard Jourdan et rue Gazan.',
    parking: 'Rue Gazan, stationnement limité.',
    threePhasePower: false, powerBoard: 'Aucune source.',
    noise: 'Le RER B traverse le parc en tranchée : un train toutes les 4 minutes.',
    lightOrientation: 'Lac ouvert au sud.',
    pmrAccessible: true, hospital: near('saintJoseph', '2,2'), pharmacy: 'Pharmacie du parc Montsouris, 1 rue Gazan, 75014 Paris',
    advantages: ['Moins fréquenté que les Buttes-Chaumont', 'Lac entouré de grands arbres'],
    nuisances: ['RER B : son inexploitable', 'Moins identifiable à l\'image'],
    arrangements: ['Aucun pour le RER', 'Garder pour des plans sans dialogue'],
    stagingNotes: 'Rejeté pour le son (RER B).',
  },
  {
    key: 'conciergerie', name: 'La Conciergerie – salle des Gens d\'armes', scriptDecor: 'SALLE DES VENTES – INT', intExt: 'INT', setting: 'natural',
    status: 'confirmed', address: '2 boulevard du Palais, 75001 Paris', city: 'Paris', lat: 48.8561, lng: 2.3457,
    contacts: [contact('other', 'Centre des monuments nationaux – service des tournages', '+33 1 99 00 30 71', 'tournages@monuments.example')],
    dayRate: 9000, deposit: 5000,
    accessNotes: 'Monument ouvert au public : salle privatisée pour la journée, visiteurs déviés. Matériel par la porte du quai de l\'Horloge.',
    parking: 'Quai de l\'Horloge : 3 véhicules techniques ; base camp place Dauphine interdite, prévue quai des Orfèvres.',
    threePhasePower: false, powerBoard: 'Aucune prise utilisable dans les parties classées : groupe quai de l\'Horloge.',
    noise: 'Groupes de visiteurs dans les salles voisines, circulation du quai.',
    lightOrientation: 'Fenêtres hautes au nord sur la Seine : lumière froide et égale.',
    rooms: [room('Salle des Gens d\'armes', 64, 27.5, 8.5), room('Salle des Gardes', 20, 12, 7)],
    pmrAccessible: true, hospital: near('hotelDieu', '0,4'), pharmacy: 'Pharmacie de la Cité, 4 boulevard du Palais, 75004 Paris',
    advantages: ['Plus grande salle gothique civile d\'Europe', 'Aucune déco lourde à prévoir', 'Hôpital à 400 m'],
    nuisances: ['Aucun accroche ni scotch sur les murs et piliers classés', 'Redevance élevée', 'Sols en pierre : bruit des pas'],
    arrangements: ['Pieds sur patins feutre et lumière au sol uniquement (ballons et SkyPanels sur pieds)', 'Moquette sous la figuration hors champ', 'Conservateur du CMN présent toute la journée'],
    stagingNotes: 'Séq. 55 : la vente aux enchères du tableau. 90 figurants en acheteurs, caméra sur dolly dans l\'allée centrale.',
  },
  {
    key: 'rueMartyrs', name: 'Rue des Martyrs – façade du n° 47', scriptDecor: 'RUE DE JEANNE – EXT', intExt: 'EXT', setting: 'natural',
    status: 'confirmed', address: 'Devant le 47 rue des Martyrs, 75009 Paris', city: 'Paris', lat: 48.8801, lng: 2.3398,
    contacts: [contact('other', 'Commerçants prévenus : boulangerie du 45, primeur du 51', '+33 6 39 98 10 51')],
    dayRate: null, deposit: null,
    accessNotes: 'Même immeuble que l\'appartement de Jeanne.',
    parking: 'Voiture de jeu devant le 47 (ventousage du n° 49 au n° 53) ; camions avenue Trudaine.',
    threePhasePower: false, powerBoard: 'Groupe avenue Trudaine ; appoint depuis l\'appartement pour les petites sources.',
    noise: 'Commerces et livraisons le jour ; bars jusqu\'à 1h le soir.',
    lightOrientation: 'Rue nord-sud : soleil sur la façade ouest en fin de journée.',
    pmrAccessible: true, hospital: near('lariboisiere', '1,3'), pharmacy: 'Pharmacie des Martyrs, 25 rue des Martyrs, 75009 Paris',
    advantages: ['Raccords directs avec l\'appartement', 'Rue de village très parisienne'],
    nuisances: ['Passants nombreux le jour', 'Riverains sensibles au bruit la nuit'],
    arrangements: ['Avis aux riverains 8 jours avant avec horaires exacts', 'Pluie artificielle la nuit avec récupération des eaux', 'Pas de groupe devant les fenêtres : groupe avenue Trudaine'],
    stagingNotes: 'J3 (jour) : sortie de l\'immeuble. J12 (nuit) : séq. 47 sous la pluie, Antoine dans la Peugeot 504.',
  },
  {
    key: 'maisonAuvers', name: "Maison Delaunay – Auvers-sur-Oise", scriptDecor: 'MAISON DE FAMILLE – INT/EXT', intExt: 'INT/EXT', setting: 'natural',
    status: 'confirmed', address: '12 rue Daubigny, 95430 Auvers-sur-Oise', city: 'Auvers-sur-Oise', lat: 49.0707, lng: 2.1702,
    contacts: [contact('owner', 'Bernard et Anne Delaunay', '+33 6 39 98 10 61'), contact('guardian', 'Jardinier (M. Petit)', '+33 6 39 98 10 62')],
    dayRate: 2200, deposit: 5000,
    accessNotes: 'Portail 4 m de large, allée gravillonnée ; porteurs dans la prairie en bas du jardin si le sol est sec.',
    accessCodes: 'Cadenas du portail : 1907',
    parking: 'Prairie du voisin louée pour la base (camions, cantine, loges) ; voitures sur le parking de la mairie.',
    threePhasePower: false, powerBoard: 'Tableau au garage, 12 kVA monophasé : groupe pour tout l\'éclairage.',
    noise: 'Transilien ligne H en contrebas (1 train toutes les 30 min), tondeuses le samedi.',
    lightOrientation: 'Jardin au sud-ouest, salon traversant est-ouest.',
    rooms: [room('Salon', 7, 5, 2.8), room('Salle à manger', 5, 4.5, 2.8), room('Cuisine', 4, 4, 2.6), room('Chambre d\'enfance (mansardée)', 4, 3.5, 2.3)],
    pmrAccessible: false, hospital: near('pontoise', '7'), pharmacy: "Pharmacie d'Auvers, 20 rue du Général-de-Gaulle, 95430 Auvers-sur-Oise",
    advantages: ['Maison meublée dans son jus', 'Jardin et verger pour les extérieurs', 'Prairie voisine pour toute la base'],
    nuisances: ['Plafonds bas dans les chambres', 'Trains de la ligne H', 'Propriétaires âgés très attachés au mobilier'],
    arrangements: ['Inventaire photo du mobilier avant de déplacer quoi que ce soit', 'Couper entre les trains (horaires à la régie)', 'Gîte voisin loué pour les loges si la météo est mauvaise'],
    stagingNotes: 'Séq. 1-3, 80-86. J23 : extérieurs jardin à la golden hour. Maison vidée de ses objets fragiles par la déco le J20.',
  },
  {
    key: 'maisonMilly', name: 'Maison Ferrand – Milly-la-Forêt', scriptDecor: 'MAISON DE FAMILLE – INT/EXT', intExt: 'INT/EXT', setting: 'natural',
    status: 'rejected', address: '7 rue du Souvenir, 91490 Milly-la-Forêt', city: 'Milly-la-Forêt', lat: 48.404, lng: 2.47,
    contacts: [contact('owner', 'Élise Ferrand', '+33 6 39 98 10 71')],
    dayRate: 1500, deposit: 3000,
    accessNotes: 'Route forestière, portail étroit (2,8 m).',
    parking: 'Bas-côté de la route seulement.',
    threePhasePower: false, powerBoard: 'Monophasé 9 kVA.',
    noise: 'Très calme.',
    lightOrientation: 'Maison orientée plein sud.',
    rooms: [room('Salon', 6, 5, 2.6), room('Cuisine', 4, 3.5, 2.5)],
    pmrAccessible: false, hospital: near('fontainebleau', '18'), pharmacy: 'Pharmacie de Milly, place du Marché, 91490 Milly-la-Forêt',
    advantages: ['Calme absolu', 'Lumière du sud'],
    nuisances: ['1h15 de Paris : hors du rayon de la convention collective', 'Portail trop étroit pour les porteurs'],
    arrangements: ['Aucun : défraiements et temps de trajet incompatibles avec le budget', 'Hôpital à 18 km'],
    stagingNotes: 'Rejeté : trop loin.',
  },
  {
    key: 'maisonChevreuse', name: 'Maison Lenoir – Chevreuse', scriptDecor: 'MAISON DE FAMILLE – INT/EXT', intExt: 'INT/EXT', setting: 'natural',
    status: 'scouted', address: '23 rue de la Division-Leclerc, 78460 Chevreuse', city: 'Chevreuse', lat: 48.7075, lng: 2.039,
    contacts: [contact('agency', 'Agence Lieux Uniques – Romain Dubois', '+33 1 99 00 30 81', 'romain.dubois@lieux-uniques.example')],
    dayRate: 2400, deposit: 4000,
    accessNotes: 'Cour pavée, porche de 3,5 m de haut.',
    parking: 'Parking public de la vallée à 300 m.',
    threePhasePower: true, powerBoard: 'Tableau triphasé 24 kVA dans la cave.',
    noise: 'Route départementale devant la maison.',
    lightOrientation: 'Jardin au nord : peu de soleil direct.',
    rooms: [room('Salon', 8, 5.5, 3), room('Cuisine', 5, 4, 2.8)],
    pmrAccessible: false, hospital: near('versailles', '18'), pharmacy: 'Pharmacie de Chevreuse, 2 rue de la Division-Leclerc, 78460 Chevreuse',
    advantages: ['Triphasé sur place', 'Grand salon pour la séq. 84'],
    nuisances: ['Route devant la maison', 'Jardin sans soleil'],
    arrangements: ['Salon utilisable en repli intérieur', 'Extérieurs à tourner ailleurs'],
    stagingNotes: 'Repéré, gardé en second choix derrière Auvers.',
  },
  {
    key: 'bureauDefense', name: 'Tour Alizé – 28e étage (La Défense)', scriptDecor: "BUREAU D'ANTOINE – INT", intExt: 'INT', setting: 'natural',
    status: 'confirmed', address: 'Tour Alizé, parvis de La Défense, 92800 Puteaux', city: 'Puteaux', lat: 48.8918, lng: 2.238,
    contacts: [contact('owner', 'SCI Alizé Défense – Julien Roux (property manager)', '+33 6 39 98 10 81', 'j.roux@alize-defense.example'), contact('guardian', 'PC sécurité de la tour', '+33 1 99 00 30 91')],
    dayRate: 4000, deposit: 5000,
    accessNotes: 'Accès par le quai de livraison niveau -2, monte-charge 2 t jusqu\'au 28e ; badges nominatifs remis par le PC sécurité.',
    parking: 'Quai de livraison : 2 porteurs à la fois ; base camp au parking Boieldieu (niveau -3, hauteur 2,10 m : véhicules légers seulement).',
    threePhasePower: true, powerBoard: 'Local technique d\'étage, prises 32 A triphasées sur accord du PC sécurité.',
    noise: 'Climatisation permanente (coupure possible le soir seulement).',
    lightOrientation: 'Façade vitrée nord-ouest : coucher de soleil sur la Grande Arche.',
    rooms: [room('Plateau de bureaux (open space)', 30, 18, 2.7), room('Bureau d\'Antoine', 6, 4.5, 2.7), room('Salle de réunion', 8, 5, 2.7)],
    pmrAccessible: true, hospital: near('foch', '3'), pharmacy: 'Pharmacie des Quatre-Temps, centre commercial, niveau 2, 92800 Puteaux',
    advantages: ['Vue sur tout Paris depuis le 28e', 'Étage vide, meublé', 'Monte-charge 2 t'],
    nuisances: ['Climatisation bruyante', 'Procédures de sécurité longues le matin', 'Plafonds à 2,70 m avec faux plafond'],
    arrangements: ['Liste de l\'équipe au PC sécurité 72 h avant', 'Son : coupure de la climatisation demandée pendant les prises', 'Films ND sur les vitres pour équilibrer la vue'],
    stagingNotes: 'Séq. 14-17, 38. Le bureau vitré d\'Antoine, Paris en découverte. J15 : plans de nuit simulés avec la vue au crépuscule.',
  },
  {
    key: 'lyceeMontreuil', name: 'Lycée du Bel-Air – Montreuil', scriptDecor: 'LYCÉE – COUR DE RÉCRÉATION – EXT', intExt: 'EXT', setting: 'natural',
    status: 'toScout', address: 'Rue de Rosny, 93100 Montreuil', city: 'Montreuil', lat: 48.8605, lng: 2.447,
    contacts: [contact('other', 'Intendance du lycée – Mme Garnier', '+33 1 99 00 31 01')],
    dayRate: 1200, deposit: null,
    accessNotes: 'Tournage possible le mercredi après-midi ou pendant les vacances scolaires seulement.',
    parking: 'À vérifier.',
    threePhasePower: false, powerBoard: 'À relever au repérage (cantine du lycée ?).',
    noise: 'Rue de Rosny passante.',
    lightOrientation: 'À relever au repérage.',
    pmrAccessible: true, hospital: near('montreuil', '1,1'), pharmacy: 'Pharmacie de la Croix-de-Chavaux, place Jacques-Duclos, 93100 Montreuil',
    advantages: ['Cour avec préau et platanes (photos de l\'intendance)', 'Proche du métro Croix-de-Chavaux'],
    nuisances: ['Calendrier scolaire contraignant', 'Figuration mineure : autorisations parentales'],
    arrangements: ['Repérage à caler un mercredi', 'Dossier enfants du spectacle à lancer dès la confirmation'],
    stagingNotes: 'À repérer. Séq. 88 : flash-back, Jeanne et Antoine adolescents.',
  },
  {
    key: 'guinguette', name: 'Guinguette de l\'île – Nogent-sur-Marne', scriptDecor: 'GUINGUETTE AU BORD DE LA MARNE – EXT', intExt: 'EXT', setting: 'natural',
    status: 'option', address: 'Promenade des bords de Marne, 94130 Nogent-sur-Marne', city: 'Nogent-sur-Marne', lat: 48.8315, lng: 2.489,
    contacts: [contact('owner', 'Sylvie Morin (exploitante)', '+33 6 39 98 10 91')],
    dayRate: 3000, deposit: 2000,
    accessNotes: 'Accès par la promenade piétonne : véhicules autorisés avant 10h pour décharger.',
    parking: 'Parking du port de Nogent pour la base, à 250 m.',
    threePhasePower: true, powerBoard: 'Tableau de la guinguette, 36 kVA triphasé (orchestre habituel).',
    noise: 'RER A sur le viaduc de Nogent, péniches.',
    lightOrientation: 'Terrasse face à la Marne à l\'ouest : coucher de soleil dans l\'axe.',
    pmrAccessible: true, hospital: near('saintCamille', '1,5'), pharmacy: 'Pharmacie du Port, 2 boulevard de la Marne, 94130 Nogent-sur-Marne',
    advantages: ['Guirlandes, piste de danse et orchestre sur place', 'Coucher de soleil sur la Marne', 'Triphasé'],
    nuisances: ['Viaduc du RER A visible dans certains axes', 'Clientèle le soir en saison'],
    arrangements: ['Privatisation du jeudi au vendredi', 'Axes vers l\'amont pour éviter le viaduc'],
    stagingNotes: 'Séq. 70 : le bal. 100 figurants danseurs, playback de l\'orchestre.',
  },
  {
    key: 'toitBelleville', name: 'Toit-terrasse – rue de Belleville', scriptDecor: 'TOIT DE PARIS – EXT', intExt: 'EXT', setting: 'natural',
    status: 'scouted', address: '122 rue de Belleville, 75020 Paris', city: 'Paris', lat: 48.8722, lng: 2.3862,
    contacts: [contact('owner', 'Syndic Belleville Gestion – Mme Lopez', '+33 1 99 00 31 11')],
    dayRate: 1400, deposit: 2000,
    accessNotes: 'Accès par une échelle de meunier depuis le 7e étage ; garde-corps de 60 cm seulement.',
    parking: 'Rue de Belleville en pente : camions rue Piat.',
    threePhasePower: false, powerBoard: 'Pas de prise sur le toit : câble depuis le palier du 7e ou batteries.',
    noise: 'Rumeur de la ville, rien de gênant.',
    lightOrientation: 'Vue plein ouest sur tout Paris : coucher de soleil derrière la tour Eiffel.',
    pmrAccessible: false, hospital: near('tenon', '1,5'), pharmacy: 'Pharmacie de Belleville, 90 rue de Belleville, 75020 Paris',
    advantages: ['Vue sur tout Paris jusqu\'à la tour Eiffel', 'Toit plat sur 80 m²'],
    nuisances: ['Garde-corps bas : travail en hauteur', 'Tout le matériel par l\'échelle'],
    arrangements: ['Ligne de vie et harnais pour toute l\'équipe sur le toit', 'Matériel léger seulement, lumières sur batteries', 'Équipe réduite à 12 personnes sur le toit'],
    stagingNotes: 'Séq. 90, dernière séquence du film : Jeanne seule face à Paris au lever du jour (à tourner en fin de journée, contrechamp).',
  },
  {
    key: 'pereLachaise', name: 'Cimetière du Père-Lachaise – 89e division', scriptDecor: 'CIMETIÈRE – EXT', intExt: 'EXT', setting: 'natural',
    status: 'confirmed', address: '16 rue du Repos, 75020 Paris (porte du Repos)', city: 'Paris', lat: 48.8597, lng: 2.3925,
    contacts: [contact('other', 'Conservation du cimetière du Père-Lachaise', '+33 1 99 00 31 21')],
    dayRate: null, deposit: null,
    accessNotes: 'Véhicules par la porte du Repos avant l\'ouverture (8h), vitesse au pas ; aucun véhicule dans les allées pavées étroites.',
    parking: 'Camions boulevard de Ménilmontant côté cimetière, base camp avenue Gambetta.',
    threePhasePower: false, powerBoard: 'Aucune source : groupe boulevard de Ménilmontant.',
    noise: 'Visiteurs et guides, corbeaux ; calme dans la 89e division.',
    lightOrientation: 'Allées sous les arbres : lumière tachetée, ombre dense l\'après-midi.',
    pmrAccessible: false, hospital: near('tenon', '1,1'), pharmacy: 'Pharmacie Gambetta, place Gambetta, 75020 Paris',
    advantages: ['Allées pavées et tombes du XIXe sans aucune déco', 'Ombre des arbres : lumière douce toute la journée'],
    nuisances: ['Respect des familles : aucun tournage près d\'une inhumation', 'Pavés : travelling impossible sans plancher'],
    arrangements: ['Planning des inhumations vérifié la veille avec la conservation', 'Plancher et rails pour le travelling', 'Figuration en tenue sombre, sans signe religieux'],
    stagingNotes: 'Séq. 62-63 : l\'enterrement du père. 60 figurants.',
  },
])

type LocationKey = (typeof LOCATIONS)[number]['key']

/** Where the trucks, loges and cantine gather for a décor (the meal place on the call sheet). */
const BASE_CAMPS: Partial<Record<LocationKey, string>> = {
  apartJeanne: 'Tente cantine, terre-plein du boulevard de Rochechouart (face au n° 60)',
  cafeMenilmontant: 'Tente cantine, terre-plein du boulevard de Ménilmontant (hors jours de marché)',
  quaiTournelle: 'Tente cantine, quai Saint-Bernard le long du jardin Tino-Rossi',
  gareEst: 'Salle de la gare prêtée par SNCF Gares & Connexions, rue d\'Alsace',
  metroLilas: 'Tente cantine, boulevard Sérurier',
  buttesChaumont: 'Tente cantine, rue Manin côté parc',
  conciergerie: 'Tente cantine, quai des Orfèvres',
  rueMartyrs: 'Tente cantine, terre-plein du boulevard de Rochechouart (face au n° 60)',
  bureauDefense: 'Restaurant d\'entreprise de la tour (niveau 1), privatisé',
  pereLachaise: 'Tente cantine, avenue Gambetta',
  orly: 'Salle de réunion Orly 3 (niveau 1) prêtée par ADP',
  guinguette: 'Sous la tonnelle de la guinguette',
  maisonAuvers: 'Tente cantine dans la prairie voisine',
  studioBry: 'Réfectoire des studios de Bry',
  hopitalSVP: 'Tente cantine dans la cour (à confirmer au repérage)',
  lyceeMontreuil: 'Réfectoire du lycée (à confirmer)',
  toitBelleville: 'Tente cantine, rue Piat',
}

// ---------------------------------------------------------------------------------------------------------------
// Shoot days, in order: J1 is the first working day on or after startDate.

interface ShootDayRow {
  decors: LocationKey[]
  dayType: 'normal' | 'continuous'
  call: string
  wrap: string
  cast: number
  extras: number
  guests?: number
  scenes: string
}

const SHOOT_DAYS: ShootDayRow[] = [
  { decors: ['apartJeanne'], dayType: 'normal', call: '08:00', wrap: '19:00', cast: 4, extras: 0, guests: 4, scenes: 'Séq. 4, 12 – séjour et cuisine. Réunion sécurité à 7h45.' },
  { decors: ['apartJeanne'], dayType: 'normal', call: '08:00', wrap: '19:00', cast: 5, extras: 0, scenes: 'Séq. 41, 43 – chambre de Jeanne. Enfant comédienne : présence de 9h à 15h.' },
  { decors: ['apartJeanne', 'rueMartyrs'], dayType: 'continuous', call: '09:00', wrap: '17:30', cast: 6, extras: 12, scenes: 'Séq. 27 (séjour) puis séq. 5 (sortie de l\'immeuble, jour).' },
  { decors: ['cafeMenilmontant'], dayType: 'continuous', call: '08:00', wrap: '16:00', cast: 5, extras: 15, scenes: 'Séq. 22, 23 – le Balto.' },
  { decors: ['quaiTournelle'], dayType: 'normal', call: '07:30', wrap: '19:30', cast: 3, extras: 25, guests: 2, scenes: 'Séq. 18 – les quais, golden hour en fin de journée.' },
  { decors: ['gareEst'], dayType: 'normal', call: '07:00', wrap: '18:00', cast: 6, extras: 40, scenes: 'Séq. 31, 32 – quais grandes lignes.' },
  { decors: ['gareEst'], dayType: 'continuous', call: '05:30', wrap: '13:30', cast: 4, extras: 40, scenes: 'Séq. 33 – départ du premier TGV.' },
  { decors: ['metroLilas'], dayType: 'continuous', call: '08:00', wrap: '16:30', cast: 3, extras: 30, scenes: 'Séq. 36 – quai de métro.' },
  { decors: ['buttesChaumont'], dayType: 'normal', call: '08:00', wrap: '19:00', cast: 5, extras: 20, scenes: 'Séq. 8 – Jeanne et le chien au bord du lac.' },
  { decors: ['buttesChaumont'], dayType: 'normal', call: '08:00', wrap: '19:00', cast: 6, extras: 80, guests: 2, scenes: 'Séq. 65 – la fête au parc, Technocrane.' },
  { decors: ['conciergerie'], dayType: 'continuous', call: '07:00', wrap: '15:30', cast: 8, extras: 90, scenes: 'Séq. 55 – la vente aux enchères.' },
  { decors: ['rueMartyrs'], dayType: 'continuous', call: '15:00', wrap: '03:00', cast: 4, extras: 12, scenes: 'Séq. 47 – nuit, pluie artificielle. Travail de nuit autorisé de 22h à 3h.' },
  { decors: ['bureauDefense'], dayType: 'normal', call: '08:00', wrap: '19:00', cast: 5, extras: 20, scenes: 'Séq. 14, 15 – open space.' },
  { decors: ['bureauDefense'], dayType: 'normal', call: '08:00', wrap: '19:00', cast: 4, extras: 20, scenes: 'Séq. 16, 17 – bureau d\'Antoine.' },
  { decors: ['bureauDefense'], dayType: 'continuous', call: '09:00', wrap: '17:00', cast: 3, extras: 0, scenes: 'Séq. 38 – crépuscule simulé.' },
  { decors: ['pereLachaise'], dayType: 'normal', call: '08:00', wrap: '18:30', cast: 9, extras: 60, guests: 2, scenes: 'Séq. 62 – l\'enterrement.' },
  { decors: ['pereLachaise'], dayType: 'continuous', call: '07:30', wrap: '15:30', cast: 4, extras: 10, scenes: 'Séq. 63 – Jeanne seule dans les allées.' },
  { decors: ['orly'], dayType: 'continuous', call: '06:00', wrap: '14:00', cast: 5, extras: 120, scenes: 'Séq. 74, 75 – hall des départs.' },
  { decors: ['orly'], dayType: 'continuous', call: '06:00', wrap: '14:00', cast: 4, extras: 60, scenes: 'Séq. 76 – comptoir d\'enregistrement.' },
  { decors: ['guinguette'], dayType: 'normal', call: '10:00', wrap: '21:30', cast: 8, extras: 100, guests: 3, scenes: 'Séq. 70 – le bal, coucher de soleil.' },
  { decors: ['maisonAuvers'], dayType: 'normal', call: '08:00', wrap: '19:00', cast: 6, extras: 0, scenes: 'Séq. 1, 2 – salon et salle à manger.' },
  { decors: ['maisonAuvers'], dayType: 'normal', call: '08:00', wrap: '19:00', cast: 7, extras: 0, scenes: 'Séq. 3, 80 – le repas de famille.' },
  { decors: ['maisonAuvers'], dayType: 'normal', call: '08:30', wrap: '19:30', cast: 5, extras: 0, scenes: 'Séq. 82, 83 – jardin et verger, golden hour.' },
  { decors: ['maisonAuvers'], dayType: 'continuous', call: '09:00', wrap: '17:00', cast: 4, extras: 0, scenes: 'Séq. 84-86 – chambre d\'enfance.' },
  { decors: ['studioBry'], dayType: 'normal', call: '08:00', wrap: '19:00', cast: 5, extras: 6, scenes: 'Séq. 44-47 – bureau du commissaire.' },
  { decors: ['studioBry'], dayType: 'normal', call: '08:00', wrap: '19:00', cast: 4, extras: 6, scenes: 'Séq. 48-50 – salle d\'interrogatoire.' },
  { decors: ['studioBry'], dayType: 'continuous', call: '08:00', wrap: '16:00', cast: 3, extras: 0, scenes: 'Séq. 51, 52 – couloir.' },
  { decors: ['hopitalSVP'], dayType: 'continuous', call: '10:00', wrap: '18:30', cast: 4, extras: 8, scenes: 'Séq. 61 – couloir d\'hôpital (décor encore à repérer).' },
  { decors: ['lyceeMontreuil'], dayType: 'normal', call: '08:00', wrap: '18:00', cast: 6, extras: 50, scenes: 'Séq. 88 – flash-back au lycée (figuration mineure).' },
  { decors: ['toitBelleville', 'cafeMenilmontant'], dayType: 'continuous', call: '08:00', wrap: '17:00', cast: 4, extras: 0, guests: 6, scenes: 'Séq. 90 (toit) puis raccords séq. 58 au Balto. Dernier jour.' },
]

// ---------------------------------------------------------------------------------------------------------------
// Vehicles: the production's catalogue, footprints from DEFAULT_FOOTPRINTS unless the real vehicle differs.

interface VehicleRow<K extends string = string> {
  key: K
  name: string
  kind: VehicleKind
  size?: { lengthM: number; widthM: number }
  plate: string
  driver: string
  phone: string
  notes: string
}

const defineVehicles = <const K extends string>(rows: VehicleRow<K>[]) => rows

const VEHICLES = defineVehicles([
  { key: 'cameraVan', name: 'Fourgon caméra 22 m3', kind: 'van', plate: 'GH-418-KR', driver: 'Yannick Le Goff', phone: '+33 6 39 98 21 01', notes: 'Racks caméra, établi, onduleur. Permis B.' },
  { key: 'decoVan', name: 'Fourgon déco 22 m3', kind: 'van', plate: 'FT-207-LM', driver: 'Inès Marchetti', phone: '+33 6 39 98 21 02', notes: 'Accessoires et mobilier de jeu.' },
  { key: 'electricTruck', name: 'Porteur électro 19 t', kind: 'electricTruck', plate: 'EZ-563-PB', driver: 'Didier Caron', phone: '+33 6 39 98 21 03', notes: 'Hayon 1,5 t, permis C. Tracte le groupe électrogène.' },
  { key: 'gripTruck', name: 'Porteur machino 19 t', kind: 'gripTruck', plate: 'FK-902-TN', driver: 'Moussa Traoré', phone: '+33 6 39 98 21 04', notes: 'Dolly, rails, praticables. Permis C.' },
  { key: 'dressingRoom', name: 'Camion loges 3 cabines', kind: 'dressingRoom', plate: 'DX-771-HJ', driver: 'Patrick Vidal', phone: '+33 6 39 98 21 05', notes: 'Interdit sur voirie à Paris : toujours en base camp.' },
  { key: 'hmc', name: 'Camion HMC (habillage, maquillage, coiffure)', kind: 'hmc', plate: 'GB-336-VS', driver: 'Sandrine Roy', phone: '+33 6 39 98 21 06', notes: '3 postes maquillage, portants costumes.' },
  { key: 'catering', name: 'Camion cantine', kind: 'catering', plate: 'EN-148-RZ', driver: 'Bruno Aubert', phone: '+33 6 39 98 21 07', notes: 'Cuisine complète, 120 couverts chauds.' },
  { key: 'cateringTent', name: 'Tente cantine 6 x 12 m (70 couverts)', kind: 'cateringTent', plate: '', driver: '', phone: '', notes: 'Montée par l\'équipe cantine, transportée dans le camion cantine.' },
  { key: 'generator', name: 'Groupe électrogène 60 kVA insonorisé (tracté)', kind: 'generator', plate: 'FA-625-GK', driver: 'Didier Caron', phone: '+33 6 39 98 21 03', notes: 'Plus de 10 kW : autorisé sur voirie à Paris.' },
  { key: 'productionOffice', name: 'Fourgon régie', kind: 'productionOffice', plate: 'GC-054-BW', driver: 'Lucas Perrin (régisseur adjoint)', phone: '+33 6 39 98 21 08', notes: 'Bureau, imprimante, talkies, premiers secours.' },
  { key: 'pictureCar', name: 'Voiture de jeu – Peugeot 504 break (1978)', kind: 'pictureCar', size: { lengthM: 4.8, widthM: 1.69 }, plate: 'CK-504-TZ', driver: 'Serge Lemaire (convoyeur)', phone: '+33 6 39 98 21 09', notes: "Voiture d'Antoine. Dimensions réelles au lieu du gabarit par défaut." },
  { key: 'minibus', name: 'Minibus 9 places (navette comédiens)', kind: 'other', size: { lengthM: 5.4, widthM: 2.05 }, plate: 'GD-881-NA', driver: 'Aïcha Diallo', phone: '+33 6 39 98 21 10', notes: 'Navette hôtel – loges – plateau.' },
])

type VehicleKey = (typeof VEHICLES)[number]['key']

// ---------------------------------------------------------------------------------------------------------------
// Vehicle plans for the first week. Offsets are metres from the day's first décor; times are minutes relative to
// the call (arrival) and the wrap (departure). In the congested arrondissements (9e, 5e) five technical vehicles
// at most stand on the street; loges, HMC and cantine wait at the base camp.

interface PlacementRow {
  vehicle: VehicleKey
  north: number
  east: number
  heading: number
  street: string
  from: number | null
  to: number | null
  side: '' | 'even' | 'odd'
  arrive: number
  leave: number
  notes?: string
}

const PLAN_MARTYRS: PlacementRow[] = [
  { vehicle: 'cameraVan', north: 15, east: 4, heading: 352, street: 'Rue des Martyrs', from: 49, to: 53, side: 'odd', arrive: -60, leave: 45, notes: 'Déchargement devant le 47, reste sur place (ventousage).' },
  { vehicle: 'electricTruck', north: 160, east: 70, heading: 92, street: 'Avenue Trudaine', from: 2, to: 10, side: 'even', arrive: -90, leave: 60 },
  { vehicle: 'gripTruck', north: 160, east: 130, heading: 92, street: 'Avenue Trudaine', from: 12, to: 20, side: 'even', arrive: -90, leave: 60 },
  { vehicle: 'generator', north: 150, east: 40, heading: 272, street: 'Avenue Trudaine', from: 1, to: 3, side: 'odd', arrive: -90, leave: 60, notes: 'Câbles par la cour du 47, passe-câbles sur le trottoir.' },
  { vehicle: 'productionOffice', north: 40, east: -90, heading: 270, street: 'Rue Clauzel', from: 2, to: 6, side: 'even', arrive: -75, leave: 90 },
  { vehicle: 'dressingRoom', north: 330, east: 150, heading: 80, street: 'Boulevard de Rochechouart (terre-plein)', from: 56, to: 62, side: '', arrive: -120, leave: 30 },
  { vehicle: 'hmc', north: 335, east: 110, heading: 80, street: 'Boulevard de Rochechouart (terre-plein)', from: 52, to: 56, side: '', arrive: -120, leave: 45 },
  { vehicle: 'catering', north: 345, east: 200, heading: 80, street: 'Boulevard de Rochechouart (terre-plein)', from: 62, to: 66, side: '', arrive: -150, leave: 30 },
  { vehicle: 'cateringTent', north: 360, east: 205, heading: 80, street: 'Boulevard de Rochechouart (terre-plein)', from: 62, to: 66, side: '', arrive: -150, leave: 30 },
  { vehicle: 'minibus', north: 325, east: 60, heading: 80, street: 'Boulevard de Rochechouart', from: 48, to: 50, side: 'even', arrive: -90, leave: 30 },
]

const PLAN_MARTYRS_EXT: PlacementRow[] = [
  ...PLAN_MARTYRS,
  { vehicle: 'pictureCar', north: -8, east: -3, heading: 172, street: 'Rue des Martyrs', from: 45, to: 47, side: 'odd', arrive: -30, leave: 0, notes: 'Voiture de jeu, séq. 5.' },
]

const PLAN_MENILMONTANT: PlacementRow[] = [
  { vehicle: 'cameraVan', north: 8, east: 25, heading: 68, street: 'Rue de Ménilmontant', from: 120, to: 124, side: 'even', arrive: -60, leave: 45 },
  { vehicle: 'electricTruck', north: 70, east: 95, heading: 160, street: 'Rue Sorbier', from: 2, to: 12, side: 'even', arrive: -90, leave: 60 },
  { vehicle: 'gripTruck', north: 110, east: 105, heading: 160, street: 'Rue Sorbier', from: 14, to: 24, side: 'even', arrive: -90, leave: 60 },
  { vehicle: 'generator', north: 55, east: 85, heading: 160, street: 'Rue Sorbier', from: 1, to: 3, side: 'odd', arrive: -90, leave: 60 },
  { vehicle: 'productionOffice', north: -10, east: 60, heading: 248, street: 'Rue de Ménilmontant', from: 125, to: 129, side: 'odd', arrive: -75, leave: 90 },
  { vehicle: 'decoVan', north: 120, east: -20, heading: 20, street: 'Rue des Cascades', from: 2, to: 6, side: 'even', arrive: -90, leave: 30 },
  { vehicle: 'dressingRoom', north: -400, east: -450, heading: 160, street: 'Boulevard de Ménilmontant (terre-plein)', from: 40, to: 48, side: '', arrive: -120, leave: 30 },
  { vehicle: 'hmc', north: -420, east: -445, heading: 160, street: 'Boulevard de Ménilmontant (terre-plein)', from: 48, to: 52, side: '', arrive: -120, leave: 45 },
  { vehicle: 'catering', north: -445, east: -435, heading: 160, street: 'Boulevard de Ménilmontant (terre-plein)', from: 52, to: 58, side: '', arrive: -150, leave: 30 },
  { vehicle: 'cateringTent', north: -450, east: -420, heading: 160, street: 'Boulevard de Ménilmontant (terre-plein)', from: 52, to: 58, side: '', arrive: -150, leave: 30 },
  { vehicle: 'minibus', north: -380, east: -455, heading: 160, street: 'Boulevard de Ménilmontant', from: 39, to: 41, side: 'odd', arrive: -90, leave: 30 },
]

const PLAN_TOURNELLE: PlacementRow[] = [
  { vehicle: 'cameraVan', north: 25, east: -30, heading: 295, street: 'Quai de la Tournelle', from: 37, to: 41, side: 'odd', arrive: -60, leave: 45 },
  { vehicle: 'electricTruck', north: 15, east: 40, heading: 295, street: 'Quai de la Tournelle', from: 43, to: 55, side: 'odd', arrive: -90, leave: 60 },
  { vehicle: 'gripTruck', north: 5, east: 75, heading: 295, street: 'Quai de la Tournelle', from: 57, to: 65, side: 'odd', arrive: -90, leave: 60, notes: 'Rails du travelling descendus par la rampe.' },
  { vehicle: 'generator', north: 30, east: -55, heading: 295, street: 'Quai de la Tournelle', from: 33, to: 35, side: 'odd', arrive: -90, leave: 60 },
  { vehicle: 'productionOffice', north: 90, east: 10, heading: 200, street: 'Rue de Pontoise', from: 2, to: 6, side: 'even', arrive: -75, leave: 90 },
  { vehicle: 'dressingRoom', north: -380, east: 600, heading: 125, street: 'Quai Saint-Bernard (contre-allée)', from: null, to: null, side: '', arrive: -120, leave: 30, notes: 'Le long du jardin Tino-Rossi, hors voie de circulation.' },
  { vehicle: 'hmc', north: -395, east: 620, heading: 125, street: 'Quai Saint-Bernard (contre-allée)', from: null, to: null, side: '', arrive: -120, leave: 45 },
  { vehicle: 'catering', north: -410, east: 640, heading: 125, street: 'Quai Saint-Bernard (contre-allée)', from: null, to: null, side: '', arrive: -150, leave: 30 },
  { vehicle: 'cateringTent', north: -420, east: 660, heading: 125, street: 'Jardin Tino-Rossi (allée haute)', from: null, to: null, side: '', arrive: -150, leave: 30 },
  { vehicle: 'minibus', north: -365, east: 580, heading: 125, street: 'Quai Saint-Bernard (contre-allée)', from: null, to: null, side: '', arrive: -90, leave: 30 },
]

const PLACEMENT_DAYS: Array<{ day: number; decor: LocationKey; plan: PlacementRow[] }> = [
  { day: 1, decor: 'apartJeanne', plan: PLAN_MARTYRS },
  { day: 2, decor: 'apartJeanne', plan: PLAN_MARTYRS },
  { day: 3, decor: 'apartJeanne', plan: PLAN_MARTYRS_EXT },
  { day: 4, decor: 'cafeMenilmontant', plan: PLAN_MENILMONTANT },
  { day: 5, decor: 'quaiTournelle', plan: PLAN_TOURNELLE },
]

// ---------------------------------------------------------------------------------------------------------------
// Authorities and permit requests. Lead times are the DOMAIN.md defaults (editable in the app).

interface AuthorityRow<K extends string = string> {
  key: K
  name: string
  kind: 'cityHall' | 'prefecture' | 'sncf' | 'ratp' | 'airport' | 'monument' | 'park' | 'privateOwner' | 'other'
  leadTime: number
  leadTimeUnit: 'workingDays' | 'calendarDays'
  contactName: string
  phone: string
  email: string
  website: string
  notes: string
}

const defineAuthorities = <const K extends string>(rows: AuthorityRow<K>[]) => rows

const AUTHORITIES = defineAuthorities([
  {
    key: 'parisFilm', name: 'Paris Film – Mairie de Paris', kind: 'cityHall', leadTime: 15, leadTimeUnit: 'workingDays',
    contactName: 'Bureau des tournages', phone: '+33 1 99 00 40 01', email: 'tournages@paris-film.example', website: 'https://www.parisfilm.fr',
    notes: 'Demande en ligne 15 jours ouvrés avant le premier jour (depuis septembre 2024). Déclaration légère une semaine avant sous 10 personnes.',
  },
  {
    key: 'prefecture', name: 'Préfecture de police – bureau des tournages', kind: 'prefecture', leadTime: 15, leadTimeUnit: 'workingDays',
    contactName: 'Direction de l\'ordre public et de la circulation', phone: '+33 1 99 00 40 02', email: 'tournages@prefecture.example', website: 'https://www.prefecturedepolice.interieur.gouv.fr',
    notes: 'Blocages de circulation, travail de nuit, effets spéciaux, armes factices.',
  },
  {
    key: 'sncf', name: 'SNCF Gares & Connexions – tournages', kind: 'sncf', leadTime: 15, leadTimeUnit: 'calendarDays',
    contactName: 'Pôle tournages', phone: '+33 1 99 00 30 11', email: 'tournages@gares.example', website: 'https://www.garesetconnexions.sncf',
    notes: 'Au moins 15 jours ; 3 à 6 semaines avec du personnel SNCF ou des trains mis à disposition.',
  },
  {
    key: 'ratp', name: 'RATP – service des tournages', kind: 'ratp', leadTime: 21, leadTimeUnit: 'calendarDays',
    contactName: 'Service des tournages', phone: '+33 1 99 00 30 21', email: 'tournages@ratp.example', website: 'https://www.ratp.fr',
    notes: 'Délai indicatif, à confirmer selon la station. Rame et conducteur facturés en sus.',
  },
  {
    key: 'adp', name: 'Groupe ADP – Paris-Orly', kind: 'airport', leadTime: 45, leadTimeUnit: 'calendarDays',
    contactName: 'Service tournages et événements', phone: '+33 1 99 00 30 31', email: 'tournages@adp.example', website: 'https://www.parisaeroport.fr',
    notes: 'Compter 1 à 3 mois. Badges nominatifs pour toute l\'équipe et la figuration.',
  },
  {
    key: 'cmn', name: 'Centre des monuments nationaux', kind: 'monument', leadTime: 15, leadTimeUnit: 'calendarDays',
    contactName: 'Service des tournages', phone: '+33 1 99 00 30 71', email: 'tournages@monuments.example', website: 'https://www.monuments-nationaux.fr',
    notes: 'Au moins 15 jours. Plan de protection des sols et liste nominative demandés.',
  },
  {
    key: 'parks', name: 'Ville de Paris – Direction des espaces verts (parcs et jardins)', kind: 'park', leadTime: 15, leadTimeUnit: 'workingDays',
    contactName: 'Conservation des parcs de l\'Est', phone: '+33 1 99 00 30 61', email: 'parcs@paris-film.example', website: 'https://www.paris.fr',
    notes: 'Véhicules de moins de 3,5 t dans les parcs, pas de tournage sur pelouse détrempée.',
  },
  {
    key: 'towerOwner', name: 'SCI Alizé Défense (propriétaire de la tour Alizé)', kind: 'privateOwner', leadTime: 10, leadTimeUnit: 'calendarDays',
    contactName: 'Julien Roux', phone: '+33 6 39 98 10 81', email: 'j.roux@alize-defense.example', website: '',
    notes: 'Contrat de mise à disposition ; attestation d\'assurance exigée à la signature.',
  },
])

type AuthorityKey = (typeof AUTHORITIES)[number]['key']

interface PermitRow {
  title: string
  authority: AuthorityKey
  decors: LocationKey[]
  days: number[]
  status: PermitStatus
  places: string
  cameraDirection: string
  hours: string
  backupDay?: number
  crewSize: number
  equipment: string
  vehicleCount: number
  parkingToReserve: string
  trafficBlocking?: string
  specialEffects?: string
  nightWork?: boolean
  minors?: boolean
  animals?: boolean
  reference?: string
  fee?: number
  notes?: string
}

const PERMITS: PermitRow[] = [
  {
    title: 'Rue des Martyrs – appartement et façade (J1 à J3)', authority: 'parisFilm', decors: ['apartJeanne', 'rueMartyrs'], days: [1, 2, 3],
    status: 'orderReceived', places: '47 rue des Martyrs (intérieur 4e étage, façade et trottoir du n° 45 au n° 53), avenue Trudaine, rue Clauzel',
    cameraDirection: 'Intérieur : vers les fenêtres sur rue. Extérieur J3 : depuis le trottoir pair vers le n° 47, axe nord.',
    hours: '07h00 – 20h00', crewSize: 45, equipment: 'Caméra sur pied et Easyrig, projecteurs LED dans l\'appartement, groupe 60 kVA avenue Trudaine.',
    vehicleCount: 5, parkingToReserve: 'Avenue Trudaine du n° 1 au n° 3 (impair) et du n° 2 au n° 20 (pair), rue Clauzel n° 2 à 6, rue des Martyrs n° 49 à 53 (J3).',
    trafficBlocking: 'Aucun blocage ; arrêts piétons de 2 minutes au plus le J3, tenus par les régisseurs.', minors: true,
    reference: 'PF-{year}-04817', fee: 1240, notes: 'Arrêté reçu ; avis aux riverains affiché 8 jours avant.',
  },
  {
    title: 'Rue des Martyrs – nuit sous la pluie (J12)', authority: 'prefecture', decors: ['rueMartyrs'], days: [12], status: 'granted',
    places: 'Rue des Martyrs entre la rue Clauzel et l\'avenue Trudaine', cameraDirection: 'Vers le nord, depuis le n° 41 ; contrechamp vers le sud.',
    hours: '15h00 – 03h00 (travail de nuit de 22h à 3h)', crewSize: 50, equipment: 'Ballon éclairant 4 kW, camion-citerne 8 m3 pour la pluie, machine à fumée légère.',
    vehicleCount: 6, parkingToReserve: 'Avenue Trudaine (pair et impair), rue des Martyrs n° 41 à 53 (impair).',
    trafficBlocking: 'Coupures de circulation de 3 minutes au plus rue des Martyrs, sous le contrôle de la police.',
    specialEffects: 'Pluie artificielle sur 15 m de trottoir, eaux récupérées ; fumée légère.', nightWork: true,
    reference: 'PP-DOPC-{year}-1193', fee: 850, notes: 'Deux agents de police facturés. Avis aux riverains à distribuer 8 jours avant.',
  },
  {
    title: 'Quai de la Tournelle et bas-port (J5)', authority: 'parisFilm', decors: ['quaiTournelle'], days: [5], status: 'granted',
    places: 'Port de la Tournelle (bas-port) et quai de la Tournelle du n° 33 au n° 65', cameraDirection: 'Vers l\'ouest et Notre-Dame, depuis la berge.',
    hours: '06h00 – 21h00', backupDay: 14, crewSize: 40, equipment: 'Travelling 20 m sur la berge, réflecteurs, groupe sur le quai haut.',
    vehicleCount: 5, parkingToReserve: 'Quai de la Tournelle côté impair du n° 33 au n° 65, rue de Pontoise n° 2 à 6.',
    reference: 'PF-{year}-05102', fee: 620,
  },
  {
    title: 'Pont de la Tournelle – fermeture à la circulation (J5)', authority: 'prefecture', decors: ['quaiTournelle'], days: [5], status: 'refused',
    places: 'Pont de la Tournelle', cameraDirection: 'Depuis le pont vers l\'amont.', hours: '08h00 – 12h00', crewSize: 40,
    equipment: 'Voiture de jeu, caméra sur voiture travelling.', vehicleCount: 2, parkingToReserve: 'Aucun.',
    trafficBlocking: 'Fermeture du pont 10 minutes toutes les heures.',
    notes: 'Refusé : axe prioritaire pour les secours. Plan B : plans du pont depuis la berge, sans blocage.',
  },
  {
    title: "Gare de l'Est – quais grandes lignes (J6 et J7)", authority: 'sncf', decors: ['gareEst'], days: [6, 7], status: 'orderReceived',
    places: 'Quai des voies 7-8 et hall Alsace', cameraDirection: 'Le long du quai vers la tête du train ; hall vers la verrière.',
    hours: 'J6 07h00 – 18h00 ; J7 05h30 – 13h30', crewSize: 55, equipment: 'Steadicam, LED sur batteries uniquement sur les quais.',
    vehicleCount: 4, parkingToReserve: 'Rue d\'Alsace, 4 emplacements de livraison.',
    reference: 'SNCF-GC-{year}-0342', fee: 6800, notes: 'Convention signée ; agent accompagnateur facturé en plus.',
  },
  {
    title: 'Station Porte des Lilas – Cinéma (J8)', authority: 'ratp', decors: ['metroLilas'], days: [8], status: 'granted',
    places: 'Quai et couloir de correspondance', cameraDirection: 'Depuis le quai vers la rame d\'en face.', hours: '08h00 – 16h30',
    crewSize: 35, equipment: 'Tubes LED, caméra à l\'épaule.', vehicleCount: 4, parkingToReserve: 'Boulevard Sérurier, 4 emplacements.',
    reference: 'RATP-TOUR-{year}-118', fee: 4200, notes: 'Rame de service avec conducteur RATP, 6 allers-retours.',
  },
  {
    title: 'Parc des Buttes-Chaumont – bord du lac (J9 et J10)', authority: 'parks', decors: ['buttesChaumont'], days: [9, 10], status: 'granted',
    places: 'Rive sud du lac, pelouse Botzaris, allée vers le temple de la Sibylle', cameraDirection: 'Vers l\'île et le temple, depuis la rive sud.',
    hours: '07h00 – 20h00', backupDay: 13, crewSize: 50, equipment: 'Dolly sur plaques de roulage, Technocrane 22 (J10).',
    vehicleCount: 3, parkingToReserve: 'Rue Manin du n° 2 au n° 20 (pair).', animals: true,
    reference: 'DEVE-{year}-0275', fee: 1500, notes: 'Chien de Jeanne avec son dresseur.',
  },
  {
    title: 'Conciergerie – salle des Gens d\'armes (J11)', authority: 'cmn', decors: ['conciergerie'], days: [11], status: 'underReview',
    places: 'Salle des Gens d\'armes et salle des Gardes', cameraDirection: 'Allée centrale vers l\'estrade du commissaire-priseur.',
    hours: '07h00 – 15h30 (salle privatisée)', crewSize: 60, equipment: 'Dolly sur plancher, éclairage sur pieds uniquement, aucune fixation.',
    vehicleCount: 3, parkingToReserve: 'Quai de l\'Horloge, 3 emplacements ; quai des Orfèvres pour la base.',
    notes: 'Le CMN demande un plan de protection des sols et la liste nominative de l\'équipe.',
  },
  {
    title: 'Tour Alizé – 28e étage (J13 à J15)', authority: 'towerOwner', decors: ['bureauDefense'], days: [13, 14, 15], status: 'granted',
    places: '28e étage (plateau nord), quai de livraison niveau -2', cameraDirection: 'Vers la façade vitrée et la Grande Arche.',
    hours: '07h00 – 20h00', crewSize: 45, equipment: 'LED, films ND sur vitres, dolly sur roues pneumatiques.', vehicleCount: 2,
    parkingToReserve: 'Quai de livraison (2 porteurs), parking Boieldieu (véhicules légers).',
    reference: 'ALZ-{year}-07', fee: 12000, notes: 'Contrat signé ; attestation d\'assurance transmise.',
  },
  {
    title: 'Cimetière du Père-Lachaise – 89e division (J16 et J17)', authority: 'parisFilm', decors: ['pereLachaise'], days: [16, 17], status: 'sent',
    places: '89e division, avenue Carette et chemin du Repos', cameraDirection: 'Vers la chapelle, depuis l\'avenue Carette.',
    hours: '07h30 – 18h30', crewSize: 50, equipment: 'Plancher et rails, réflecteurs.', vehicleCount: 4,
    parkingToReserve: 'Boulevard de Ménilmontant côté cimetière (4 véhicules), avenue Gambetta (base).',
  },
  {
    title: 'Paris-Orly – hall des départs Orly 3 (J18 et J19)', authority: 'adp', decors: ['orly'], days: [18, 19], status: 'underReview',
    places: 'Hall des départs Orly 3, comptoirs B', cameraDirection: 'Vers les comptoirs d\'enregistrement, façade vitrée en fond.',
    hours: '05h30 – 14h30', crewSize: 55, equipment: 'Steadicam, LED sur batteries, valises de figuration.', vehicleCount: 6,
    parkingToReserve: 'Dépose P0, 6 emplacements ; parking P4 pour les navettes de figuration.',
    notes: 'ADP a demandé la liste nominative des 180 personnes (équipe et figuration) pour les badges.',
  },
  {
    title: 'Toit-terrasse rue de Belleville (J30)', authority: 'parisFilm', decors: ['toitBelleville'], days: [30], status: 'draft',
    places: '122 rue de Belleville (toit) et rue Piat', cameraDirection: 'Vers l\'ouest et tout Paris.', hours: '08h00 – 17h00',
    crewSize: 12, equipment: 'Caméra légère, lumières sur batteries, lignes de vie.', vehicleCount: 3,
    parkingToReserve: 'Rue Piat, 3 emplacements.', notes: 'Moins de 12 personnes sur le toit : déclaration légère possible.',
  },
]

/** How long before `now` each kind of answer was sent, at the latest (days). */
const MIN_AGE_BY_STATUS: Record<PermitStatus, number> = { draft: 0, sent: 2, underReview: 6, granted: 10, refused: 10, orderReceived: 14 }

// ---------------------------------------------------------------------------------------------------------------
// Meals: services owed follow the day type and the call and wrap times.

const CATERERS = {
  paris: { name: 'Cantine Lumière', prices: { breakfast: 6.5, lunch: 16.5, dinner: 17.5, snack: 8 } },
  idf: { name: 'Les Toqués du Plateau', prices: { breakfast: 5.9, lunch: 15.8, dinner: 17, snack: 7.5 } },
} satisfies Record<string, { name: string; prices: Record<MealService, number> }>

const CREW = 44
const PRODUCTION_STAFF = 6

/** A night day wraps after midnight; its main meal is the dinner, with a snack in the small hours. */
function servicesOwed(day: ShootDayRow): MealService[] {
  const call = minutesOf(day.call)
  const wrap = minutesOf(day.wrap)
  const night = wrap < call
  const services: MealService[] = []
  if (call <= 7 * 60 || day.extras >= 40) services.push('breakfast')
  if (!night) services.push('lunch')
  if (night || wrap >= 21 * 60) services.push('dinner')
  if (night || day.dayType === 'continuous') services.push('snack')
  return services
}

const SERVICE_NOTES: Record<MealService, string> = {
  breakfast: 'Commande passée la veille à 19h00 ; café et viennoiseries à la cantine dès l\'arrivée.',
  lunch: '',
  dinner: 'Repas chaud, pause d\'une heure.',
  snack: 'Collation chaude pendant la pause (journée continue ou nuit).',
}

// ---------------------------------------------------------------------------------------------------------------
// Rental houses and what is out with each. `special` items are hired for one day and go back that evening;
// `back` describes their return (what came back and in what state), applied once that day is past.

interface ItemRow {
  name: string
  reference: string
  out: number
  special?: { day: number; back?: number; condition?: 'ok' | 'damaged' | 'missing' | 'incomplete'; note?: string }
}

interface RentalHouseRow {
  name: string
  category: 'camera' | 'lights' | 'grip' | 'sound' | 'vehicles' | 'consumables'
  contactName: string
  phone: string
  email: string
  address: string
  notes: string
  items: ItemRow[]
}

const RENTAL_HOUSES: RentalHouseRow[] = [
  {
    name: 'Objectif Caméras Paris', category: 'camera', contactName: 'Léa Fontaine', phone: '+33 1 99 00 50 01', email: 'location@objectif-cameras.example',
    address: '12 avenue du Président-Wilson, 93200 Saint-Denis', notes: 'Essais caméra la semaine précédant le J1. Retour le lendemain du dernier jour avant 12h.',
    items: [
      { name: 'Caméra ARRI Alexa Mini LF (corps + viseur MVF-2)', reference: 'ALXMLF', out: 2 },
      { name: 'Série ARRI Signature Prime 18-25-35-47-75-125 mm', reference: 'SIGPRIME-6', out: 1 },
      { name: 'Zoom Angénieux Optimo Ultra 12x 36-435 mm', reference: 'OPT-U12X', out: 1, special: { day: 5 } },
      { name: 'Steadicam Tiffen M-2 complet (bras, gilet, moniteur)', reference: 'STD-M2', out: 1, special: { day: 4, condition: 'incomplete', note: 'Câble vidéo 3G-SDI du moniteur manquant : facturé s\'il n\'est pas retrouvé.' } },
      { name: 'Commande de point ARRI WCU-4 + moteurs cforce mini', reference: 'WCU4', out: 2 },
      { name: 'Liaison HF Teradek Bolt 6 XT 750', reference: 'BOLT6XT', out: 2 },
      { name: 'Moniteur SmallHD Cine 7', reference: 'CINE7', out: 3 },
      { name: 'Carte Codex Compact Drive 1 To', reference: 'CCD1TB', out: 6 },
      { name: 'Lecteur Codex Compact Drive Reader', reference: 'CDR', out: 1 },
      { name: 'Batterie Bebob B-Mount 290 Wh', reference: 'BEB-B290', out: 16 },
      { name: 'Matte box ARRI LMB 4x5.65 + filtres ND et Pola Tiffen', reference: 'LMB45', out: 2 },
      { name: 'Tête fluide O\'Connor 2575D', reference: 'OC2575', out: 1 },
      { name: 'Tête à manivelles ARRI Arrihead 2', reference: 'ARRIHEAD2', out: 1 },
    ],
  },
  {
    name: 'Lumens Location', category: 'lights', contactName: 'Olivier Brun', phone: '+33 1 99 00 50 11', email: 'devis@lumens-location.example',
    address: '27 rue Lavoisier, 93100 Montreuil', notes: 'Renforts livrés et repris sur le décor par le loueur.',
    items: [
      { name: 'ARRI SkyPanel S60-C', reference: 'S60C', out: 6 },
      { name: 'ARRI SkyPanel S60-C (renfort vitrine du café)', reference: 'S60C-R', out: 4, special: { day: 4, condition: 'damaged', note: 'Diffuseur standard fendu sur un des quatre (n° 4012) : devis de réparation attendu.' } },
      { name: 'ARRI SkyPanel S360-C', reference: 'S360C', out: 2 },
      { name: 'Projecteur HMI ARRI M18 + ballast', reference: 'M18', out: 2 },
      { name: 'Projecteur HMI ARRI M90 + ballast (renfort café)', reference: 'M90', out: 1, special: { day: 4 } },
      { name: 'Astera Titan Tube – kit de 8', reference: 'TITAN8', out: 2 },
      { name: 'Kino Flo Celeb 450 DMX', reference: 'CELEB450', out: 2 },
      { name: 'Mandarine 800 W', reference: 'MAND800', out: 6 },
      { name: 'Blonde 2 kW', reference: 'BLONDE2K', out: 4 },
      { name: 'Boîte de distribution P17 63 A triphasée', reference: 'DIST63', out: 3 },
      { name: 'Prolongateur P17 32 A triphasé 25 m', reference: 'EXT32-25', out: 12 },
      { name: 'Gradateur DMX 6 x 2,5 kW', reference: 'DIM6', out: 1 },
      { name: 'Ballon éclairant Airstar 4 kW (nuit du J12)', reference: 'AIRSTAR4K', out: 1, special: { day: 12 } },
    ],
  },
  {
    name: 'Machinerie du Nord', category: 'grip', contactName: 'Franck Meunier', phone: '+33 1 99 00 50 21', email: 'parc@machinerie-nord.example',
    address: '8 rue de la Montjoie, 93210 Saint-Denis', notes: 'Technocrane avec son technicien, réservée pour le J10.',
    items: [
      { name: 'Dolly Panther Evolution + colonne', reference: 'PAN-EVO', out: 1 },
      { name: 'Dolly Fisher 10 + accessoires', reference: 'FISHER10', out: 1 },
      { name: 'Travelling droit 1 et 2 m (lot de 20 m)', reference: 'TRAV20', out: 1 },
      { name: 'Travelling droit 2 m (renfort bas-port)', reference: 'TRAV2-R', out: 10, special: { day: 5 } },
      { name: 'Cadre 6 x 6 m + toile Ultrabounce', reference: 'CAD6-UB', out: 1, special: { day: 5, condition: 'damaged', note: 'Toile tachée de graisse sur le quai : nettoyage facturé.' } },
      { name: 'Pied Avenger C-Stand 40" avec bras', reference: 'CST40', out: 20 },
      { name: 'Sac de sable 15 kg', reference: 'SAC15', out: 40 },
      { name: 'Drapeau 60 x 90 cm', reference: 'DRAP6090', out: 12 },
      { name: 'Jeu de cubes et demi-cubes', reference: 'CUBES', out: 4 },
      { name: 'Technocrane 22 + tête Libra (avec technicien)', reference: 'TECHNO22', out: 1, special: { day: 10 } },
      { name: 'Passe-câbles 1 m', reference: 'PASSCAB', out: 10 },
    ],
  },
  {
    name: 'Son Direct Location', category: 'sound', contactName: 'Claire Mercier', phone: '+33 1 99 00 50 31', email: 'location@son-direct.example',
    address: '6 rue Saint-Maur, 75011 Paris', notes: 'Talkies de renfort pour les jours de figuration.',
    items: [
      { name: 'Enregistreur Sound Devices 888', reference: 'SD888', out: 1 },
      { name: 'Surface de contrôle Sound Devices CL-16', reference: 'CL16', out: 1 },
      { name: 'Émetteur HF Lectrosonics SMWB', reference: 'SMWB', out: 8 },
      { name: 'Récepteur Lectrosonics DCR822', reference: 'DCR822', out: 4 },
      { name: 'Micro Schoeps CMIT 5U', reference: 'CMIT5U', out: 2 },
      { name: 'Micro Sennheiser MKH 416', reference: 'MKH416', out: 1 },
      { name: 'Micro cravate DPA 4060', reference: 'DPA4060', out: 8 },
      { name: 'Perche Ambient QuickPole QP 5100', reference: 'QP5100', out: 2 },
      { name: 'Suspension et bonnette Rycote Cyclone', reference: 'CYCLONE', out: 2 },
      { name: 'Talkie Motorola DP1400', reference: 'DP1400', out: 20 },
      { name: 'Talkie Motorola DP1400 (renfort figuration)', reference: 'DP1400-R', out: 10, special: { day: 5, back: 9, condition: 'missing', note: 'Un talkie perdu sur la berge (n° 17) : déclaration de perte faite.' } },
      { name: 'Casque Sennheiser HD 25', reference: 'HD25', out: 6 },
    ],
  },
  {
    name: 'Régie Véhicules Cinéma', category: 'vehicles', contactName: 'Thierry Lambert', phone: '+33 1 99 00 50 41', email: 'planning@regie-vehicules.example',
    address: 'ZA des Bordes, 94430 Chennevières-sur-Marne', notes: 'Carburant à la charge de la production ; état des véhicules photographié au départ.',
    items: [
      { name: 'Fourgon caméra 22 m3 aménagé', reference: 'VL-22-CAM', out: 1 },
      { name: 'Fourgon déco 22 m3', reference: 'VL-22-DEC', out: 1 },
      { name: 'Porteur électro 19 t avec hayon', reference: 'PL-19-ELEC', out: 1 },
      { name: 'Porteur machino 19 t avec hayon', reference: 'PL-19-MACH', out: 1 },
      { name: 'Camion loges 3 cabines', reference: 'LOGES-3', out: 1 },
      { name: 'Camion HMC', reference: 'HMC-12', out: 1 },
      { name: 'Groupe électrogène 60 kVA insonorisé tractable', reference: 'GE-60', out: 1 },
      { name: 'Fourgon régie aménagé', reference: 'REGIE-VL', out: 1 },
      { name: 'Minibus 9 places', reference: 'MB-9', out: 1 },
      { name: 'Voiture de jeu Peugeot 504 break 1978 (avec convoyeur)', reference: 'VJ-504', out: 1 },
      { name: 'Jeu de clés et carte carburant', reference: 'CLES', out: 9 },
    ],
  },
  {
    name: 'Gaffer Shop Paris', category: 'consumables', contactName: 'Mehdi Saïdi', phone: '+33 1 99 00 50 51', email: 'commande@gaffer-shop.example',
    address: '3 rue Ganneron, 75018 Paris', notes: 'Consommables vendus (rouleaux entamés non repris) ; borniol, cônes et barrières loués.',
    items: [
      { name: 'Gaffer noir 50 mm (rouleau)', reference: 'GAF-N50', out: 48 },
      { name: 'Gaffer gris 50 mm (rouleau)', reference: 'GAF-G50', out: 24 },
      { name: 'Diffusion Lee 216 (rouleau 1,22 x 7,62 m)', reference: 'LEE216', out: 4 },
      { name: 'Gélatine Lee 204 CTO (rouleau)', reference: 'LEE204', out: 3 },
      { name: 'Gélatine Lee 211 ND 0.9 (rouleau, vitrine du café)', reference: 'LEE211', out: 2 },
      { name: 'Borniol noir 3 x 6 m', reference: 'BORN36', out: 6 },
      { name: 'Protect-sol carton (rouleau de 25 m)', reference: 'PROTSOL', out: 20 },
      { name: 'Piles AA Procell (boîte de 24)', reference: 'AA24', out: 10 },
      { name: 'Cône de signalisation 75 cm', reference: 'CONE75', out: 20, special: { day: 5, back: 18, condition: 'missing', note: 'Deux cônes disparus quai de la Tournelle.' } },
      { name: 'Barrière Vauban', reference: 'VAUBAN', out: 30, special: { day: 10 } },
    ],
  },
]

// ---------------------------------------------------------------------------------------------------------------
// Entry condition reports (états des lieux d'entrée), done the working day before the first day in the décor.

type Zone = 'parquet' | 'skirting' | 'doorFrames' | 'stairs' | 'marble' | 'carpets' | 'walls' | 'windows' | 'furniture'

interface ConditionReportRow {
  decor: LocationKey
  beforeDay: number
  rooms: Array<{ name: string; zones: Zone[]; condition: string; defects: string[] }>
  keys: string
  electricityMeter: string
  waterMeter: string
  gasMeter: string
  ownerName: string
  managerName: string
  notes: string
}

const CONDITION_REPORTS: ConditionReportRow[] = [
  {
    decor: 'apartJeanne', beforeDay: 1,
    rooms: [
      {
        name: 'Entrée et couloir', zones: ['parquet', 'doorFrames', 'walls'], condition: 'Parquet chêne ciré en bon état, chambranles repeints récemment.',
        defects: ['Rayure de 15 cm sur le parquet devant la porte de la cuisine', 'Éclat de peinture sur le chambranle de la porte d\'entrée, côté gonds'],
      },
      {
        name: 'Séjour', zones: ['parquet', 'skirting', 'marble', 'windows', 'furniture'], condition: 'Parquet point de Hongrie, moulures, cheminée en marbre blanc.',
        defects: ['Tache claire sur le parquet près de la fenêtre gauche', 'Vitre de la fenêtre droite fêlée en bas à droite (déjà signalée par la propriétaire)', 'Éclat au coin gauche du marbre de la cheminée'],
      },
      { name: 'Chambre de Jeanne', zones: ['parquet', 'walls', 'furniture'], condition: 'Bon état général.', defects: ['Papier peint décollé au-dessus du radiateur'] },
      { name: 'Cuisine', zones: ['walls', 'furniture'], condition: 'Propre, électroménager en service.', defects: ['Poignée du placard haut gauche manquante'] },
      {
        name: 'Escalier de l\'immeuble (parties communes)', zones: ['stairs', 'carpets', 'walls'], condition: 'Tapis d\'escalier rouge fixé par tringles en laiton, du rez-de-chaussée au 4e.',
        defects: ['Tringle du palier du 2e desserrée'],
      },
    ],
    keys: '2 jeux (appartement + badge Vigik) et 1 clé de cave remis par Mme Morel',
    electricityMeter: 'Linky – index 45 872 kWh', waterMeter: 'Eau froide – 1 283,4 m3', gasMeter: 'Gaz – 8 917 m3',
    ownerName: 'Hélène Morel', managerName: 'Karim Benhadj (régisseur général)',
    notes: 'État des lieux contradictoire, photos 1 à 24 au dossier. Dépôt de garantie 3 000 € par chèque, non encaissé.',
  },
  {
    decor: 'bureauDefense', beforeDay: 13,
    rooms: [
      { name: 'Palier des ascenseurs (28e)', zones: ['marble', 'walls'], condition: 'Sol en marbre gris poli, parois en verre.', defects: ['Rayure sur la porte de l\'ascenseur n° 3'] },
      {
        name: 'Plateau de bureaux (open space)', zones: ['carpets', 'furniture', 'windows'], condition: 'Moquette en dalles, 40 postes de travail.',
        defects: ['Deux dalles de moquette tachées près du poste 12', 'Store électrique de la baie 4 bloqué en position basse'],
      },
      { name: 'Bureau d\'Antoine', zones: ['carpets', 'furniture', 'windows', 'doorFrames'], condition: 'Bureau d\'angle vitré, mobilier de direction.', defects: ['Accoudoir du fauteuil de direction fendu'] },
      { name: 'Salle de réunion', zones: ['furniture', 'walls'], condition: 'Table 12 places, écran mural.', defects: [] },
    ],
    keys: '6 badges d\'accès nominatifs remis par le PC sécurité (caution 50 € par badge)',
    electricityMeter: 'Sans objet (compteur général de la tour)', waterMeter: 'Sans objet', gasMeter: 'Sans objet',
    ownerName: 'Julien Roux (SCI Alizé Défense)', managerName: 'Lucas Perrin (régisseur adjoint)',
    notes: 'Plan de protection : Protect-sol sur tout le cheminement du monte-charge au plateau.',
  },
]

// ---------------------------------------------------------------------------------------------------------------
// Builders.

/** Ids are UUIDv7 from one clock reading, stepped by a millisecond per record so they sort in build order. */
function idSequence(startMs: number): () => string {
  let step = 0
  return () => newId(startMs + step++)
}

export function buildDemoProduction(options: DemoOptions): DemoProduction {
  const { startDate } = options
  if (!ISO_DATE.test(startDate) || Number.isNaN(utcMs(startDate)) || weekday(startDate) !== 1) {
    throw new Error(`Demo startDate must be a Monday written yyyy-mm-dd, got "${startDate}"`)
  }
  const now = options.now ?? `${addDays(startDate, -21)}T06:00:00.000Z`
  const nowMs = Date.parse(now)
  if (Number.isNaN(nowMs)) throw new Error(`Demo now must be an ISO date-time, got "${now}"`)
  const today = isoDay(nowMs)

  const nextId = idSequence(nowMs)
  const productionId = nextId()
  const records: DemoRecord[] = []
  const add = (entity: EntityName, fields: Record<string, unknown>, id = nextId()): string => {
    records.push({ entity, record: { id, productionId, createdAt: now, updatedAt: now, deletedAt: null, ...fields } })
    return id
  }

  const dates = workingDaysFrom(startDate, SHOOT_DAYS.length)
  const dateOf = (day: number) => dates[day - 1]!
  const year = dateOf(1).slice(0, 4)

  const locationIds = new Map<LocationKey, string>()
  const locationByKey = new Map<LocationKey, LocationRow<LocationKey>>()
  for (const { key, ...fields } of LOCATIONS) {
    locationIds.set(key, add('location', { ...fields, rooms: fields.rooms ?? [], accessCodes: fields.accessCodes ?? '' }))
    locationByKey.set(key, { key, ...fields })
  }
  const locationId = (key: LocationKey) => locationIds.get(key)!

  const dayIds = SHOOT_DAYS.map((day, index) =>
    add('shootDay', {
      number: index + 1,
      date: dates[index],
      dayType: day.dayType,
      callTime: day.call,
      wrapTime: day.wrap,
      locationIds: day.decors.map(locationId),
      notes: `${day.scenes} Base camp : ${BASE_CAMPS[day.decors[0]!] ?? 'à définir'}.`,
    }),
  )
  const dayId = (day: number) => dayIds[day - 1]!

  const vehicleIds = new Map<VehicleKey, string>()
  for (const { key, size, ...fields } of VEHICLES) {
    vehicleIds.set(key, add('vehicle', { ...fields, ...(size ?? DEFAULT_FOOTPRINTS[fields.kind]) }))
  }

  for (const { day, decor, plan } of PLACEMENT_DAYS) {
    const { lat, lng } = locationByKey.get(decor)!
    const { call, wrap } = SHOOT_DAYS[day - 1]!
    for (const row of plan) {
      add('placement', {
        vehicleId: vehicleIds.get(row.vehicle)!,
        shootDayId: dayId(day),
        locationId: locationId(decor),
        ...offsetPoint(lat, lng, row.north, row.east),
        heading: row.heading,
        arrival: clock(minutesOf(call) + row.arrive),
        departure: clock(minutesOf(wrap) + row.leave),
        street: row.street,
        fromNumber: row.from,
        toNumber: row.to,
        side: row.side,
        notes: row.notes ?? '',
      })
    }
  }

  const authorityIds = new Map<AuthorityKey, string>()
  const authorityByKey = new Map<AuthorityKey, AuthorityRow>()
  for (const { key, ...fields } of AUTHORITIES) {
    authorityIds.set(key, add('authority', fields))
    authorityByKey.set(key, { key, ...fields })
  }

  for (const permit of PERMITS) {
    const authority = authorityByKey.get(permit.authority)!
    add('permit', {
      title: permit.title,
      authorityId: authorityIds.get(permit.authority)!,
      locationIds: permit.decors.map(locationId),
      shootDayIds: permit.days.map(dayId),
      status: permit.status,
      shootType: 'feature',
      synopsis: SYNOPSIS,
      places: permit.places,
      cameraDirection: permit.cameraDirection,
      hours: `${permit.days.map((day) => frenchDate(dateOf(day))).join(', ')} – ${permit.hours}`,
      backupDates: permit.backupDay ? `Repli météo : ${frenchDate(dateOf(permit.backupDay))} (J${permit.backupDay}, jour intérieur échangé)` : '',
      crewSize: permit.crewSize,
      equipment: permit.equipment,
      vehicleCount: permit.vehicleCount,
      parkingToReserve: permit.parkingToReserve,
      trafficBlocking: permit.trafficBlocking ?? '',
      specialEffects: permit.specialEffects ?? '',
      nightWork: permit.nightWork ?? false,
      minors: permit.minors ?? false,
      animals: permit.animals ?? false,
      ...REGIE_CONTACT,
      insuranceCertificate: permit.status !== 'draft',
      reference: permit.reference?.replace('{year}', year) ?? '',
      fee: permit.fee ?? null,
      sentOn: permit.status === 'draft' ? '' : permitSentOn(dateOf(permit.days[0]!), authority, permit.status, today),
      notes: permit.notes ?? '',
    })
  }

  let orderedCents = 0
  SHOOT_DAYS.forEach((day, index) => {
    const number = index + 1
    const decor = locationByKey.get(day.decors[0]!)!
    const caterer = decor.city === 'Paris' ? CATERERS.paris : CATERERS.idf
    const past = dateOf(number) < today
    for (const service of servicesOwed(day)) {
      const expected = expectedCovers(day, service)
      const total = totalCovers(expected)
      orderedCents += total * Math.round(caterer.prices[service] * 100)
      add('meal', {
        shootDayId: dayId(number),
        service,
        expected,
        served: past ? servedCovers(expected, number) : {},
        vegetarian: Math.round(total * 0.12),
        vegan: Math.round(total * 0.03),
        glutenFree: Math.max(1, Math.round(total * 0.02)),
        allergies: 2,
        allergyNote: 'Arachide (1, équipe électro) ; fruits de mer (1, comédienne)',
        caterer: caterer.name,
        place: BASE_CAMPS[day.decors[0]!] ?? '',
        unitPrice: caterer.prices[service],
        // Past cut-offs lock the orders of the days already shot.
        cutoffAt: defaultCutoff(service, dateOf(number)),
        notes: SERVICE_NOTES[service],
      }, mealId(dayId(number), service))
    }
  })

  const mainDueDate = workingDaysFrom(addDays(dateOf(SHOOT_DAYS.length), 1), 1)[0]!
  for (const { items, ...house } of RENTAL_HOUSES) {
    const rentalHouseId = add('rentalHouse', { ...house, dueDate: mainDueDate })
    for (const item of items) {
      const dueDate = item.special ? dateOf(item.special.day) : mainDueDate
      const returned = item.special !== undefined && dueDate < today
      add('inventoryItem', {
        rentalHouseId,
        name: item.name,
        reference: item.reference,
        quantityOut: item.out,
        quantityBack: returned ? (item.special?.back ?? item.out) : 0,
        condition: returned ? (item.special?.condition ?? 'ok') : 'ok',
        dueDate,
        note: returned ? (item.special?.note ?? '') : '',
      })
    }
  }

  for (const report of CONDITION_REPORTS) {
    add('conditionReport', {
      locationId: locationId(report.decor),
      phase: 'entry',
      date: earliest(workingDaysBefore(dateOf(report.beforeDay), 1), today),
      rooms: report.rooms,
      keys: report.keys,
      electricityMeter: report.electricityMeter,
      waterMeter: report.waterMeter,
      gasMeter: report.gasMeter,
      ownerName: report.ownerName,
      managerName: report.managerName,
      notes: report.notes,
    })
  }

  const production = {
    id: productionId, productionId, createdAt: now, updatedAt: now, deletedAt: null,
    ...PRODUCTION,
    startDate: dateOf(1),
    endDate: dateOf(SHOOT_DAYS.length),
    // The catering line of the budget: what the orders cost, with a thin margin, rounded to the thousand.
    mealBudget: Math.ceil((orderedCents / 100) * 1.02 / 1000) * 1000,
    // Who residents call: printed on the residents' notices.
    regieContact: REGIE_CONTACT.contactName,
    regiePhone: REGIE_CONTACT.contactPhone,
  }
  return { production, records }
}

/** Sent in time for the authority's lead time (with a few days' margin), and never after `now`. */
function permitSentOn(firstDay: string, authority: AuthorityRow, status: PermitStatus, today: string): string {
  const margin = 3
  const inTime = authority.leadTimeUnit === 'workingDays'
    ? workingDaysBefore(firstDay, authority.leadTime + margin)
    : addDays(firstDay, -(authority.leadTime + margin))
  return earliest(inTime, addDays(today, -MIN_AGE_BY_STATUS[status]))
}

function expectedCovers(day: ShootDayRow, service: MealService): Record<'crew' | 'cast' | 'extras' | 'production' | 'guests', number> {
  const crew = CREW + (day.extras >= 60 ? 4 : 0) // régie and HMC reinforcements on big crowd days
  const guests = service === 'lunch' || service === 'dinner' ? (day.guests ?? 0) : 0
  const extras = service === 'snack' ? 0 : day.extras
  return { crew, cast: day.cast, extras, production: PRODUCTION_STAFF, guests }
}

/** What was counted on set: a few covers fewer than ordered, as on real days (deterministic). */
function servedCovers(expected: Record<'crew' | 'cast' | 'extras' | 'production' | 'guests', number>, dayNumber: number) {
  return {
    crew: expected.crew - (dayNumber % 3 === 0 ? 2 : 1),
    cast: expected.cast,
    extras: Math.max(0, expected.extras - (dayNumber % 4)),
    production: expected.production,
    guests: expected.guests + (dayNumber % 5 === 0 ? 1 : 0),
  }
}
