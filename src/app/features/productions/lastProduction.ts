/** Remembers the production last opened on this phone, so the app reopens on it. */
const KEY = 'regie.lastProduction'

export function rememberProduction(id: string): void {
  try {
    localStorage.setItem(KEY, id)
  } catch {
    // Storage unavailable: the picker simply opens first.
  }
}

export function lastProduction(): string | null {
  try {
    return localStorage.getItem(KEY)
  } catch {
    return null
  }
}
