/**
 * What a tile source is called on screen: the locale's words for the built-in ones (map.sources.<id> in camelCase, with
 * a short form for the layer switcher), the configured `name` for a team's own.
 */
import { useI18n } from 'vue-i18n'
import type { TileSource } from './tileSources'

const camel = (id: string) => id.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase())

export function useSourceLabel() {
  const { t, te } = useI18n()
  return (source: Pick<TileSource, 'id' | 'name'>, form: 'name' | 'short' = 'name'): string => {
    const key = `map.sources.${camel(source.id)}.${form}`
    return te(key) ? t(key) : source.name || source.id
  }
}
