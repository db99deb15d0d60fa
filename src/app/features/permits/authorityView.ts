/** Authorities asked for filming permits, each with its default lead time (working or calendar days). */
import { AUTHORITY_KINDS, LEAD_TIME_UNITS, type Authority } from '../../../core/model'
import { byText, searchable, type EntityView } from '../records/entityView'

export const authorityView: EntityView<Authority> = {
  entity: 'authority',
  route: 'authorities',
  tab: 'permits',
  sections: [
    {
      key: 'authority',
      fields: [
        { key: 'name', kind: 'text', required: true },
        { key: 'kind', kind: 'select', options: AUTHORITY_KINDS, optionsKey: 'authorityKind' },
        { key: 'leadTime', kind: 'integer', required: true },
        { key: 'leadTimeUnit', kind: 'select', options: LEAD_TIME_UNITS, optionsKey: 'leadTimeUnit' },
        { key: 'contactName', kind: 'text' },
        { key: 'phone', kind: 'tel' },
        { key: 'email', kind: 'email' },
        { key: 'website', kind: 'text' },
        { key: 'notes', kind: 'textarea' },
      ],
    },
  ],
  defaults: () => ({ kind: 'cityHall', leadTime: 15, leadTimeUnit: 'workingDays' }),
  title: (authority) => authority.name,
  subtitle: (authority, _refs, t) =>
    [t(`options.authorityKind.${authority.kind}`), t(`options.leadTimeUnit.${authority.leadTimeUnit}`, { n: authority.leadTime })].join(' · '),
  searchText: (authority) => searchable(authority.name, authority.contactName),
  filters: [{ key: 'kind', options: AUTHORITY_KINDS, optionsKey: 'authorityKind' }],
  sorts: [
    { key: 'name', compare: byText((authority) => authority.name) },
    { key: 'leadTime', compare: (a, b) => b.leadTime - a.leadTime },
  ],
}
