/** États des lieux: entry and exit condition of a décor, room by room (rooms, photos and signatures on their own page). */
import { REPORT_PHASES, type ConditionReport } from '../../../core/model'
import { byText, searchable, type EntityView } from '../records/entityView'

export const conditionReportView: EntityView<ConditionReport> = {
  entity: 'conditionReport',
  route: 'condition-reports',
  tab: 'returns',
  sections: [
    {
      key: 'report',
      fields: [
        { key: 'locationId', kind: 'ref', ref: 'location', required: true },
        { key: 'phase', kind: 'select', options: REPORT_PHASES, optionsKey: 'reportPhase' },
        { key: 'date', kind: 'date' },
        {
          key: 'rooms',
          kind: 'objectList',
          fields: [
            { key: 'name', kind: 'text', required: true },
            { key: 'condition', kind: 'textarea' },
          ],
        },
      ],
    },
    {
      key: 'handover',
      fields: [
        { key: 'keys', kind: 'text' },
        { key: 'electricityMeter', kind: 'text' },
        { key: 'waterMeter', kind: 'text' },
        { key: 'gasMeter', kind: 'text' },
        { key: 'deposit', kind: 'number' },
        { key: 'depositReturned', kind: 'checkbox' },
        { key: 'ownerName', kind: 'text' },
        { key: 'managerName', kind: 'text' },
        { key: 'notes', kind: 'textarea' },
      ],
    },
  ],
  defaults: () => ({ phase: 'entry', rooms: [] }),
  title: (report, refs) => String(refs('location', report.locationId)?.name ?? '—'),
  subtitle: (report, _refs, t) =>
    [t(`options.reportPhase.${report.phase}`), report.date, t('conditionReports.rooms', { n: report.rooms.length })].filter(Boolean).join(' · '),
  searchText: (report, refs) => searchable(refs('location', report.locationId)?.name, report.ownerName),
  filters: [{ key: 'phase', options: REPORT_PHASES, optionsKey: 'reportPhase' }],
  sorts: [
    { key: 'date', compare: byText((report) => report.date) },
    { key: 'location', compare: byText((report, refs) => String(refs('location', report.locationId)?.name ?? '')) },
  ],
  refEntities: ['location'],
  actions: [
    { key: 'rooms', path: (report) => `condition-reports/${report.id}/rooms` },
    { key: 'compare', path: (report) => `condition-reports/compare/${report.locationId}` },
    { key: 'print', path: (report) => `condition-reports/${report.id}/print` },
  ],
}
