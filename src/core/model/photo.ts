/** A photo (or other blob) attached to a record; the bytes live apart, addressed by their SHA-256. */
import * as v from 'valibot'
import { baseEntries, id, latitude, longitude, optionalNumber, optionalText } from './fields'
import { sha256Hex } from './signature'

export const photoFields = {
  ownerId: id,
  ownerEntity: v.pipe(v.string(), v.maxLength(40)),
  sha256: sha256Hex,
  mime: v.picklist(['image/jpeg', 'image/png', 'image/webp'], 'validation.imageType'),
  size: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20_000_000, 'validation.tooLarge')),
  width: optionalNumber(1, 20_000),
  height: optionalNumber(1, 20_000),
  takenAt: optionalText(40),
  lat: latitude,
  lng: longitude,
  heading: optionalNumber(0, 360),
  caption: optionalText(500),
  stagingNote: optionalText(2000),
  order: v.optional(v.number(), 0),
  /**
   * Where in its owner the photo belongs, when the owner has parts: the room of a condition report
   * (`room:<name>`). Empty for a photo of the whole record (a décor, an inventory item).
   */
  slot: optionalText(120),
}

export const PhotoSchema = v.looseObject({ ...baseEntries, ...photoFields })
export type Photo = v.InferOutput<typeof PhotoSchema>
