/**
 * Décors as map points: a pin coloured by status (the same tones as the list's badges), and the popup a tap
 * opens (name, status, script décor, a link to the décor's page and a "move" button).
 */
import { LOCATION_STATUSES, type Location, type LocationStatus } from '../../../core/model'
import type { MapPoint } from '../../map/mapContext'
import type { Translate } from '../records/entityView'

export const STATUS_COLORS: Record<LocationStatus, string> = {
  toScout: '#6b7785',
  scouted: '#2f6690',
  option: '#d08300',
  confirmed: '#2a7d4f',
  rejected: '#c0262d',
}

export const hasPosition = (location: Location): location is Location & { lat: number; lng: number } =>
  typeof location.lat === 'number' && typeof location.lng === 'number'

export interface PopupActions {
  open: (location: Location) => void
  move: (location: Location) => void
}

function popupFor(location: Location, t: Translate, actions: PopupActions): HTMLElement {
  const root = document.createElement('div')
  root.className = 'decor-popup'
  root.dataset.testid = 'decor-popup'
  const name = root.appendChild(document.createElement('strong'))
  name.textContent = location.name
  const status = root.appendChild(document.createElement('span'))
  status.className = 'decor-popup-status'
  status.style.setProperty('--status', STATUS_COLORS[location.status])
  status.textContent = t(`options.locationStatus.${location.status}`)
  const about = [location.scriptDecor, location.address].filter(Boolean).join(' · ')
  if (about) root.appendChild(document.createElement('p')).textContent = about
  const row = root.appendChild(document.createElement('div'))
  row.className = 'decor-popup-actions'
  const open = row.appendChild(document.createElement('a'))
  open.href = `/p/${location.productionId}/locations/${location.id}`
  open.textContent = t('map.popup.open')
  open.addEventListener('click', (event) => {
    event.preventDefault()
    actions.open(location)
  })
  const move = row.appendChild(document.createElement('button'))
  move.type = 'button'
  move.className = 'btn btn-small'
  move.textContent = t('map.popup.move')
  move.addEventListener('click', () => actions.move(location))
  return root
}

export function decorPoints(locations: readonly Location[], t: Translate, actions: PopupActions): MapPoint[] {
  return locations.filter(hasPosition).map((location) => ({
    id: location.id,
    lat: location.lat,
    lng: location.lng,
    color: STATUS_COLORS[location.status],
    label: `${location.name} (${t(`options.locationStatus.${location.status}`)})`,
    popup: () => popupFor(location, t, actions),
  }))
}

/** Count per status of the décors that are on the map, in workflow order, for the legend. */
export function statusCounts(locations: readonly Location[]): { status: LocationStatus; count: number }[] {
  const placed = locations.filter(hasPosition)
  return LOCATION_STATUSES.map((status) => ({ status, count: placed.filter((location) => location.status === status).length }))
}
