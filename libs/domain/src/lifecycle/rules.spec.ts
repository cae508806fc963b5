import { describe, expect, it } from 'vitest';
import type { Actor } from '../roles';
import { assertCanReport, assertRetirementProposal, earliestRetireOn, errorConfirmedOf, isCorrecting, retirementDue, sunsetInstant } from './rules';
import { correctionCode, parseCorrectionCode } from './enums';

const officer = (departmentId: number): Actor => ({ userId: 1, username: 'u', displayName: 'U', roles: ['dept_admin'], departmentId });
const fieldOf = (run: () => void): string | undefined => {
  try {
    run();
  } catch (e) {
    return (e as { issues?: { path: string }[] }).issues?.[0]?.path ?? (e as Error).constructor.name;
  }
  return undefined;
};

describe('纠错 rules (第十七条)', () => {
  const entry = { id: 1, name: '人口基础信息', providerId: 10, status: 'published' as const };
  it('lets a consumer report, never the provider or a department that does not use the entry', () => {
    expect(fieldOf(() => assertCanReport(entry, 20, true))).toBeUndefined();
    expect(fieldOf(() => assertCanReport(entry, 10, true))).toBe('entryId');
    expect(fieldOf(() => assertCanReport(entry, 20, false))).toBe('entryId');
    expect(fieldOf(() => assertCanReport({ ...entry, status: 'retired' }, 20, true))).toBe('entryId');
    expect(fieldOf(() => assertCanReport({ ...entry, status: 'retiring' }, 20, true))).toBeUndefined();
  });
  it('counts a confirmed error from the answer, the bureau overriding it', () => {
    expect(errorConfirmedOf('corrected', null)).toBe(true);
    expect(errorConfirmedOf('not_an_error', null)).toBe(false);
    expect(errorConfirmedOf('not_an_error', 'error_confirmed')).toBe(true);
    expect(errorConfirmedOf('scheduled', 'answer_upheld')).toBe(false);
  });
  it('marks 纠错中 while open or contested, and a scheduled fix until its date', () => {
    const base = { decision: null, correctOn: null, bureauDecision: null };
    expect(isCorrecting({ ...base, status: 'open' }, '2026-06-15')).toBe(true);
    expect(isCorrecting({ ...base, status: 'answered', decision: 'scheduled', correctOn: '2026-06-15' }, '2026-06-15')).toBe(true);
    expect(isCorrecting({ ...base, status: 'answered', decision: 'scheduled', correctOn: '2026-06-14' }, '2026-06-15')).toBe(false);
    expect(isCorrecting({ ...base, status: 'answered', decision: 'not_an_error' }, '2026-06-15')).toBe(false);
  });
  it('reads its number back', () => {
    const code = correctionCode(12, new Date('2026-06-15T10:00:00+08:00'));
    expect(code).toBe('JCFK-2026-000012');
    expect(parseCorrectionCode(code.toLowerCase())).toBe(12);
    expect(parseCorrectionCode('jcfk2026-12')).toBe(12);
    expect(parseCorrectionCode('GXSQ-2026-000012')).toBeNull();
  });
});

describe('下线 rules (第十九条)', () => {
  const facts = {
    entry: { id: 1, name: '旧资源', status: 'published' as const, providerId: 10 },
    replacement: { id: 2, name: '新资源', status: 'published' as const },
    retireOn: '2026-07-05',
    entryHadData: true,
    replacementHasLiveData: true,
    pending: false,
  };
  it('needs 20 natural days, the start day not counted', () => {
    expect(earliestRetireOn('2026-06-15')).toBe('2026-07-05');
    expect(fieldOf(() => assertRetirementProposal(officer(10), facts, '2026-06-15'))).toBeUndefined();
    expect(fieldOf(() => assertRetirementProposal(officer(10), { ...facts, retireOn: '2026-07-04' }, '2026-06-15'))).toBe('retireOn');
  });
  it('needs a live replacement other than the entry itself', () => {
    expect(fieldOf(() => assertRetirementProposal(officer(10), { ...facts, replacement: { ...facts.replacement, id: 1 } }, '2026-06-15'))).toBe('replacementEntryId');
    expect(fieldOf(() => assertRetirementProposal(officer(10), { ...facts, replacement: { ...facts.replacement, status: 'draft' } }, '2026-06-15'))).toBe('replacementEntryId');
    expect(fieldOf(() => assertRetirementProposal(officer(10), { ...facts, replacementHasLiveData: false }, '2026-06-15'))).toBe('replacementEntryId');
    expect(fieldOf(() => assertRetirementProposal(officer(10), { ...facts, entryHadData: false, replacementHasLiveData: false }, '2026-06-15'))).toBeUndefined();
    expect(fieldOf(() => assertRetirementProposal(officer(11), facts, '2026-06-15'))).toBe('ForbiddenError');
    expect(fieldOf(() => assertRetirementProposal(officer(10), { ...facts, pending: true }, '2026-06-15'))).toBe('ConflictError');
  });
  it('reminds 5 days before, retires on the day, and sunsets at the start of that day (Asia/Shanghai)', () => {
    expect(retirementDue('2026-07-05', '2026-06-29')).toBeNull();
    expect(retirementDue('2026-07-05', '2026-06-30')).toBe('remind');
    expect(retirementDue('2026-07-05', '2026-07-05')).toBe('retire');
    expect(sunsetInstant('2026-07-05').toUTCString()).toBe('Sat, 04 Jul 2026 16:00:00 GMT');
  });
});
