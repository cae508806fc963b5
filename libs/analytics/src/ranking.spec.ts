import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { defaultScheme2026 } from './default-scheme';
import { averageScores, competitionRanks, scoreAll } from './ranking';
import { factsFor, must } from './testing/fixtures';

describe('competitionRanks', () => {
  it('shares a rank between equal totals and skips the places they took (1224)', () => {
    expect(competitionRanks([90, 85, 85, 70])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([70, 85, 90, 85])).toEqual([4, 2, 1, 2]);
    expect(competitionRanks([60, 60, 60])).toEqual([1, 1, 1]);
    expect(competitionRanks([])).toEqual([]);
  });

  it('gives each total 1 + the number of strictly higher totals', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 40 }), (totals) => {
        expect(competitionRanks(totals)).toEqual(totals.map((t) => 1 + totals.filter((o) => o > t).length));
      }),
    );
  });
});

describe('scoreAll', () => {
  const scheme = defaultScheme2026();
  // 1 and 3 identical; 2 answers fewer replies on time; 4 has a serious violation
  const facts = [
    factsFor(3),
    factsFor(1),
    factsFor(2, { providerRepliesMet: 30 }),
    factsFor(4, {}, { 6: 2 }),
  ];

  it('ranks departments by total, ties sharing a rank and listed by department id', () => {
    const results = scoreAll(scheme, facts);
    expect(results.map((r) => [r.departmentId, r.rank])).toEqual([
      [1, 1],
      [3, 1],
      [4, 3],
      [2, 4],
    ]);
    expect(results[0].total).toBe(results[1].total);
    expect(results[2].total).toBeGreaterThan(results[3].total);
  });

  it('reports the change against last year’s totals, null for a department without one', () => {
    const results = scoreAll(scheme, facts, new Map([
      [1, 80.5],
      [2, 90],
    ]));
    const by = new Map(results.map((r) => [r.departmentId, r]));
    expect(must(by.get(1)).previousTotal).toBe(80.5);
    expect(must(by.get(1)).change).toBe(Math.round((must(by.get(1)).total - 80.5) * 100) / 100);
    expect(must(by.get(2)).change).toBeLessThan(0);
    expect(must(by.get(2)).change).toBe(Math.round((must(by.get(2)).total - 90) * 100) / 100);
    expect(must(by.get(3)).previousTotal).toBeNull();
    expect(must(by.get(3)).change).toBeNull();
  });

  it('refuses the same department twice', () => {
    expect(() => scoreAll(scheme, [factsFor(1), factsFor(1)])).toThrow('部门 1 的事实数据重复出现');
  });

  it('returns an empty ranking for no departments', () => {
    expect(scoreAll(scheme, [])).toEqual([]);
  });
});

describe('averageScores', () => {
  it('averages totals, categories and indicators across departments', () => {
    const results = scoreAll(defaultScheme2026(), [factsFor(1, { providerRepliesMet: 48 }), factsFor(2, { providerRepliesMet: 24 })]);
    const avg = averageScores(results);
    expect(avg.indicators.provider_reply).toBe(15); // (20 + 10) / 2
    expect(avg.total).toBe(Math.round(((results[0].total + results[1].total) / 2) * 100) / 100);
    expect(avg.categories.sharing).toBe((results[0].categories[1].points + results[1].categories[1].points) / 2);
  });
});
