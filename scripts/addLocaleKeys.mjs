#!/usr/bin/env node
/**
 * Merges new messages into src/app/locales/{fr,en}.json and writes them back with sorted keys.
 * Usage: node scripts/addLocaleKeys.mjs additions.json   (or - for stdin)
 * additions.json: {"fr": {"meals": {"counter": "Compteur"}}, "en": {"meals": {"counter": "Counter"}}}
 * Read-merge-write in one go, so several people (or helpers) adding keys never overwrite each other's keys.
 * An existing key with a different text is replaced and reported.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const source = process.argv[2]
if (!source) {
  console.error('usage: node scripts/addLocaleKeys.mjs additions.json|-')
  process.exit(2)
}
const additions = JSON.parse(readFileSync(source === '-' ? 0 : source, 'utf8'))
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value)

function merge(target, added, path, replaced) {
  for (const [key, value] of Object.entries(added)) {
    const where = path ? `${path}.${key}` : key
    if (isObject(value)) {
      if (target[key] !== undefined && !isObject(target[key])) throw new Error(`${where} is a message, not a group`)
      target[key] ??= {}
      merge(target[key], value, where, replaced)
    } else {
      if (isObject(target[key])) throw new Error(`${where} is a group, not a message`)
      if (target[key] !== undefined && target[key] !== value) replaced.push(where)
      target[key] = value
    }
  }
}

function sorted(value) {
  if (!isObject(value)) return value
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted(value[key])]))
}

for (const locale of Object.keys(additions)) {
  const file = fileURLToPath(new URL(`../src/app/locales/${locale}.json`, import.meta.url))
  const messages = JSON.parse(readFileSync(file, 'utf8'))
  const replaced = []
  merge(messages, additions[locale], '', replaced)
  writeFileSync(file, `${JSON.stringify(sorted(messages), null, 2)}\n`)
  if (replaced.length) console.log(`${locale}: replaced ${replaced.join(', ')}`)
}
