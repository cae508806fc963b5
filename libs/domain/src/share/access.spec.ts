import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../roles';
import { canReadGrant, grantListScope } from './grants';
import { assertCoordinationRequestable, assertRequestable, entryShareActions, type RequestableEntry } from './parties';

const actor = (departmentId: number, ...roles: Role[]): Actor => ({ userId: 1, username: 'u', displayName: 'U', roles, departmentId });
const throws = (fn: () => void): boolean => {
  try {
    fn();
    return false;
  } catch {
    return true;
  }
};

describe('the share actions an entry page offers (one home for the rule, used by services and the SPA)', () => {
  const base: RequestableEntry = { id: 300, name: '居民身份证信息', status: 'published', providerId: 20, shareType: 'conditional', noShareReason: null, noShareBasis: null, dedicated: false };
  const entries: RequestableEntry[] = [
    base,
    { ...base, shareType: 'unconditional' },
    { ...base, shareType: 'none', noShareReason: '涉密', noShareBasis: '《保守国家秘密法》' },
    { ...base, dedicated: true },
    { ...base, status: 'retiring' },
    { ...base, status: 'draft' },
  ];
  const dedicatedIds = [10];

  it('offers 申请共享 exactly when the request service would accept it, and 申请协调 exactly when coordination would', () => {
    for (const entry of entries) {
      for (const departmentId of [10, 11, 20]) {
        const a = actor(departmentId, 'dept_admin');
        const offered = entryShareActions(a, entry, dedicatedIds);
        expect(offered.request, `${entry.status}/${entry.shareType}/${entry.dedicated} for ${departmentId}`).toBe(!throws(() => assertRequestable(entry, departmentId, dedicatedIds)));
        expect(offered.coordinate).toBe(!throws(() => assertCoordinationRequestable(entry, departmentId)) && !offered.openDedicated);
      }
    }
  });

  it('offers 开通专用 only to a department on the dedicated list of a published entry (第十六条(三))', () => {
    const dedicated = { ...base, dedicated: true };
    expect(entryShareActions(actor(10, 'dept_admin'), dedicated, dedicatedIds)).toEqual({ request: false, openDedicated: true, coordinate: false });
    expect(entryShareActions(actor(11, 'dept_admin'), dedicated, dedicatedIds)).toEqual({ request: true, openDedicated: false, coordinate: false });
    expect(entryShareActions(actor(10, 'dept_admin'), { ...dedicated, status: 'retiring' }, dedicatedIds).openDedicated).toBe(false);
  });

  it('offers nothing to those who cannot act for a department: leaders and review agents', () => {
    for (const roles of [['leader'], ['dept_agent']] as Role[][]) {
      expect(entryShareActions(actor(11, ...roles), base, [])).toEqual({ request: false, openDedicated: false, coordinate: false });
    }
  });
});

describe('who reads grants', () => {
  const sides = { consumerId: 10, providerId: 20 };
  it('lets the two departments’ data officers, the bureau and leaders read a grant, nobody else', () => {
    expect(canReadGrant(actor(10, 'dept_admin'), sides)).toBe(true);
    expect(canReadGrant(actor(20, 'dept_admin'), sides)).toBe(true);
    expect(canReadGrant(actor(1, 'bureau_admin'), sides)).toBe(true);
    expect(canReadGrant(actor(5, 'leader'), sides)).toBe(true);
    expect(canReadGrant(actor(30, 'dept_admin'), sides)).toBe(false);
    expect(canReadGrant(actor(20, 'dept_agent'), sides)).toBe(false);
  });

  it('gives the list every grant, the department’s, or none', () => {
    expect(grantListScope(actor(1, 'bureau_admin'))).toBe('all');
    expect(grantListScope(actor(5, 'leader'))).toBe('all');
    expect(grantListScope(actor(10, 'dept_admin'))).toBe('department');
    expect(grantListScope(actor(10, 'dept_agent'))).toBe('none');
  });
});
