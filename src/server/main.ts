/** Entry point (`npm start` / `npm run server`): opens the database, migrates it, serves the API and the PWA. */
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { resolveAccessCode, type ResolvedAccessCode } from './accessCode'
import { buildServer } from './app'
import { readConfig } from './config'
import { checkSqliteIntegrity, openDatabase, type OpenedDatabase } from './db'
import { migrateToLatest } from './migrations'

/** Past this, a shutdown stuck on a hung connection gives up and exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 10_000

async function start(): Promise<void> {
  const config = readConfig()
  if (!config.databaseUrl) {
    const damage = checkSqliteIntegrity(config.dataDir)
    if (damage) throw new Error(`the database in ${config.dataDir} is damaged (${damage}): restore it from a backup (README, "Backups and restores")`)
  }
  const accessCode = resolveAccessCode(config.accessCode, config.dataDir)
  const database = openDatabase(config)
  let app: FastifyInstance | undefined
  try {
    await migrateToLatest(database.db)
    app = await buildServer({
      db: database.db,
      dialect: database.dialect,
      distDir: config.distDir,
      accessCode: accessCode.code,
      blobDir: config.blobDir,
      databaseUrl: config.databaseUrl,
      publicUrl: config.publicUrl,
      mapConfig: config.mapConfig,
      logger: { level: config.logLevel },
      limits: config.limits,
      trustProxy: config.trustProxy,
      maintenance: true,
    })
    await app.listen({ port: config.port, host: config.host })
  } catch (error) {
    await app?.close()
    await database.db.destroy()
    throw error
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  console.log(`Régie is running on http://localhost:${port} (database: ${describeDatabase(database)})`)
  // Phones on the set's Wi-Fi reach the laptop by its network address, not by localhost.
  const lan = config.host === '0.0.0.0' || config.host === '::' ? networkAddresses().map((ip) => `http://${ip}:${port}`) : []
  if (config.publicUrl) console.log(`Invites point at ${config.publicUrl}`)
  else if (lan.length > 0) console.log(`On the local network: ${lan.join(', ')} (set PUBLIC_URL so invite links use it)`)
  console.log(describeAccessCode(accessCode))
  stopOnSignals(app, database)
}

/** The access code and where it lives: whoever shares a production to this server types it once. */
function describeAccessCode({ code, source, file }: ResolvedAccessCode): string {
  // A code from the environment is the operator's to know: it stays out of logs.
  if (source === 'environment') return 'Access code for sharing a production to this server: the one set by REGIE_ACCESS_CODE'
  return `Access code for sharing a production to this server: ${code} (${source === 'created' ? 'made now and kept' : 'kept'} in ${file})`
}

/** This machine's IPv4 addresses other than loopback (Wi-Fi, Ethernet). */
function networkAddresses(): string[] {
  return Object.values(os.networkInterfaces()).flatMap((entries) => entries ?? []).filter((entry) => entry.family === 'IPv4' && !entry.internal).map((entry) => entry.address)
}

function describeDatabase({ dialect, location }: OpenedDatabase): string {
  if (dialect === 'postgres') return `postgres at ${location}`
  const relative = path.relative(process.cwd(), location)
  return `sqlite at ${relative.startsWith('..') ? location : relative}`
}

function stopOnSignals(app: FastifyInstance, database: OpenedDatabase): void {
  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    // Ctrl+C reaches this process both from the terminal and relayed by npm start / tsx: act on the first only.
    if (stopping) return
    stopping = true
    console.log(`Régie is stopping (${signal})`)
    setTimeout(() => {
      console.error(`Régie did not stop within ${SHUTDOWN_TIMEOUT_MS / 1000} s; exiting anyway`)
      process.exit(1)
    }, SHUTDOWN_TIMEOUT_MS).unref()
    app
      .close()
      .then(() => database.db.destroy())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('Régie could not stop cleanly:', error)
          process.exit(1)
        },
      )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

start().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const hint = code === 'EADDRINUSE' ? ' (another program uses this port: set PORT to a free one)' : ''
  console.error(`Régie could not start${hint}:`, error instanceof Error ? error.message : error)
  process.exit(1)
})
