/**
 * Settings of this device, kept in localStorage (they are not synced): the one module that reads and writes it.
 * Every key is listed here; a browser that refuses storage (private mode) just forgets them.
 */
const KEYS = {
  /** The access code a team server asked for, per server ('' is the server the app is served from). */
  accessCode: (server: string) => `regie.accessCode:${server}`,
} as const

export type DeviceSetting = ReturnType<(typeof KEYS)[keyof typeof KEYS]>

function read(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key)
    else localStorage.setItem(key, value)
  } catch {
    // Storage refused: the code is asked again next time.
  }
}

export const savedAccessCode = (server: string) => read(KEYS.accessCode(server))
export const saveAccessCode = (server: string, code: string | null) => write(KEYS.accessCode(server), code)
