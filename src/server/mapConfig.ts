/**
 * The base maps and geocoder this server hands to the app, read once at start:
 * - MAP_CONFIG: a JSON file (path absolute or relative to the working directory), else <DATA_DIR>/map-config.json
 *   when it exists, else the built-in sources (src/core/model/mapConfig.ts);
 * - GEOPLATEFORME_URL (or "geoplateforme" in the file): where the built-in IGN layers and geocoder are asked for,
 *   https://data.geopf.fr unless a test or an offline setup points it at a server laid out the same way.
 * The file may list `sources` (a built-in id such as "plan-ign", or a source of its own) and `geocoder` (null: none).
 * A file that is not right stops the server with what is wrong: a deployment never starts on a map it did not mean.
 */
import fs from 'node:fs'
import path from 'node:path'
import * as v from 'valibot'
import {
  completeSource, defaultMapConfig, GEOPLATEFORME_URL, GeocoderSchema, MapConfigSchema, TileSourceSchema, type MapConfig,
} from '../core/model/mapConfig'

const FileSchema = v.object({
  geoplateforme: v.optional(v.pipe(v.string(), v.url())),
  sources: v.optional(v.array(v.union([v.string(), TileSourceSchema]))),
  geocoder: v.optional(v.nullable(GeocoderSchema)),
})

export const MAP_CONFIG_FILE = 'map-config.json'

export function readMapConfig(env: NodeJS.ProcessEnv = process.env, dataDir = path.resolve(env.DATA_DIR || 'data')): MapConfig {
  const file = env.MAP_CONFIG ? path.resolve(env.MAP_CONFIG) : path.join(dataDir, MAP_CONFIG_FILE)
  if (!env.MAP_CONFIG && !fs.existsSync(file)) return defaultMapConfig(env.GEOPLATEFORME_URL || GEOPLATEFORME_URL)
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    throw new Error(`MAP_CONFIG: cannot read ${file} (${(error as Error).message})`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`)
  }
  return mapConfigFrom(json, env.GEOPLATEFORME_URL, file)
}

/** The configuration a file describes, over the built-in one. `where` names the file in error messages. */
export function mapConfigFrom(json: unknown, geoplateformeFromEnv: string | undefined, where = 'map configuration'): MapConfig {
  const parsed = v.safeParse(FileSchema, json)
  if (!parsed.success) throw new Error(`${where}: ${describeIssues(parsed.issues)}`)
  const file = parsed.output
  const builtIn = defaultMapConfig(file.geoplateforme ?? geoplateformeFromEnv ?? GEOPLATEFORME_URL)
  const sources = (file.sources ?? builtIn.sources).map((entry) => {
    if (typeof entry !== 'string') return completeSource(entry)
    const known = builtIn.sources.find((source) => source.id === entry)
    if (!known) throw new Error(`${where}: no built-in source "${entry}" (known: ${builtIn.sources.map((source) => source.id).join(', ')})`)
    return known
  })
  const config = { sources, geocoder: file.geocoder === undefined ? builtIn.geocoder : file.geocoder }
  const checked = v.safeParse(MapConfigSchema, config)
  if (!checked.success) throw new Error(`${where}: ${describeIssues(checked.issues)}`)
  return config
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`).join('; ')
}
