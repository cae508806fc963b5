import { FACT_KEYS, zeroViolationCounts, type DepartmentYearFacts, type FactValues, type ViolationCounts } from '../facts';

/**
 * Test fixtures (not exported from the library entry). A department whose every source exists, with plausible
 * counts; override what a test is about.
 */
export const TYPICAL_VALUES: FactValues = {
  catalogEntries: 60,
  catalogEntriesPublished: 50,
  catalogEntriesMetadataComplete: 45,
  catalogUpdatesDue: 4,
  catalogUpdatesMet: 3,
  providerRepliesDue: 48,
  providerRepliesMet: 45,
  providerRepliesUnanswered: 0,
  shareRejections: 6,
  shareRejectionsWithoutBasis: 1,
  correctionsDue: 10,
  correctionsMet: 9,
  confirmedDataErrors: 2,
  entriesWithCycle: 40,
  entriesWithinCycle: 36,
  entriesShareUnconditional: 10,
  entriesShareConditional: 35,
  entriesOpenUnconditional: 8,
  entriesOpenOnApplication: 4,
  openApplicationsDue: 5,
  openApplicationsMet: 5,
  noticeRectificationsDue: 1,
  noticeRectificationsMet: 1,
  openDatasets: 8,
  openDatasetsUsed: 5,
  sharedCallsServed: 1200,
  sharedCallsMade: 900,
};

export function factsFor(
  departmentId: number,
  values: Partial<FactValues> = {},
  violations: Partial<ViolationCounts> | null = {},
  year = 2026,
): DepartmentYearFacts {
  return {
    departmentId,
    year,
    asOf: `${year}-12-31`,
    values: { ...TYPICAL_VALUES, ...values },
    violationsByType: violations === null ? null : { ...zeroViolationCounts(), ...violations },
  };
}

/** Every fact null: no source exists. */
export function nullValues(): FactValues {
  return Object.fromEntries(FACT_KEYS.map((k) => [k, null])) as FactValues;
}

/** The value, or a test failure naming what was not found (instead of a non-null assertion). */
export function must<T>(value: T | undefined | null, what = 'value'): T {
  if (value === undefined || value === null) throw new Error(`expected ${what} to exist`);
  return value;
}

/** The item with the id, or a test failure. */
export function byId<T extends { id: string }>(items: readonly T[], id: string): T {
  return must(items.find((i) => i.id === id), `item ${id}`);
}
