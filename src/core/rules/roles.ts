/**
 * Who may do what in a team production (README, "Security"): one set of rules that the server enforces and the app
 * follows, so the app never offers what the server would refuse (a coordinator is not offered "coordinator" in
 * the invite picker). The server is the authority; the app only hides and explains.
 */

export const ROLES = ['owner', 'coordinator', 'member', 'trainee', 'viewer'] as const
export type Role = (typeof ROLES)[number]

/** The member asking, as far as the rules need to know them. */
export interface Actor {
  role: Role
  memberId: string
  /** 'exercise' productions let trainees write everywhere (scouting exercises). */
  productionKind: string
}

/** What a change does to a record: its mutation's operation, seen from the rules. */
export type WriteKind = 'write' | 'delete' | 'restore'

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}

/**
 * Whether `actor` may change a record of `entity` that `createdBy` created (undefined: a record that does not
 * exist yet). Viewers never write; members and trainees delete only what they created (a deletion goes to the trash,
 * and only owners and coordinators take records back out of it); trainees write everything in exercise productions
 * and, elsewhere, only their own records; the production record itself is for owners and coordinators.
 */
export function mayWrite(actor: Actor, entity: string, createdBy: string | null | undefined, kind: WriteKind = 'write'): boolean {
  const own = createdBy === undefined || createdBy === actor.memberId
  switch (actor.role) {
    case 'owner':
    case 'coordinator':
      return true
    case 'member':
      if (kind === 'restore') return false
      return entity !== 'production' && (kind !== 'delete' || own)
    case 'trainee':
      if (kind === 'restore') return false
      if (actor.productionKind === 'exercise') return kind !== 'delete' || own
      return entity !== 'production' && own
    default:
      return false
  }
}

/** Roles an inviter may hand out: the owner any role but owner (owners add devices, not people), a coordinator the roles below theirs. */
export function invitableRoles(inviter: Role): Role[] {
  if (inviter === 'owner') return ['coordinator', 'member', 'trainee', 'viewer']
  if (inviter === 'coordinator') return ['member', 'trainee', 'viewer']
  return []
}

export function mayInvite(inviter: Role, role: Role): boolean {
  return invitableRoles(inviter).includes(role)
}

/** Who sees the open invites of a production and may revoke them. */
export function mayManageInvites(role: Role): boolean {
  return role === 'owner' || role === 'coordinator'
}

/** Who changes roles and revokes members (owners; another owner only with the recovery code or themselves). */
export function mayManageMembers(role: Role): boolean {
  return role === 'owner'
}

/** Who sees the trash and takes records back out of it. */
export function mayRestore(role: Role): boolean {
  return role === 'owner' || role === 'coordinator'
}

/** An invite is for one person unless made for a crew: then at most this many uses. */
export const MAX_INVITE_USES = 50
