/** Money as people read it on a quote (12 345,50 €), and the name last given when unlocking or counting. */
const SIGNER_KEY = 'regie:signer'

export function formatEuros(euros: number, locale = document.documentElement.lang || 'fr'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(euros)
}

export function rememberedSigner(): string {
  try {
    return localStorage.getItem(SIGNER_KEY) ?? ''
  } catch {
    return ''
  }
}

export function rememberSigner(name: string): void {
  try {
    localStorage.setItem(SIGNER_KEY, name.trim())
  } catch {
    // Private mode or full storage: the name is asked again next time, nothing else depends on it.
  }
}

/** '2026-12-07' → 'lun. 7 déc.' in the page's language. */
export function formatShortDate(date: string, locale = document.documentElement.lang || 'fr'): string {
  const parsed = new Date(`${date}T12:00:00`)
  return Number.isNaN(parsed.getTime()) ? date : parsed.toLocaleDateString(locale, { weekday: 'short', day: 'numeric', month: 'short' })
}

/** A local '2026-12-07T10:30' → 'lun. 7 déc., 10:30'. */
export function formatLocalDateTime(local: string, locale = document.documentElement.lang || 'fr'): string {
  const [date = '', time = ''] = local.split('T')
  return `${formatShortDate(date, locale)}, ${time}`
}
