import { describe, expect, it } from 'vitest';
import { excessiveVolume, finishedDays, grantVolumeSource, VOLUME_FACTOR, VOLUME_FLOOR, type GrantDayVolume } from './volume';

const base: GrantDayVolume = { grantId: 4, consumerId: 9, entryId: 7, entryName: '企业登记信息', day: '2026-12-03', calls: 0, expectedDailyCalls: 100 };
const now = new Date('2026-12-04T02:00:00+08:00');

describe('调用量远超申报用途 (第三十三条(七) clue)', () => {
  it('raises (七) when a day\'s calls exceed the factor times the declared volume, with the numbers in its evidence', () => {
    const v = excessiveVolume({ ...base, calls: VOLUME_FACTOR * 100 + 1 }, now);
    expect(v?.type).toBe(7);
    expect(v?.evidence.summary).toContain('1,001 次');
    expect(v?.evidence.summary).toContain('预计日均 100 次的 10 倍');
    expect(v?.evidence.details).toMatchObject({ grantId: 4, day: '2026-12-03', calls: 1001, expectedDailyCalls: 100 });
  });
  it('stays quiet at the factor exactly, below the absolute floor, and without a declared volume', () => {
    expect(excessiveVolume({ ...base, calls: VOLUME_FACTOR * 100 }, now)).toBeNull();
    expect(excessiveVolume({ ...base, expectedDailyCalls: 1, calls: VOLUME_FLOOR - 1 }, now)).toBeNull();
    expect(excessiveVolume({ ...base, expectedDailyCalls: 1, calls: VOLUME_FLOOR }, now)?.type).toBe(7);
    expect(excessiveVolume({ ...base, expectedDailyCalls: 0, calls: 1_000_000 }, now)).toBeNull();
  });
  it('keys a finding by grant and day; reads the finished Shanghai days', () => {
    expect(grantVolumeSource(4, '2026-12-03')).toEqual({ kind: 'share_grant_volume', id: '4:2026-12-03' });
    // 02:00 in Beijing on the 4th: yesterday is the 3rd, a week back the 27th
    expect(finishedDays(now, 7)).toEqual({ from: '2026-11-27', to: '2026-12-03' });
  });
});
