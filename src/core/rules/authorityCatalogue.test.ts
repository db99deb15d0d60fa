import { describe, expect, it } from 'vitest'
import { AUTHORITY_KINDS, AuthorityInputSchema } from '../model/permit'
import { validate } from '../model/validate'
import { AUTHORITY_CATALOGUE, catalogueAuthorityId, catalogueAuthorityInput, missingCatalogueEntries } from './authorityCatalogue'
import { permitSendDeadline } from './permitDeadline'

const pid = '0190f5a2-7c1e-7d2a-9b3c-4d5e6f708192'

describe('the authorities catalogue', () => {
  it.each(AUTHORITY_CATALOGUE.map((entry) => [entry.key, entry] as const))('%s is a valid authority record', (_key, entry) => {
    const result = validate(AuthorityInputSchema, catalogueAuthorityInput(entry))
    expect(result).toMatchObject({ ok: true })
    expect(catalogueAuthorityInput(entry)).not.toHaveProperty('key')
    expect(catalogueAuthorityInput(entry)).not.toHaveProperty('recognisedBy')
    // A derived id must fit the 64 characters every record id is allowed.
    expect(catalogueAuthorityId(pid, entry.key).length).toBeLessThanOrEqual(64)
  })

  it('covers the authorities a French shoot asks, each kind but "other", with unique keys', () => {
    expect(new Set(AUTHORITY_CATALOGUE.map((entry) => entry.kind))).toEqual(new Set(AUTHORITY_KINDS.filter((kind) => kind !== 'other')))
    expect(new Set(AUTHORITY_CATALOGUE.map((entry) => entry.key)).size).toBe(AUTHORITY_CATALOGUE.length)
  })

  it('ships the lead times of DOMAIN.md: Paris 15 working days, SNCF and monuments 15 days, airports a month or more', () => {
    const lead = (key: string) => {
      const entry = AUTHORITY_CATALOGUE.find((candidate) => candidate.key === key)!
      return [entry.leadTime, entry.leadTimeUnit]
    }
    expect(lead('parisFilm')).toEqual([15, 'workingDays'])
    expect(lead('sncf')).toEqual([15, 'calendarDays'])
    expect(lead('cmn')).toEqual([15, 'calendarDays'])
    expect(lead('adp')[0]).toBeGreaterThanOrEqual(30)
    // Paris, shoot Monday 2025-05-12: Wednesday 16 April (Easter Monday, 1 and 8 May skipped).
    const paris = AUTHORITY_CATALOGUE.find((entry) => entry.key === 'parisFilm')!
    expect(permitSendDeadline('2025-05-12', paris)).toBe('2025-04-16')
  })
})

describe('missingCatalogueEntries', () => {
  it('offers the whole catalogue to a production with no authority', () => {
    expect(missingCatalogueEntries(pid, [])).toEqual(AUTHORITY_CATALOGUE)
  })

  it('leaves out entries already added, even deleted since, and offers only the rest', () => {
    const existing = [
      { id: catalogueAuthorityId(pid, 'sncf'), name: 'Gares : renommée à la main', kind: 'sncf' },
      { id: catalogueAuthorityId(pid, 'ratp'), name: 'Métro (supprimée depuis)', kind: 'ratp' },
    ]
    const keys = missingCatalogueEntries(pid, existing).map((entry) => entry.key)
    expect(keys).not.toContain('sncf')
    expect(keys).not.toContain('ratp')
    expect(keys).toHaveLength(AUTHORITY_CATALOGUE.length - 2)
    // Another production's records are other ids: its catalogue is still to add.
    expect(missingCatalogueEntries('other-production', existing)).toHaveLength(AUTHORITY_CATALOGUE.length)
  })

  it('recognises authorities typed by hand under the same kind, whatever the case and accents', () => {
    const existing = [
      { id: 'a1', name: 'PREFECTURE DE POLICE – bureau des tournages', kind: 'prefecture' },
      { id: 'a2', name: 'Groupe ADP – Paris-Orly', kind: 'airport' },
      { id: 'a3', name: 'Paris Film – Mairie de Paris', kind: 'cityHall' },
      { id: 'a4', name: 'Centre des Monuments Nationaux', kind: 'monument' },
      { id: 'a5', name: 'Ville de Paris – Direction des espaces verts (parcs et jardins)', kind: 'park' },
      { id: 'a6', name: 'SCI Alizé Défense (propriétaire de la tour)', kind: 'privateOwner' },
      // The same words under another kind are another authority.
      { id: 'a7', name: 'SNCF Immobilier', kind: 'privateOwner' },
    ]
    expect(missingCatalogueEntries(pid, existing).map((entry) => entry.key)).toEqual(['parisLight', 'sncf', 'ratp', 'privateOwner'])
  })

  it('does not take a word inside another word for a name ("radp" is not ADP)', () => {
    const keys = missingCatalogueEntries(pid, [{ id: 'x', name: 'Hangar RADP', kind: 'airport' }]).map((entry) => entry.key)
    expect(keys).toContain('adp')
  })
})
