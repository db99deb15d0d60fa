/**
 * Why a décor ZIP was refused, as the sentence shown after "« name » n'a pas été importé :", with its numbers and
 * sizes written as people read them.
 */
import type { ArchiveProblem } from '../../../../core/exchange/decorArchive'
import { formatBytes } from '../../../map/formatBytes'
import type { Translate } from '../../records/entityView'

export function archiveProblemMessage(problem: ArchiveProblem, t: Translate, locale: string): string {
  const count = (n: number) => new Intl.NumberFormat(locale).format(n)
  const key = `exchange.problem.${problem.kind}`
  switch (problem.kind) {
    case 'invalidRecord':
      return t(key, { entity: t(`entities.${problem.entity}`), id: problem.id, field: problem.field, reason: t(problem.message) })
    case 'newerVersion':
      return t(key, { version: problem.version })
    case 'tooLargeTotal':
      return t(key, { size: formatBytes(problem.bytes, locale), max: formatBytes(problem.max, locale) })
    case 'tooManyEntries':
      return t(key, { n: count(problem.entries), max: count(problem.max) })
    case 'tooManyDecors':
    case 'tooManyPhotos':
      return t(key, { n: count(problem.count), max: count(problem.max) })
    default:
      return 'path' in problem ? t(key, { path: problem.path }) : t(key)
  }
}
