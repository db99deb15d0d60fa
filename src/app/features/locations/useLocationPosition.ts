/**
 * Saves a décor's position through its repository, so the shared schema validates it (latitude -90..90,
 * longitude -180..180) exactly as the server will: a refused position is announced with the schema's message
 * and nothing is written. Positions are kept to 6 decimals (about 10 cm), as the form's fields are.
 */
import type { Location } from '../../../core/model'
import { saveFailureMessage } from '../../db/writeErrors'
import { useNoticeStore } from '../../ui/noticeStore'
import { repositoryFor } from '../records/repositories'

const round = (degrees: number) => Math.round(degrees * 1e6) / 1e6

export function useLocationPosition() {
  const notices = useNoticeStore()
  const repository = repositoryFor<Location>('location')

  /**
   * Resolves true once saved; false when refused or not written (the user has been told why). `accuracyM`: the
   * position is the phone's, precise to that many metres, which the notice says.
   */
  async function savePosition(location: Location, position: { lat: number; lng: number }, accuracyM?: number): Promise<boolean> {
    try {
      const result = await repository.update(location.productionId, location.id, { lat: round(position.lat), lng: round(position.lng) })
      if (!result.ok) {
        notices.error(result.errors.lat ?? result.errors.lng ?? Object.values(result.errors)[0] ?? 'errors.saveFailed')
        return false
      }
      if (accuracyM === undefined) notices.success('map.place.saved', { name: location.name })
      else notices.success('map.place.savedHere', { name: location.name, m: Math.max(1, accuracyM) })
      return true
    } catch (error) {
      notices.error(saveFailureMessage(error))
      return false
    }
  }

  return { savePosition }
}
