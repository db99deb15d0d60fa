/** Shoot days ("J5 – lun. 12 mai"): date, call and wrap, day type and décors. */
import { DAY_TYPES, type ShootDay } from '../../../core/model'
import { searchable, type EntityView, type Translate } from '../records/entityView'

export function dayLabel(day: Pick<ShootDay, 'number' | 'date'>, t: Translate): string {
  return t('days.label', { number: day.number, date: formatDay(day.date) })
}

function formatDay(date: string): string {
  const parsed = new Date(`${date}T12:00:00`)
  if (Number.isNaN(parsed.getTime())) return date
  return parsed.toLocaleDateString(document.documentElement.lang || 'fr', { weekday: 'short', day: 'numeric', month: 'short' })
}

export const shootDayView: EntityView<ShootDay> = {
  entity: 'shootDay',
  route: 'days',
  tab: 'days',
  sections: [
    {
      key: 'day',
      fields: [
        { key: 'number', kind: 'integer', required: true },
        { key: 'date', kind: 'date', required: true },
        { key: 'dayType', kind: 'select', options: DAY_TYPES, optionsKey: 'dayType' },
        { key: 'callTime', kind: 'time' },
        { key: 'wrapTime', kind: 'time' },
        { key: 'locationIds', kind: 'refList', ref: 'location' },
        { key: 'notes', kind: 'textarea' },
      ],
    },
  ],
  defaults: () => ({ dayType: 'normal', locationIds: [], callTime: '08:00', wrapTime: '19:00' }),
  title: (day, _refs) => `J${day.number}`,
  subtitle: (day, refs, t) =>
    [formatDay(day.date), day.callTime && `${day.callTime}–${day.wrapTime}`, t(`options.dayType.${day.dayType}`),
      ...day.locationIds.map((id) => refs('location', id)?.name)].filter(Boolean).join(' · '),
  searchText: (day, refs) => searchable(`j${day.number}`, day.date, ...day.locationIds.map((id) => refs('location', id)?.name)),
  filters: [{ key: 'dayType', options: DAY_TYPES, optionsKey: 'dayType' }],
  sorts: [
    { key: 'date', compare: (a, b) => a.date.localeCompare(b.date) || a.number - b.number },
    { key: 'number', compare: (a, b) => a.number - b.number },
  ],
  refEntities: ['location'],
}
