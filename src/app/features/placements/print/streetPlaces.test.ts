import { describe, expect, it } from 'vitest'
import { reservedPlaces } from '../../../../core/rules/streetPlaces'
import fr from '../../../locales/fr.json'
import { parkingBan, placeText, type DocumentTranslate, type NoticeDay } from './streetPlaces'

/** The French messages, filled in as vue-i18n does for these plain ones. */
const td: DocumentTranslate = (key, named = {}) => {
  const message = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], fr) as string
  return message.replace(/\{(\w+)\}/g, (_, name: string) => String(named[name]))
}

const parked = (street: string, side: '' | 'even' | 'odd', fromNumber: number | null, toNumber: number | null, onStreet = true) =>
  ({ street, side, fromNumber, toNumber, onStreet })

describe('placeText', () => {
  it('says the place as a notice does', () => {
    expect(placeText({ street: 'Rue des Martyrs', side: 'odd', ranges: [{ from: 45, to: 53 }] }, td)).toBe('Rue des Martyrs, côté impair, du n° 45 au n° 53')
    expect(placeText({ street: 'Rue Clauzel', side: 'even', ranges: [{ from: 2, to: 6 }, { from: 30, to: 30 }, { from: 40, to: 44 }] }, td))
      .toBe('Rue Clauzel, côté pair, du n° 2 au n° 6, au droit du n° 30 et du n° 40 au n° 44')
    expect(placeText({ street: 'Boulevard de Rochechouart', side: '', ranges: [] }, td)).toBe('Boulevard de Rochechouart')
  })
})

describe('parkingBan', () => {
  const window = { start: '07:00', end: '20:00', source: 'placements' as const }
  const martyrs = reservedPlaces([parked('Rue des Martyrs', 'odd', 45, 53)])
  const noticeDay = (number: number, places = martyrs): NoticeDay => ({ id: `d${number}`, number, date: `2026-05-1${number}`, shoot: window, reserved: window, places })

  it('bans parking only on the days with vehicles on the street', () => {
    const ban = parkingBan([noticeDay(1), noticeDay(2, [])], td)
    expect(ban.days.map((day) => day.number)).toEqual([1])
    expect(ban.placesPerDay).toBe(false)
  })

  it('names each day\'s places when the days do not reserve the same ones', () => {
    const trudaine = reservedPlaces([parked('Avenue Trudaine', 'even', 2, 20)])
    expect(parkingBan([noticeDay(1), noticeDay(2, trudaine)], td).placesPerDay).toBe(true)
    expect(parkingBan([noticeDay(1), noticeDay(2)], td).placesPerDay).toBe(false)
  })

  it('keeps every day when no day has a known place (the notice is completed by hand)', () => {
    expect(parkingBan([noticeDay(1, []), noticeDay(2, [])], td).days).toHaveLength(2)
  })
})
