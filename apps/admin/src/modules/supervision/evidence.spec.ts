import { describe, expect, it } from 'vitest';
import { sourceLinks, sourceText } from './evidence';

/** Issue 14, defect 7: a violation's source reads as words with a link, never as "595:2025-11-14". */
describe('a violation’s source in words', () => {
  it('words the catalog freshness and catalog compilation sources', () => {
    expect(sourceText({ kind: 'catalog_entry_freshness', id: '595:2025-11-14' })).toBe('数据应于 2025-11-14 前更新');
    expect(sourceText({ kind: 'department_catalog', id: '12:2026' })).toBe('2026 年度目录编制');
    expect(sourceText({ kind: 'share_request_step', id: '5176' })).toBe('');
  });

  it('links the source to its page', () => {
    const v = { source: { kind: 'catalog_entry_freshness', id: '595:2025-11-14' }, evidence: { summary: '…' }, noticeId: null, draftNoticeId: null };
    expect(sourceLinks(v)[0]).toEqual({ label: 'supervision.source.catalogEntry', to: '/catalog/entries/595' });
  });
});
