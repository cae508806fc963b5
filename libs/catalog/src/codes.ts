import type { EntityManager } from '@mikro-orm/knex';
import { entryCodeFor } from '@govdata/domain';

/**
 * The next 资源代码 of a classification. The counter lives in its own table and only ever goes up — inside the
 * caller's transaction, so concurrent creations serialise on the row — and codes are never reused, not even those of
 * deleted drafts.
 */
export async function nextEntryCode(em: EntityManager, classCode: string): Promise<string> {
  await em.execute('insert into catalog_code_sequences (class_code, last_value) values (?, 0) on conflict (class_code) do nothing', [classCode], 'run');
  await em.execute('update catalog_code_sequences set last_value = last_value + 1 where class_code = ?', [classCode], 'run');
  const rows = await em.execute<{ last_value: number | string }[]>('select last_value from catalog_code_sequences where class_code = ?', [classCode]);
  return entryCodeFor(classCode, Number(rows[0].last_value));
}
