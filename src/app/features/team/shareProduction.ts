/**
 * Sharing a production of this phone with a team server. Creating it there needs the server's access code (asked
 * once per server, then remembered on this device). A production id taken on the server (by chance, or by someone
 * who saw it in a link or a ZIP) is never joined: the production moves to a fresh id on this phone, nothing lost,
 * and is shared under that one. The recovery code the server answers with is kept on the link until the owner
 * says it is somewhere safe.
 */
import { newId } from '../../../core/sync/ids'
import { savedAccessCode, saveAccessCode } from '../../deviceSettings'
import { db, type RegieDatabase, type TeamLink } from '../../db/db'
import { renameProduction } from '../../db/productionIdentity'
import { updateTeam } from '../../db/syncStore'
import { SyncFailure, type SyncClient } from '../../sync/syncClient'
import { uploadProduction } from '../../sync/syncEngine'
import { rememberProduction } from '../productions/lastProduction'

/** The server the app is served from: the one productions are shared to. */
const SERVER = ''

export const rememberedAccessCode = () => savedAccessCode(SERVER)

export async function shareProduction(
  production: { id: string; name: string; kind?: string },
  owner: { displayName: string; deviceLabel?: string },
  accessCode: string,
  client: SyncClient,
  database: RegieDatabase = db,
): Promise<TeamLink> {
  let id = production.id
  for (let attempt = 0; ; attempt++) {
    try {
      const team = await uploadProduction({ ...production, id }, owner, client, database, accessCode.trim())
      saveAccessCode(SERVER, accessCode.trim())
      await updateTeam(team.productionId, { recoveryCode: team.recoveryCode }, database)
      if (id !== production.id) rememberProduction(id)
      return { ...team, recoveryCode: team.recoveryCode }
    } catch (error) {
      if (error instanceof SyncFailure && error.kind === 'accessCode') saveAccessCode(SERVER, null)
      if (!(error instanceof SyncFailure) || error.kind !== 'exists' || attempt > 0) throw error
      const fresh = newId()
      await renameProduction(id, fresh, database)
      id = fresh
    }
  }
}
