import { describe, expect, it } from 'vitest';
import { ENDED_GRANT_CALL_TOLERANCE, grantEnding, unauthorisedUseOf, type EndedGrantCalls } from './misuse';

const now = new Date('2026-12-03T10:00:00+08:00');
const base: EndedGrantCalls = {
  grantId: 7,
  consumerId: 3,
  entryId: 11,
  entryName: '户籍迁移信息',
  status: 'active',
  validUntil: '2027-06-30',
  revokedAt: null,
  destroyedOn: null,
  refusedCalls: ENDED_GRANT_CALL_TOLERANCE,
  firstAt: new Date('2026-12-01T09:00:00+08:00'),
  lastAt: new Date('2026-12-02T16:00:00+08:00'),
  systems: ['一网通办业务协同系统'],
};

describe('calls after a grant ended → 第三十三条第（六）项 (issue 15 §6)', () => {
  it('says how and when a grant ended, and nothing while it is in force', () => {
    expect(grantEnding(base, '2026-12-03')).toBeNull();
    expect(grantEnding({ ...base, validUntil: '2026-11-30' }, '2026-12-03')).toEqual({ how: 'expired', on: '2026-11-30' });
    // the last day of validity is still in force
    expect(grantEnding({ ...base, validUntil: '2026-12-03' }, '2026-12-03')).toBeNull();
    // revoked at 23:30 UTC on 11-30 is 12-01 in Shanghai
    expect(grantEnding({ ...base, status: 'revoked', revokedAt: new Date('2026-11-30T23:30:00Z') }, '2026-12-03')).toEqual({ how: 'revoked', on: '2026-12-01' });
    expect(grantEnding({ ...base, status: 'destroyed', destroyedOn: '2026-11-20' }, '2026-12-03')).toEqual({ how: 'destroyed', on: '2026-11-20' });
  });

  it('tolerates a few retries around a revocation or expiry, none after a declared destruction', () => {
    const revoked = { ...base, status: 'revoked' as const, revokedAt: new Date('2026-12-01T08:00:00+08:00') };
    expect(unauthorisedUseOf({ ...revoked, refusedCalls: ENDED_GRANT_CALL_TOLERANCE - 1 }, now)).toBeNull();
    expect(unauthorisedUseOf(revoked, now)?.type).toBe(6);
    expect(unauthorisedUseOf({ ...base, status: 'destroyed', destroyedOn: '2026-11-20', refusedCalls: 1 }, now)?.type).toBe(6);
    expect(unauthorisedUseOf({ ...base, refusedCalls: 50 }, now)).toBeNull();
  });

  it('writes evidence a person can check: the grant, how it ended, the calls and the clause', () => {
    const v = unauthorisedUseOf({ ...base, validUntil: '2026-11-30', refusedCalls: 12 }, now);
    expect(v?.evidence.summary).toBe('“户籍迁移信息”的共享授权已于 2026-11-30 到期，本部门接入系统（一网通办业务协同系统）此后仍调用 12 次（2026-12-01 至 2026-12-02，均被平台拒绝），属第三十三条第（六）项所列“共享数据管理失控”情形的线索');
    expect(v?.evidence.details).toMatchObject({ grantId: 7, ending: 'expired', endedOn: '2026-11-30', refusedCalls: 12 });
  });
});
