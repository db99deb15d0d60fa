import { describe, expect, it } from 'vitest'
import type { Photo } from '../model'
import { FAR_PHOTO_M, photoPlaces, positionFromPhotos } from './photoPlaces'

const photo = (id: string, lat: number | null, lng: number | null, heading: number | null = null) => ({ id, lat, lng, heading }) as unknown as Photo
const MOUFFETARD = { lat: 48.8427, lng: 2.3497 }

describe('where a décor\'s photos were taken', () => {
  it('measures each photo with a position against the décor and flags those a few hundred metres away', () => {
    const places = photoPlaces(MOUFFETARD, [
      photo('cellar', 48.8428, 2.3498, 135.5), photo('no-gps', null, null), photo('corner', 48.8447, 2.3497), photo('montmartre', 48.886705, 2.343104),
    ])
    expect(places.map((place) => [place.photoId, place.distanceM, place.far, place.heading])).toEqual([
      ['cellar', 13, false, 135.5], ['corner', 222, false, null], ['montmartre', 4917, true, null],
    ])
    expect(FAR_PHOTO_M).toBe(300)
  })

  it('has no distance and flags nothing for a décor without a position', () => {
    expect(photoPlaces({ lat: null, lng: null }, [photo('a', 48.88, 2.34)])).toEqual([{ photoId: 'a', lat: 48.88, lng: 2.34, heading: null, distanceM: null, far: false }])
  })

  it('offers the position most photos agree on, not pulled by one taken elsewhere', () => {
    const offered = positionFromPhotos([
      photo('a', 48.84270, 2.34970), photo('b', 48.84280, 2.34990), photo('c', 48.84262, 2.34960), photo('far', 48.886705, 2.343104), photo('none', null, null),
    ])
    expect(offered).toEqual({ lat: 48.8427, lng: 2.3497, photos: 3 })
    expect(positionFromPhotos([photo('none', null, null)])).toBeNull()
    expect(positionFromPhotos([photo('one', 48.886705, 2.343104)])).toEqual({ lat: 48.886705, lng: 2.343104, photos: 1 })
  })
})
