import { describe, expect, it } from 'vitest';
import { DATA_WITHDRAWN_MIN_CALLS, dataWithdrawnSource, dataWithdrawnWithoutRetirement, type WithdrawnDataFacts } from './withdrawn';

const now = new Date('2026-06-20T01:40:00+08:00');
const facts = (over: Partial<WithdrawnDataFacts> = {}): WithdrawnDataFacts => ({
  entryId: 7,
  entryName: '企业登记信息',
  providerId: 4,
  entryStatus: 'published',
  activeGrants: 2,
  lastVersion: { id: 31, version: 3 },
  liveNow: false,
  failedCalls: DATA_WITHDRAWN_MIN_CALLS,
  okSince: 0,
  firstFailedAt: new Date('2026-06-18T09:00:00+08:00'),
  lastFailedAt: new Date('2026-06-19T16:00:00+08:00'),
  ...over,
});

describe('未经下线程序停止提供数据 (第十九条 → 第三十三条第（五）项)', () => {
  it('is a (五) candidate when grant holders get no data, still none at the check, and no retirement was approved', () => {
    const v = dataWithdrawnWithoutRetirement(facts(), now);
    expect(v?.type).toBe(5);
    expect(v?.evidence.summary).toContain('v3');
    expect(v?.evidence.summary).toContain('2026-06-18 至 2026-06-19');
    expect(v?.evidence.summary).toContain('第三十三条第（五）项');
    expect(v?.evidence.details).toMatchObject({ entryId: 7, activeGrants: 2, failedCalls: 3 });
  });

  it('is nothing when the procedure applies, nobody holds a grant, the data never was or is back, or the failures were few or followed by answers', () => {
    for (const over of [
      { entryStatus: 'retiring' },
      { entryStatus: 'retired' },
      { activeGrants: 0 },
      { lastVersion: null },
      { liveNow: true },
      { failedCalls: DATA_WITHDRAWN_MIN_CALLS - 1 },
      { okSince: 1 },
    ] satisfies Partial<WithdrawnDataFacts>[]) {
      expect(dataWithdrawnWithoutRetirement(facts(over), now), JSON.stringify(over)).toBeNull();
    }
  });

  it('keys a finding by the entry and the version that went missing', () => {
    expect(dataWithdrawnSource(7, 31)).toEqual({ kind: 'entry_data_withdrawn', id: '7:31' });
  });
});
