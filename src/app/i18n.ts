/**
 * UI language: French by default, English available; the choice is remembered on the device.
 * All UI text lives in locales/*.json (fr.json is the source of truth).
 */
import { createI18n } from 'vue-i18n'
import en from './locales/en.json'
import fr from './locales/fr.json'

export const LOCALES = ['fr', 'en'] as const
export type Locale = (typeof LOCALES)[number]
const STORAGE_KEY = 'regie.locale'

export type MessageSchema = typeof fr

function savedLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    return LOCALES.includes(saved as Locale) ? (saved as Locale) : 'fr'
  } catch {
    return 'fr'
  }
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: 'fr',
  messages: { fr, en },
})

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Private mode without storage: the choice lasts for this visit only.
  }
}

document.documentElement.lang = i18n.global.locale.value
