import { describe, expect, it } from 'vitest';
import { summaryFigures } from './jobs';

describe('summaryFigures', () => {
  it('lists the main figures first, then the non-zero extra ones, and ignores what is not a figure (a run-now answer’s attempts)', () => {
    const answer = {
      scanned: 12,
      newlyOverdue: 3,
      violationsCreated: 2,
      notificationsSent: 4,
      serviceRecordEntries: 1,
      unassigned: 0,
      ms: 40,
      attempts: [{ id: 1, attempt: 1, status: 'failed' }],
    };
    expect(summaryFigures(answer)).toEqual([
      { key: 'scanned', value: 12 },
      { key: 'newlyOverdue', value: 3 },
      { key: 'violationsCreated', value: 2 },
      { key: 'notificationsSent', value: 4 },
      { key: 'serviceRecordEntries', value: 1 },
    ]);
    expect(summaryFigures(null)).toEqual([]);
  });
});
