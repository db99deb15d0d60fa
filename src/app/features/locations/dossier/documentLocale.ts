/**
 * The language of a printed scouting document: French unless `?lang=en` asks otherwise, whatever language the app
 * speaks, since the dossier goes to French owners, authorities and examiners. The page provides it; the blocks of
 * the document inject it, so every line of one printout is in one language.
 */
import { computed, inject, provide, shallowRef, watch, type ComputedRef, type InjectionKey, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute } from 'vue-router'
import { i18n } from '../../../i18n'

export const DOCUMENT_LANGS = ['fr', 'en'] as const
export type DocumentLang = (typeof DOCUMENT_LANGS)[number]

export interface DocumentLocale {
  lang: ComputedRef<DocumentLang>
  /** The document language's messages are loaded (English is fetched only when first chosen). */
  ready: Readonly<Ref<boolean>>
  /** Translates in the document's language. */
  td: (key: string, named?: Record<string, unknown>, plural?: number) => string
  number: (value: number, fractionDigits?: number) => string
  euros: (value: number) => string
}

const KEY: InjectionKey<DocumentLocale> = Symbol('documentLocale')

async function loadMessages(lang: DocumentLang): Promise<void> {
  if (i18n.global.availableLocales.includes(lang)) return
  if (lang === 'en') i18n.global.setLocaleMessage('en', (await import('../../../locales/en.json')).default as never)
}

export function provideDocumentLocale(): DocumentLocale {
  const route = useRoute()
  const { t } = useI18n()
  const lang = computed<DocumentLang>(() => (route.query.lang === 'en' ? 'en' : 'fr'))
  const ready = shallowRef(false)
  watch(lang, async (next) => {
    ready.value = false
    await loadMessages(next)
    ready.value = lang.value === next
  }, { immediate: true })

  const locale: DocumentLocale = {
    lang,
    ready,
    td: (key, named = {}, plural) => t(key, named, plural === undefined ? { locale: lang.value } : { locale: lang.value, plural }),
    number: (value, fractionDigits = 1) => new Intl.NumberFormat(lang.value, { maximumFractionDigits: fractionDigits }).format(value),
    euros: (value) => new Intl.NumberFormat(lang.value, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(value),
  }
  provide(KEY, locale)
  return locale
}

/** The document's language when the page prints one with ?lang= (the print frame's own lines follow it), else null. */
export function documentLocaleIfAny(): DocumentLocale | null {
  return inject(KEY, null)
}

export function useDocumentLocale(): DocumentLocale {
  const locale = inject(KEY)
  if (!locale) throw new Error('useDocumentLocale() outside a scouting document')
  return locale
}
