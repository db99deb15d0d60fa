/**
 * Invite codes as people hand them over: scanned from a QR code, pasted as a whole link, or typed by hand from
 * the screen, where the code shows in groups of four. Codes are case-sensitive base64url (server: 16-64 chars).
 */
const INVITE_CODE = /^[A-Za-z0-9_-]{16,64}$/

/** The code inside what was typed or pasted (a bare code, spaced groups, or a link ending in /join/<code>); '' if none. */
export function inviteCodeFrom(text: string): string {
  const trimmed = text.trim()
  const fromLink = trimmed.match(/\/join\/([^/?#\s]+)/)?.[1]
  const code = (fromLink ?? trimmed).replace(/\s+/g, '')
  return INVITE_CODE.test(code) ? code : ''
}

/** `AbCdEfGhIjKl` → `AbCd EfGh IjKl`: easier to read aloud and to type back. */
export function groupedCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ')
}
