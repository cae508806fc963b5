import { describe, it, expect } from 'vitest';
import { DEADLINE_KINDS, type DeadlineKind } from '@govdata/domain';
import { type DepartmentYearFacts, DEADLINE_FACTS, FACT_BOUNDS, FACT_KEYS, FACT_SPECS, departmentYearFactsSchema, emptyFacts, factInconsistencies } from './facts';
import { factsFor } from './testing/fixtures';

describe('facts contract', () => {
  it('describes every fact with a label, unit, article and definition', () => {
    expect(Object.keys(FACT_SPECS).sort()).toEqual([...FACT_KEYS].sort());
    for (const k of FACT_KEYS) {
      expect(FACT_SPECS[k].label.length).toBeGreaterThan(0);
      expect(FACT_SPECS[k].article).toMatch(/^第.+条/);
      expect(FACT_SPECS[k].definition.length).toBeGreaterThan(0);
    }
  });

  it('maps every department-responsible deadline kind to a due fact and a met fact', () => {
    const departmentKinds = (Object.keys(DEADLINE_KINDS) as DeadlineKind[]).filter((k) => DEADLINE_KINDS[k].responsible === 'department');
    expect(Object.keys(DEADLINE_FACTS).sort()).toEqual(departmentKinds.sort());
    for (const { due, met } of Object.values(DEADLINE_FACTS)) {
      expect(FACT_BOUNDS).toContainEqual({ parts: [met], whole: due });
    }
  });

  it('accepts consistent facts and refuses parts above their whole, negative or fractional counts, unknown keys', () => {
    expect(departmentYearFactsSchema.safeParse(factsFor(1)).success).toBe(true);
    expect(departmentYearFactsSchema.safeParse(emptyFacts(1, 2026)).success).toBe(true);

    const over = departmentYearFactsSchema.safeParse(factsFor(1, { entriesShareUnconditional: 30, entriesShareConditional: 30 }));
    expect(over.success).toBe(false);
    expect(over.error?.issues.map((i) => i.message)).toEqual(['无条件共享条目 + 有条件共享条目（60）超过已发布目录条目数（50）']);

    expect(departmentYearFactsSchema.safeParse(factsFor(1, { providerRepliesDue: -1 })).success).toBe(false);
    expect(departmentYearFactsSchema.safeParse(factsFor(1, { providerRepliesDue: 1.5 })).success).toBe(false);
    const extra = { ...factsFor(1), values: { ...factsFor(1).values, happiness: 3 } };
    expect(departmentYearFactsSchema.safeParse(extra).success).toBe(false);
  });

  it('skips a bound when one side is missing, and checks the window lies in the year', () => {
    expect(factInconsistencies(factsFor(1, { providerRepliesDue: null, providerRepliesMet: 999 }))).toEqual([]);
    expect(factInconsistencies({ ...factsFor(1), asOf: '2027-01-05' })).toEqual(['统计日 2027-01-05 不在 2026 年度内']);
  });

  it('parses into the DepartmentYearFacts type the scoring takes', () => {
    const parsed: DepartmentYearFacts = departmentYearFactsSchema.parse(JSON.parse(JSON.stringify(factsFor(1, {}, { 6: 2 }))));
    expect(parsed.violationsByType?.[6]).toBe(2);
  });

  it('builds empty facts with every source missing', () => {
    const f = emptyFacts(9, 2026);
    expect(f.asOf).toBe('2026-12-31');
    expect(Object.values(f.values).every((x) => x === null)).toBe(true);
    expect(f.violationsByType).toBeNull();
  });
});
