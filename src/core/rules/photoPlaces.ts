/**
 * Where a décor's photos were taken (their EXIF position and compass heading), measured against the décor: a photo
 * taken far from its décor is a photo of somewhere else (another candidate, the street corner, a mistake) and is
 * flagged; a décor with no position yet is offered the position its photos agree on.
 */
import type { Photo } from '../model'
import { metresBetween, type LatLng } from './footprint'

/** Further than this from its décor, a photo is flagged: a few hundred metres is a street or two away. */
export const FAR_PHOTO_M = 300

export interface PhotoPlace {
  photoId: string
  lat: number
  lng: number
  /** Degrees clockwise from north, the way the camera pointed; null when the photo does not say. */
  heading: number | null
  /** Metres from the décor; null when the décor has no position. */
  distanceM: number | null
  far: boolean
}

const placedPhoto = (photo: Photo): photo is Photo & { lat: number; lng: number } => typeof photo.lat === 'number' && typeof photo.lng === 'number'

/** The photos with a position, with their distance to the décor (when it has one), in the photos' order. */
export function photoPlaces(decor: { lat?: number | null; lng?: number | null }, photos: readonly Photo[]): PhotoPlace[] {
  const at: LatLng | null = typeof decor.lat === 'number' && typeof decor.lng === 'number' ? [decor.lat, decor.lng] : null
  return photos.filter(placedPhoto).map((photo) => {
    const distanceM = at ? Math.round(metresBetween(at, [photo.lat, photo.lng])) : null
    return { photoId: photo.id, lat: photo.lat, lng: photo.lng, heading: typeof photo.heading === 'number' ? photo.heading : null, distanceM, far: distanceM !== null && distanceM > FAR_PHOTO_M }
  })
}

/**
 * The position a décor without one is offered: where most of its photos were taken (the median of the photos within
 * FAR_PHOTO_M of the most photos, so one photo of the street corner does not pull it), rounded to 6 decimals.
 */
export function positionFromPhotos(photos: readonly Photo[]): { lat: number; lng: number; photos: number } | null {
  const placed = photos.filter(placedPhoto)
  if (placed.length === 0) return null
  const near = (photo: Photo & { lat: number; lng: number }) =>
    placed.filter((other) => metresBetween([photo.lat, photo.lng], [other.lat, other.lng]) <= FAR_PHOTO_M)
  const group = placed.map(near).reduce((best, candidate) => (candidate.length > best.length ? candidate : best))
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b)
    const middle = Math.floor(sorted.length / 2)
    return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
  }
  const round = (degrees: number) => Math.round(degrees * 1e6) / 1e6
  return { lat: round(median(group.map((photo) => photo.lat))), lng: round(median(group.map((photo) => photo.lng))), photos: group.length }
}
