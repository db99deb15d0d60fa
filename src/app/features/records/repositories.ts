/** One repository per entity, made once; views and stores get theirs here rather than touching the database. */
import type { BaseRecord, EntityName } from '../../../core/model'
import { createRepository, type Repository } from '../../db/repository'

const repositories = new Map<EntityName, Repository<BaseRecord>>()

export function repositoryFor<T extends BaseRecord = BaseRecord>(entity: EntityName): Repository<T> {
  let repository = repositories.get(entity)
  if (!repository) {
    repository = createRepository(entity)
    repositories.set(entity, repository)
  }
  return repository as unknown as Repository<T>
}
