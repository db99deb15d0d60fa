/**
 * UI language: French by default, English available; the choice is remembered on the device.
 * All UI text lives in locales/*.json (fr.json is the source of truth). English is loaded only when
 * chosen, to keep the first screen small.
 */
import { createI18n } from 'vue-i18n'
import fr from './locales/fr.json'

export const LOCALES = ['fr', 'en'] as const
export type Locale = (typeof LOCALES)[number]
const STORAGE_KEY = 'regie.locale'

export type MessageSchema = typeof fr

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: 'fr',
  fallbackLocale: 'fr',
  messages: { fr } as Record<Locale, MessageSchema>,
})

export function savedLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    return LOCALES.includes(saved as Locale) ? (saved as Locale) : 'fr'
  } catch {
    return 'fr'
  }
}

async function loadMessages(locale: Locale): Promise<void> {
  if (locale === 'fr' || i18n.global.availableLocales.includes(locale)) return
  const messages = (await import('./locales/en.json')).default
  i18n.global.setLocaleMessage(locale, messages)
}

export async function setLocale(locale: Locale, remember = true): Promise<void> {
  await loadMessages(locale)
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  if (!remember) return
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Private mode without storage: the choice lasts for this visit only.
  }
}
