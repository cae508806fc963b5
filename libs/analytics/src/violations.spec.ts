import { describe, it, expect } from 'vitest';
import { countViolationsByType, noticeCandidates, type ViolationRecord } from './violations';

const v = (id: number, departmentId: number, type: ViolationRecord['type'], detectedAt: string, status: ViolationRecord['status'] = 'confirmed', noticeId: number | null = null): ViolationRecord => ({
  id,
  departmentId,
  type,
  status,
  noticeId,
  detectedAt,
});

describe('noticeCandidates (第三十三条)', () => {
  const violations = [
    v(1, 20, 2, '2026-03-02T09:00:00+08:00'),
    v(2, 10, 1, '2026-03-05T09:00:00+08:00'),
    v(3, 20, 1, '2026-02-01T09:00:00+08:00'),
    v(4, 20, 2, '2026-03-01T09:00:00+08:00'),
    v(5, 10, 6, '2026-01-10T09:00:00+08:00', 'candidate'),
    v(6, 10, 5, '2026-01-11T09:00:00+08:00', 'noticed', 99),
    v(7, 30, 9, '2026-04-01T09:00:00+08:00', 'dismissed'),
    v(8, 10, 1, '2026-03-05T09:00:00+08:00'),
  ];

  it('groups confirmed violations without a notice by department, longest-waiting department first', () => {
    const candidates = noticeCandidates(violations);
    expect(candidates.map((c) => [c.departmentId, c.violationIds])).toEqual([
      [20, [3, 4, 1]],
      [10, [2, 8]],
    ]);
    expect(candidates[0]).toMatchObject({
      byType: [
        { type: 1, count: 1, short: '目录未编制或未更新', clause: '第三十三条第（一）项' },
        { type: 2, count: 2, short: '未按规定提供共享', clause: '第三十三条第（二）项' },
      ],
      summary: '目录未编制或未更新 1 起、未按规定提供共享 2 起',
      clauses: ['第三十三条第（一）项', '第三十三条第（二）项'],
      earliestDetectedAt: '2026-02-01T01:00:00.000Z',
    });
  });

  it('returns nothing when every violation is noticed, dismissed or still a candidate', () => {
    expect(noticeCandidates(violations.filter((x) => x.departmentId !== 10 && x.departmentId !== 20))).toEqual([]);
  });
});

describe('countViolationsByType', () => {
  it('counts confirmed, noticed and closed violations detected in the year (Asia/Shanghai)', () => {
    const records = [
      v(1, 10, 1, '2026-05-01T00:00:00+08:00'),
      v(2, 10, 1, '2026-06-01T00:00:00+08:00', 'noticed', 3),
      v(3, 10, 8, '2026-07-01T00:00:00+08:00', 'closed', 3),
      v(4, 10, 1, '2026-07-01T00:00:00+08:00', 'candidate'),
      v(5, 10, 1, '2026-07-01T00:00:00+08:00', 'dismissed'),
      v(6, 11, 1, '2026-07-01T00:00:00+08:00'),
      // 2025-12-31 16:30 UTC is already 2026-01-01 in Shanghai
      v(7, 10, 5, '2025-12-31T16:30:00Z'),
      // 2026-12-31 16:30 UTC is 2027 in Shanghai
      v(8, 10, 5, '2026-12-31T16:30:00Z'),
    ];
    expect(countViolationsByType(records, 10, 2026)).toEqual({ 1: 2, 2: 0, 3: 0, 4: 0, 5: 1, 6: 0, 7: 0, 8: 1, 9: 0 });
  });
});
