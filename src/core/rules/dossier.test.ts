import { describe, expect, it } from 'vitest'
import * as v from 'valibot'
import { LocationSchema, type Location } from '../model/location'
import { PhotoSchema, type Photo } from '../model/photo'
import { ShootDaySchema, type ShootDay } from '../model/shootDay'
import {
  buildDossier, candidateGroups, dmsCoordinates, fullAddress, candidatesFor, mainPhotos, nextShootDay, orderedPhotos, pairs, roomArea, scriptDecorKey,
} from './dossier'

const TODAY = '2025-06-20'
const base = { productionId: 'p1', createdAt: '2025-06-01T08:00:00.000Z', updatedAt: '2025-06-01T08:00:00.000Z' }

const location = (id: string, extra: Record<string, unknown> = {}): Location =>
  v.parse(LocationSchema, { ...base, id, name: `Décor ${id}`, intExt: 'INT', setting: 'natural', status: 'scouted', ...extra })

let photoCount = 0
const photo = (ownerId: string, extra: Record<string, unknown> = {}): Photo =>
  v.parse(PhotoSchema, {
    ...base, id: `ph${++photoCount}`, ownerId, ownerEntity: 'location', sha256: String(photoCount % 10).repeat(64), mime: 'image/jpeg', size: 1000, ...extra,
  })

const day = (id: string, date: string, locationIds: string[], extra: Record<string, unknown> = {}): ShootDay =>
  v.parse(ShootDaySchema, { ...base, id, number: 1, date, dayType: 'normal', locationIds, ...extra })

describe('the dossier of a décor with everything filled in', () => {
  const full = location('l1', {
    scriptDecor: 'APPARTEMENT DE JEANNE – INT', address: '12 rue des Martyrs', city: 'Paris', lat: 48.88, lng: 2.34,
    accessNotes: 'Escalier B', accessCodes: '4812B', parking: 'Rue Condorcet', powerBoard: 'Cave', noise: 'École à 8 h 30',
    lightOrientation: 'Sud-ouest', rooms: [{ name: 'Salon', lengthM: 5.2, widthM: 4.1, ceilingHeightM: 3.1 }, { name: 'Cuisine' }],
    contacts: [{ role: 'owner', name: 'Mme Morel' }], dayRate: 1200, hospital: 'Lariboisière', pharmacy: 'Pharmacie des Martyrs',
    advantages: ['Belle lumière'], nuisances: ['École'], arrangements: ['Tournage après 9 h'], stagingNotes: 'Fenêtre côté cour',
  })
  const photos = [photo('l1', { order: 2 }), photo('other'), photo('l1', { order: 0, stagingNote: 'Contre-champ' }), photo('l1', { order: 1, deletedAt: '2025-06-02T00:00:00.000Z' }), photo('l1', { order: 1 })]
  const dossier = buildDossier({ location: full, photos, shootDays: [day('d1', '2025-06-25', ['l1'])], today: TODAY })

  it('has every section, in the printed order', () => {
    expect(dossier.sections).toEqual(['identity', 'photos', 'situation', 'sun', 'assessment', 'access', 'technical', 'rooms', 'contacts', 'safety', 'staging'])
    expect(dossier.gaps).toEqual([])
  })

  it('prints the décor\'s live photos in their order, two per row', () => {
    expect(dossier.photos.map((p) => p.order)).toEqual([0, 1, 2])
    expect(dossier.photos.every((p) => p.ownerId === 'l1' && !p.deletedAt)).toBe(true)
    expect(dossier.photoRows.map((row) => row.length)).toEqual([2, 1])
  })

  it('gives the facts that are filled in, booleans included', () => {
    expect(dossier.access.map((fact) => fact.key)).toEqual(['accessNotes', 'accessCodes', 'parking'])
    expect(dossier.technical).toEqual([
      { key: 'threePhasePower', value: false }, { key: 'powerBoard', value: 'Cave' }, { key: 'noise', value: 'École à 8 h 30' },
      { key: 'lightOrientation', value: 'Sud-ouest' }, { key: 'pmrAccessible', value: false },
    ])
    expect(dossier.rates).toEqual([{ key: 'dayRate', value: 1200 }])
    expect(dossier.rooms).toEqual([
      { name: 'Salon', lengthM: 5.2, widthM: 4.1, ceilingHeightM: 3.1, areaM2: 21.3 },
      { name: 'Cuisine', lengthM: null, widthM: null, ceilingHeightM: null, areaM2: null },
    ])
  })

  it('studies the sun on the next shoot day at the décor', () => {
    expect(dossier.position).toEqual({ lat: 48.88, lng: 2.34 })
    expect(dossier.sunDate).toBe('2025-06-25')
    expect(dossier.shootDay?.id).toBe('d1')
  })
})

describe('a dossier just started', () => {
  const bare = buildDossier({ location: location('l2'), photos: [], today: TODAY })

  it('still prints, with identity, assessment and technical facts only', () => {
    expect(bare.sections).toEqual(['identity', 'assessment', 'technical'])
    expect(bare.photoRows).toEqual([])
    expect(bare.position).toBeNull()
  })

  it('says what the exam dossier lacks', () => {
    expect(bare.gaps).toEqual(['photos', 'position', 'advantages', 'nuisances', 'arrangements', 'stagingNotes', 'hospital'])
  })

  it('studies the sun today when no shoot day is planned', () => {
    expect(bare.sunDate).toBe(TODAY)
    expect(bare.shootDay).toBeNull()
  })

  it('has a situation block with an address but no GPS, and no sun study', () => {
    const addressOnly = buildDossier({ location: location('l3', { address: '1 place du Tertre' }), photos: [], today: TODAY })
    expect(addressOnly.sections).toContain('situation')
    expect(addressOnly.sections).not.toContain('sun')
  })

  it('counts a staging note on a photo as staging notes', () => {
    const withNote = buildDossier({ location: location('l4'), photos: [photo('l4', { stagingNote: 'Travelling' })], today: TODAY })
    expect(withNote.gaps).not.toContain('stagingNotes')
    expect(withNote.gaps).not.toContain('photos')
  })
})

describe('photos and days', () => {
  it('orders ties by creation time', () => {
    const later = photo('o', { order: 0, createdAt: '2025-06-02T00:00:00.000Z' })
    const earlier = photo('o', { order: 0, createdAt: '2025-06-01T00:00:00.000Z' })
    expect(orderedPhotos('o', [later, earlier]).map((p) => p.id)).toEqual([earlier.id, later.id])
    expect(mainPhotos([later, earlier, photo('x', { order: 3 })]).get('o')?.id).toBe(earlier.id)
  })

  it('pairs items', () => {
    expect(pairs([1, 2, 3, 4, 5])).toEqual([[1, 2], [3, 4], [5]])
    expect(pairs([])).toEqual([])
  })

  it('finds the next shoot day at the décor, today included, skipping deleted days', () => {
    const days = [
      day('past', '2025-06-10', ['l1']), day('elsewhere', '2025-06-21', ['l9']), day('gone', '2025-06-20', ['l1'], { deletedAt: '2025-06-01T00:00:00.000Z' }),
      day('later', '2025-07-01', ['l1']), day('today', TODAY, ['l1', 'l9']),
    ]
    expect(nextShootDay('l1', days, TODAY)?.id).toBe('today')
    expect(nextShootDay('l1', days, '2025-06-21')?.id).toBe('later')
    expect(nextShootDay('l1', days, '2025-08-01')).toBeNull()
  })

  it('writes the city once', () => {
    expect(fullAddress('47 rue des Martyrs, 75009 Paris', 'Paris')).toBe('47 rue des Martyrs, 75009 Paris')
    expect(fullAddress('52 rue Mouffetard', 'Paris 5e')).toBe('52 rue Mouffetard, Paris 5e')
    expect(fullAddress('', 'Évry')).toBe('Évry')
    expect(fullAddress('Rue du Château', '')).toBe('Rue du Château')
  })

  it('writes a GPS point in degrees, minutes and seconds', () => {
    expect(dmsCoordinates(48.879879, 2.339972)).toBe(`48°52'47.6"N 2°20'23.9"E`)
    expect(dmsCoordinates(-33.8568, -0.5, { n: 'N', s: 'S', e: 'E', w: 'O' })).toBe(`33°51'24.5"S 0°30'00.0"O`)
    expect(dmsCoordinates(10.99999, 0)).toBe(`11°00'00.0"N 0°00'00.0"E`)
  })

  it('computes a room area only with both sides', () => {
    expect(roomArea({ lengthM: 3, widthM: 2.55 })).toBe(7.7)
    expect(roomArea({ lengthM: 3, widthM: null })).toBeNull()
  })
})

describe('candidates for one script décor', () => {
  const places = [
    location('a', { name: 'Benali', scriptDecor: 'APPARTEMENT DE JEANNE – INT', status: 'rejected' }),
    location('b', { name: 'Vasseur', scriptDecor: 'Appartement de Jeanne  –  int', status: 'option' }),
    location('c', { name: 'Morel', scriptDecor: 'APPARTEMENT DE JEANNE – INT', status: 'confirmed' }),
    location('d', { name: 'Ancien', scriptDecor: 'APPARTEMENT DE JEANNE – INT', deletedAt: '2025-06-05T00:00:00.000Z' }),
    location('e', { name: 'Quai', scriptDecor: 'QUAI DE SEINE – EXT' }),
    location('f', { name: 'Sans décor' }),
  ]

  it('match whatever the case, accents and spaces', () => {
    expect(scriptDecorKey(' Café  « LE BALTO » ')).toBe(scriptDecorKey('CAFE « le balto »'))
  })

  it('are ranked confirmed first, rejected last, deleted ones left out', () => {
    expect(candidatesFor(places, 'appartement de jeanne – INT').map((l) => l.id)).toEqual(['c', 'b', 'a'])
    expect(candidatesFor(places, '')).toEqual([])
  })

  it('are grouped per script décor, places without one left out', () => {
    const groups = candidateGroups(places)
    expect(groups.map((group) => [group.scriptDecor, group.candidates.map((l) => l.id)])).toEqual([
      ['APPARTEMENT DE JEANNE – INT', ['c', 'b', 'a']],
      ['QUAI DE SEINE – EXT', ['e']],
    ])
  })
})
