/**
 * Vite plugin: compiles the locale files' messages to vue-i18n's AST at build time, so the app ships the
 * runtime without the message compiler (smaller first route, no message parsing on the phone at start).
 * `fr.json?part=first` holds only what the first screen says (FIRST_SCREEN_MESSAGES) and `?part=rest` the
 * others, loaded right after: every feature's texts no longer weigh on the first paint.
 * Unit tests import the JSON as it is (whatever the query) and let vue-i18n compile it at run time.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { baseCompile } from '@intlify/message-compiler'
import type { Plugin } from 'vite'

const LOCALE_FILE = /[\\/]src[\\/]app[\\/]locales[\\/][a-z]{2}\.json$/
const PART = /\?part=(first|rest)$/

/** The message groups the shell and the production picker use: the first screen needs nothing else. */
export const FIRST_SCREEN_MESSAGES = ['actions', 'app', 'errors', 'nav', 'options.productionKind', 'productions', 'pwa', 'status']
const PREFIX = '\0regie-locale:'

type Messages = string | { [key: string]: Messages }
type Group = { [key: string]: Messages }

/** The messages under the given paths ('options.productionKind'), or all the others. */
export function splitMessages(messages: Group, paths: readonly string[], part: 'first' | 'rest'): Group {
  const out: Group = {}
  for (const [key, value] of Object.entries(messages)) {
    const inside = paths.filter((p) => p === key || p.startsWith(`${key}.`))
    const whole = inside.includes(key)
    if (part === 'first' ? whole : inside.length === 0) out[key] = value
    else if (!whole && inside.length > 0 && typeof value !== 'string') {
      const child = splitMessages(value, inside.map((p) => p.slice(key.length + 1)), part)
      if (Object.keys(child).length > 0) out[key] = child
    }
  }
  return out
}

function compileMessages(node: Messages, key: string): unknown {
  if (typeof node !== 'string') {
    return Object.fromEntries(Object.entries(node).map(([child, value]) => [child, compileMessages(value, key ? `${key}.${child}` : child)]))
  }
  const { ast } = baseCompile(node, {
    jit: true,
    minify: true,
    location: false,
    onError: (error) => {
      throw new Error(`Locale message "${key}" does not compile: ${error.message}`)
    },
  })
  return ast
}

export function precompileLocales(): Plugin {
  return {
    name: 'regie:precompile-locales',
    enforce: 'pre',
    async resolveId(source, importer) {
      const [bare = '', part = ''] = source.split(/(?=\?part=)/)
      if (!importer || !bare.endsWith('.json')) return null
      const file = path.resolve(path.dirname(importer), bare)
      // The `.js` ending keeps Vite's own JSON plugin away from the compiled module.
      return LOCALE_FILE.test(file) && (part === '' || PART.test(part)) ? `${PREFIX}${file}${part.replace('?part=', '.')}.js` : null
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null
      const match = /^(.*\.json)(?:\.(first|rest))?\.js$/.exec(id.slice(PREFIX.length))!
      const [, file = '', part] = match
      this.addWatchFile(file)
      const all = JSON.parse(readFileSync(file, 'utf8')) as Group
      const messages = part ? splitMessages(all, FIRST_SCREEN_MESSAGES, part as 'first' | 'rest') : all
      return `export default ${JSON.stringify(compileMessages(messages, ''))}`
    },
  }
}

/** Vitest: `fr.json?part=first` and `?part=rest` are the whole file, as JSON (tests need no split). */
export function wholeLocales(): Plugin {
  return {
    name: 'regie:whole-locales',
    enforce: 'pre',
    async resolveId(source, importer) {
      const bare = source.replace(PART, '')
      if (bare === source || !importer) return null
      return this.resolve(bare, importer, { skipSelf: true })
    },
  }
}
