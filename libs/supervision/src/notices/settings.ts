import type { EntityManager } from '@mikro-orm/knex';
import { DEFAULT_NOTICE_SETTINGS, type Actor, type NoticeSettingsDto, type UpdateNoticeSettingsInput } from '@govdata/domain';
import { audit } from '@govdata/core';
import { NoticeSettings, type INoticeSettings } from '../entities/notice.entity';

const SETTINGS_ID = 1;

const settingsDto = (s: INoticeSettings): NoticeSettingsDto => ({
  numberPrefix: s.numberPrefix,
  documentMark: s.documentMark,
  issuingAuthority: s.issuingAuthority,
  printingAuthority: s.printingAuthority,
  defaultCopyTo: [...s.defaultCopyTo],
  defaultSigner: s.defaultSigner ?? null,
});

/** The bureau's notice settings; the defaults until the bureau saves its own. */
export async function getNoticeSettings(em: EntityManager): Promise<NoticeSettingsDto> {
  const row = await em.findOne(NoticeSettings, SETTINGS_ID);
  return row ? settingsDto(row) : { ...DEFAULT_NOTICE_SETTINGS, defaultCopyTo: [...DEFAULT_NOTICE_SETTINGS.defaultCopyTo] };
}

/**
 * Changes the settings. A new 代字 applies to notices issued from now on; issued numbers never change, and the
 * per-year sequence runs on whatever the prefix (the counter is per year, not per prefix).
 */
export async function updateNoticeSettings(em: EntityManager, actor: Actor, input: UpdateNoticeSettingsInput, now: Date): Promise<NoticeSettingsDto> {
  const before = await getNoticeSettings(em);
  const after: NoticeSettingsDto = { ...before, ...input };
  let row = await em.findOne(NoticeSettings, SETTINGS_ID);
  if (!row) row = em.create(NoticeSettings, { id: SETTINGS_ID, ...after, updatedAt: now, updatedBy: actor.userId });
  else em.assign(row, { ...after, updatedAt: now, updatedBy: actor.userId });
  audit(em, { actor, action: 'notice_settings.update', subjectType: 'notice_settings', subjectId: SETTINGS_ID, before, after, at: now });
  return settingsDto(row);
}
