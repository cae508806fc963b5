import { describe, expect, it } from 'vitest';
import { callCanonical, callContent, callDigest, type CallInput } from './calls';
import { canonicalJson, contentDigest } from './chain';

const base: CallInput & { seq: number } = {
  seq: 1,
  at: new Date('2026-11-30T01:02:03.456Z'),
  systemId: 3,
  clientId: 'gd_0123456789abcdef0123',
  departmentId: 12,
  entryId: 5,
  grantId: 66,
  datasetVersion: 2,
  queryFields: ['id_number'],
  queryHash: 'a'.repeat(64),
  fieldsReturned: ['id_number', 'name', '住址"引号\\'],
  rowCount: 1,
  status: 'ok',
  httpStatus: 200,
  latencyMs: 4,
  responseHash: 'b'.repeat(64),
};

describe('the call records’ canonical form', () => {
  it('is the general canonical JSON of the record’s content, for every shape a record takes', () => {
    const variants: (CallInput & { seq: number })[] = [
      base,
      { ...base, seq: 987_654_321, systemId: null, clientId: null, departmentId: null, grantId: null, datasetVersion: null, queryFields: [], queryHash: null, fieldsReturned: [], rowCount: 0, status: 'forbidden', httpStatus: 403, responseHash: null },
      { ...base, status: 'rate_limited', httpStatus: 429, queryFields: ['a', 'b\u0001', '姓名'], latencyMs: 0 },
    ];
    for (const v of variants) {
      expect(callCanonical(v)).toBe(canonicalJson(callContent(v)));
      expect(callDigest(v)).toBe(contentDigest(callContent(v)));
    }
  });

  it('changes when any field changes', () => {
    const seen = new Set([callDigest(base)]);
    for (const change of [{ seq: 2 }, { at: new Date(base.at.getTime() + 1) }, { rowCount: 2 }, { fieldsReturned: ['id_number'] }, { status: 'error' as const }, { clientId: 'x' }]) seen.add(callDigest({ ...base, ...change }));
    expect(seen.size).toBe(7);
  });
});
