import { consoleLinks } from '@govdata/domain';
import type { EntityManager } from '@mikro-orm/knex';
import type { SubjectDescription } from '@govdata/core';
import { Notice } from './entities/notice.entity';

/** 书面通报 朔政数通〔2026〕3号「关于……的通报」 — a notice's rectification clock reads as the notice. */
export async function describeNotices(em: EntityManager, ids: number[]): Promise<Map<number, SubjectDescription>> {
  const notices = await em.find(Notice, { id: { $in: ids } });
  return new Map(notices.map((n) => [n.id, { label: `书面通报${n.number ? ` ${n.number}` : ''}「${n.title}」`, link: consoleLinks.notice(n.id) }]));
}
