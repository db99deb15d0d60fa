/** The production form (name, kind, company, dates). Productions are chosen on the home screen. */
import type { Production } from '../../../core/model'
import { PRODUCTION_KINDS } from '../../../core/model/options'
import { byNewest, byText, searchable, type EntityView } from '../records/entityView'

export const productionView: EntityView<Production> = {
  entity: 'production',
  route: 'production',
  tab: 'days',
  sections: [
    {
      key: 'production',
      fields: [
        { key: 'name', kind: 'text', required: true },
        { key: 'kind', kind: 'select', options: PRODUCTION_KINDS, optionsKey: 'productionKind' },
        { key: 'company', kind: 'text' },
        { key: 'regieContact', kind: 'text' },
        { key: 'regiePhone', kind: 'tel' },
        { key: 'city', kind: 'text' },
        { key: 'startDate', kind: 'date' },
        { key: 'endDate', kind: 'date' },
        { key: 'mealBudget', kind: 'number', step: 1 },
        { key: 'notes', kind: 'textarea' },
      ],
    },
  ],
  defaults: () => ({ kind: 'feature', city: 'Paris' }),
  title: (production) => production.name,
  subtitle: (production, _refs, t) =>
    [t(`options.productionKind.${production.kind}`), production.company, production.startDate].filter(Boolean).join(' · '),
  searchText: (production) => searchable(production.name, production.company),
  filters: [],
  sorts: [
    { key: 'recent', compare: byNewest },
    { key: 'name', compare: byText((production) => production.name) },
  ],
}
