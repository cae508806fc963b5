import { describe, expect, it } from 'vitest';
import { isOpenItem, openability, openDatasetName } from './rules';

describe('openability (第二十三条, 第二十六条)', () => {
  const approved = { conclusion: 'approved' as const };
  it('is ready only when published, not closed, and both reviews approved', () => {
    expect(openability({ status: 'published', openType: 'open', reviews: { secrecy: approved, disclosure: approved } })).toEqual({ ready: true, reasons: [] });
    expect(openability({ status: 'published', openType: 'on_application', reviews: { secrecy: approved, disclosure: approved } }).ready).toBe(true);
  });
  it('names each missing step', () => {
    const r = openability({ status: 'draft', openType: 'closed', reviews: { secrecy: { conclusion: 'rejected' } } });
    expect(r.ready).toBe(false);
    expect(r.reasons).toEqual(['目录条目尚未发布（或已下线），不能开放', '开放类型为“不予开放”（第二十三条）', '保密审查结论为不同意开放', '尚未记录政务公开审查（第二十六条）']);
  });
  it('a retired entry cannot be opened', () => {
    expect(openability({ status: 'retired', openType: 'open', reviews: { secrecy: approved, disclosure: approved } }).ready).toBe(false);
  });
});

describe('isOpenItem', () => {
  it('never opens 涉密 items, opens sensitive ones only masked', () => {
    expect(isOpenItem({ secret: true, sensitive: false, desensitization: 'mask' })).toBe(false);
    expect(isOpenItem({ secret: false, sensitive: true, desensitization: 'none' })).toBe(false);
    expect(isOpenItem({ secret: false, sensitive: true, desensitization: 'partial_mask' })).toBe(true);
    expect(isOpenItem({ secret: false, sensitive: false, desensitization: 'remove' })).toBe(false);
    expect(isOpenItem({ secret: false, sensitive: false, desensitization: 'none' })).toBe(true);
  });
});

describe('openDatasetName', () => {
  it('is a CKAN name derived from the resource code', () => {
    expect(openDatasetName('3-12-001-002/000017')).toBe('sz-3-12-001-002-000017');
    expect(openDatasetName('1-01-001-001/000001')).toMatch(/^[a-z0-9_-]{2,100}$/);
  });
});
