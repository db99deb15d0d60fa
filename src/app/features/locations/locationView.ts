/** The décor sheet (fiche décor) grouped as people fill it on site, and the décor list. */
import {
  CONTACT_ROLES, INT_EXT, LOCATION_SETTINGS, LOCATION_STATUSES, type Location, type LocationStatus,
} from '../../../core/model'
import { byNewest, byText, searchable, type Badge, type EntityView } from '../records/entityView'

const STATUS_TONES: Record<LocationStatus, Badge['tone']> = {
  toScout: 'neutral', scouted: 'info', option: 'warning', confirmed: 'success', rejected: 'danger',
}

export const locationView: EntityView<Location> = {
  entity: 'location',
  route: 'locations',
  tab: 'locations',
  sections: [
    {
      key: 'identity',
      fields: [
        { key: 'name', kind: 'text', required: true },
        { key: 'scriptDecor', kind: 'text' },
        { key: 'intExt', kind: 'select', options: INT_EXT, optionsKey: 'intExt' },
        { key: 'setting', kind: 'select', options: LOCATION_SETTINGS, optionsKey: 'setting' },
        { key: 'status', kind: 'select', options: LOCATION_STATUSES, optionsKey: 'locationStatus' },
        { key: 'address', kind: 'address' },
        { key: 'city', kind: 'text' },
        { key: 'postcode', kind: 'text' },
        { key: 'lat', kind: 'number', step: 0.000001 },
        { key: 'lng', kind: 'number', step: 0.000001 },
      ],
    },
    {
      key: 'access',
      fields: [
        { key: 'accessNotes', kind: 'textarea' },
        { key: 'accessCodes', kind: 'text' },
        { key: 'parking', kind: 'textarea' },
      ],
    },
    {
      key: 'technical',
      fields: [
        { key: 'threePhasePower', kind: 'checkbox' },
        { key: 'powerBoard', kind: 'text' },
        { key: 'noise', kind: 'textarea' },
        { key: 'lightOrientation', kind: 'text' },
        {
          key: 'rooms',
          kind: 'objectList',
          fields: [
            { key: 'name', kind: 'text', required: true },
            { key: 'lengthM', kind: 'number', step: 0.1 },
            { key: 'widthM', kind: 'number', step: 0.1 },
            { key: 'ceilingHeightM', kind: 'number', step: 0.1 },
          ],
        },
        { key: 'pmrAccessible', kind: 'checkbox' },
      ],
    },
    {
      key: 'contacts',
      fields: [
        {
          key: 'contacts',
          kind: 'objectList',
          fields: [
            { key: 'role', kind: 'select', options: CONTACT_ROLES, optionsKey: 'contactRole' },
            { key: 'name', kind: 'text', required: true },
            { key: 'phone', kind: 'tel' },
            { key: 'email', kind: 'email' },
          ],
        },
        { key: 'dayRate', kind: 'number', step: 1 },
        { key: 'deposit', kind: 'number', step: 1 },
      ],
    },
    {
      key: 'assessment',
      fields: [
        { key: 'advantages', kind: 'stringList' },
        { key: 'nuisances', kind: 'stringList' },
        { key: 'arrangements', kind: 'stringList' },
      ],
    },
    {
      key: 'safety',
      fields: [
        { key: 'hospital', kind: 'text' },
        { key: 'pharmacy', kind: 'text' },
      ],
    },
    { key: 'staging', fields: [{ key: 'stagingNotes', kind: 'textarea' }] },
  ],
  photos: true,
  actions: [
    { key: 'sun', path: (location) => `locations/${location.id}/sun` },
    { key: 'dossier', path: (location) => `locations/${location.id}/dossier` },
    { key: 'placeOnMap', path: (location) => `locations-map?place=${location.id}` },
  ],
  defaults: () => ({ intExt: 'INT', setting: 'natural', status: 'toScout', contacts: [], rooms: [], advantages: [], nuisances: [], arrangements: [] }),
  title: (location) => location.name,
  subtitle: (location) => [location.scriptDecor, location.address].filter(Boolean).join(' · '),
  badge: (location, t) => ({ label: t(`options.locationStatus.${location.status}`), tone: STATUS_TONES[location.status] }),
  searchText: (location) => searchable(location.name, location.scriptDecor, location.address, location.city),
  filters: [
    { key: 'status', options: LOCATION_STATUSES, optionsKey: 'locationStatus' },
    { key: 'intExt', options: INT_EXT, optionsKey: 'intExt' },
  ],
  sorts: [
    { key: 'name', compare: byText((location) => location.name) },
    { key: 'scriptDecor', compare: byText((location) => `${location.scriptDecor} ${location.name}`) },
    { key: 'status', compare: (a, b) => LOCATION_STATUSES.indexOf(a.status) - LOCATION_STATUSES.indexOf(b.status) },
    { key: 'recent', compare: byNewest },
  ],
}
