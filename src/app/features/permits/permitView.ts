/**
 * Permit requests: everything a request to an authority holds. The status is not a form field: it moves only
 * by the workflow's buttons on the request's page (permit.transition), and a new request starts as a draft.
 */
import { defaultPermitDocuments, PERMIT_DOCUMENT_KINDS, PERMIT_STATUSES, SHOOT_TYPES, type Permit, type PermitStatus } from '../../../core/model'
import { byNewest, byText, searchable, type Badge, type EntityView } from '../records/entityView'

const STATUS_TONES: Record<PermitStatus, Badge['tone']> = {
  draft: 'neutral', sent: 'info', underReview: 'info', granted: 'success', refused: 'danger', orderReceived: 'success',
}

export const permitView: EntityView<Permit> = {
  entity: 'permit',
  route: 'permits',
  tab: 'permits',
  sections: [
    {
      key: 'request',
      fields: [
        { key: 'title', kind: 'text', required: true },
        { key: 'authorityId', kind: 'ref', ref: 'authority', required: true },
        { key: 'locationIds', kind: 'refList', ref: 'location' },
        { key: 'shootDayIds', kind: 'refList', ref: 'shootDay' },
        { key: 'shootType', kind: 'select', options: SHOOT_TYPES, optionsKey: 'shootType' },
        { key: 'synopsis', kind: 'textarea' },
      ],
    },
    {
      key: 'where',
      fields: [
        { key: 'places', kind: 'textarea' },
        { key: 'cameraDirection', kind: 'text' },
        { key: 'hours', kind: 'text' },
        { key: 'backupDates', kind: 'text' },
      ],
    },
    {
      key: 'means',
      fields: [
        { key: 'crewSize', kind: 'integer' },
        { key: 'equipment', kind: 'textarea' },
        { key: 'vehicleCount', kind: 'integer' },
        { key: 'parkingToReserve', kind: 'textarea' },
        { key: 'trafficBlocking', kind: 'textarea' },
        { key: 'specialEffects', kind: 'textarea' },
        { key: 'nightWork', kind: 'checkbox' },
        { key: 'minors', kind: 'checkbox' },
        { key: 'animals', kind: 'checkbox' },
      ],
    },
    {
      key: 'admin',
      fields: [
        { key: 'contactName', kind: 'text' },
        { key: 'contactPhone', kind: 'tel' },
        { key: 'contactEmail', kind: 'email' },
        {
          key: 'documents',
          kind: 'objectList',
          fields: [
            { key: 'kind', kind: 'select', options: PERMIT_DOCUMENT_KINDS, optionsKey: 'permitDocumentKind' },
            { key: 'label', kind: 'text' },
            { key: 'done', kind: 'checkbox' },
          ],
        },
        { key: 'reference', kind: 'text' },
        { key: 'fee', kind: 'number', step: 0.01 },
        { key: 'sentOn', kind: 'date' },
        { key: 'notes', kind: 'textarea' },
      ],
    },
  ],
  defaults: () => ({ status: 'draft', shootType: 'feature', locationIds: [], shootDayIds: [], documents: defaultPermitDocuments() }),
  title: (permit) => permit.title,
  subtitle: (permit, refs) => [refs('authority', permit.authorityId)?.name, permit.reference].filter(Boolean).join(' · '),
  badge: (permit, t) => ({ label: t(`options.permitStatus.${permit.status}`), tone: STATUS_TONES[permit.status] }),
  searchText: (permit, refs) => searchable(permit.title, permit.reference, refs('authority', permit.authorityId)?.name, permit.places),
  filters: [
    { key: 'status', options: PERMIT_STATUSES, optionsKey: 'permitStatus' },
    { key: 'authorityId', options: [], ref: 'authority' },
  ],
  sorts: [
    { key: 'recent', compare: byNewest },
    { key: 'title', compare: byText((permit) => permit.title) },
    { key: 'status', compare: (a, b) => PERMIT_STATUSES.indexOf(a.status) - PERMIT_STATUSES.indexOf(b.status) },
  ],
  refEntities: ['authority', 'location', 'shootDay'],
}
