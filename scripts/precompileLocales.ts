/**
 * Vite plugin: compiles the locale files' messages to vue-i18n's AST at build time, so the app ships the
 * runtime without the message compiler (smaller first route, no message parsing on the phone at start).
 * Unit tests import the JSON as it is and let vue-i18n compile it at run time.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { baseCompile } from '@intlify/message-compiler'
import type { Plugin } from 'vite'

const LOCALE_FILE = /[\\/]src[\\/]app[\\/]locales[\\/][a-z]{2}\.json$/
const PREFIX = '\0regie-locale:'

type Messages = string | { [key: string]: Messages }

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
      if (!importer || !source.endsWith('.json')) return null
      const file = path.resolve(path.dirname(importer), source)
      // The `.js` ending keeps Vite's own JSON plugin away from the compiled module.
      return LOCALE_FILE.test(file) ? `${PREFIX}${file}.js` : null
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null
      const file = id.slice(PREFIX.length, -'.js'.length)
      this.addWatchFile(file)
      const compiled = compileMessages(JSON.parse(readFileSync(file, 'utf8')) as Messages, '')
      return `export default ${JSON.stringify(compiled)}`
    },
  }
}
