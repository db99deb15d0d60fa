/** The team routes' answers, as the app reads them and the server writes them. */

/** A member of a team production; `sessions` (their signed-in devices) only where the caller may see them. */
export interface TeamMember {
  id: string
  displayName: string
  role: string
  createdAt: string
  revokedAt: string | null
  sessions?: { id: string; label: string; createdAt: string; lastSeenAt: string }[]
}
