/**
 * UI language: French by default, English available; the choice is remembered on the device.
 * All UI text lives in locales/*.json (fr.json is the source of truth). The build splits French in two: what
 * the first screen says comes with it, the rest right after (loadAllMessages, awaited before any other
 * screen). English is loaded only when chosen. All of it is precached: offline changes nothing.
 */
import { createI18n } from 'vue-i18n'
import type fr from './locales/fr.json'
import frFirst from './locales/fr.json?part=first'

export const LOCALES = ['fr', 'en'] as const
export type Locale = (typeof LOCALES)[number]
const STORAGE_KEY = 'regie.locale'

export type MessageSchema = typeof fr

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: 'fr',
  fallbackLocale: 'fr',
  messages: { fr: frFirst } as Record<Locale, MessageSchema>,
})

let allMessages: Promise<void> | null = null

/** The French messages beyond the first screen's; resolves at once once loaded. */
export function loadAllMessages(): Promise<void> {
  allMessages ??= import('./locales/fr.json?part=rest').then(
    ({ default: rest }) => i18n.global.mergeLocaleMessage('fr', rest as MessageSchema),
    (error: unknown) => {
      allMessages = null
      throw error
    },
  )
  return allMessages
}

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
