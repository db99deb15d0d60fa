// `npm start`: builds the PWA when the build is missing or older than its sources, then runs the server on it.
// It never installs anything: dependencies come from `npm ci`. Plain Node ESM so it runs before any TypeScript tooling.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const builtIndex = path.join(root, 'dist', 'index.html')
// Everything `vite build` reads; the app bundles src/core, and a lockfile change can change every chunk.
const buildInputs = ['src/app', 'src/core', 'public', 'index.html', 'vite.config.ts', 'package-lock.json']
const forwardedSignals = ['SIGINT', 'SIGTERM', 'SIGHUP']

function localBinary(name) {
  const file = path.join(root, 'node_modules', '.bin', name)
  if (!fs.existsSync(file)) {
    console.error(`Missing ${path.relative(root, file)}: install the dependencies with \`npm ci\` first.`)
    process.exit(1)
  }
  return file
}

function newestModification(entry) {
  let stat
  try {
    stat = fs.statSync(entry)
  } catch {
    return 0
  }
  if (!stat.isDirectory()) return stat.mtimeMs
  return fs
    .readdirSync(entry)
    .reduce((newest, name) => Math.max(newest, newestModification(path.join(entry, name))), stat.mtimeMs)
}

function buildIsStale() {
  if (!fs.existsSync(builtIndex)) return true
  const builtAt = fs.statSync(builtIndex).mtimeMs
  return buildInputs.some((input) => newestModification(path.join(root, input)) > builtAt)
}

function buildApp() {
  console.log('Building the web app (vite build)...')
  const result = spawnSync(localBinary('vite'), ['build'], { cwd: root, stdio: 'inherit' })
  if (result.error) throw result.error
  if (result.status !== 0) {
    console.error(`vite build failed (${result.signal ?? `exit code ${result.status}`}); the server was not started.`)
    process.exit(result.status || 1)
  }
}

function runServer() {
  const server = spawn(localBinary('tsx'), ['src/server/main.ts'], { cwd: root, stdio: 'inherit', env: process.env })
  const forward = (signal) => server.kill(signal)
  for (const signal of forwardedSignals) process.on(signal, forward)
  server.on('error', (error) => {
    console.error(`Could not start the server: ${error.message}`)
    process.exit(1)
  })
  server.on('exit', (code, signal) => {
    if (signal) {
      // Die of the same signal so whoever started us sees how the server ended.
      for (const name of forwardedSignals) process.off(name, forward)
      process.kill(process.pid, signal)
    } else {
      process.exit(code ?? 1)
    }
  })
}

// A DIST_DIR of your own is served as it is: only the default dist/ is built here.
if (!process.env.DIST_DIR && buildIsStale()) buildApp()
runServer()
