import { consoleLinks } from '@govdata/domain';
import type { EntityManager } from '@mikro-orm/knex';
import type { SubjectDescription } from '@govdata/core';
import { CatalogUpdateTrigger } from './entities/catalog-update-trigger.entity';

/** 第七条 update duty: 目录更新事项「《…》修订」（生效日期 …）. */
export async function describeUpdateTriggers(em: EntityManager, ids: number[]): Promise<Map<number, SubjectDescription>> {
  const triggers = await em.find(CatalogUpdateTrigger, { id: { $in: ids } });
  return new Map(triggers.map((t) => [t.id, { label: `目录更新事项「${t.reference}」（生效日期 ${t.effectiveDate}）`, link: consoleLinks.updateTrigger(t.id) }]));
}
