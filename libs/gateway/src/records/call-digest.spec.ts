import { describe, expect, it } from 'vitest';
import { callCanonical, callDigest, callOfRow, storedCallCanonical, type StoredCallRow } from './call-digest';
import { callContent } from './calls';
import { canonicalJson, sm3Hex } from './chain';

const h = (c: string) => c.repeat(64);
/** A stored row as SQLite gives it back: `at` in epoch ms, the field lists as JSON text. */
const sqliteRow = (seq: number, over: Partial<Record<number, unknown>> = {}): StoredCallRow => {
  const row: unknown[] = [seq + 100, seq, Date.UTC(2026, 11, 4, 3, 4, 5, 678), 3, 'gd_0123456789abcdef0123', 12, 5, 66, 2, '["id_number"]', h('a'), '["id_number","name"]', 1, 'ok', 200, 4, h('b'), h('c'), h('d')];
  for (const [i, v] of Object.entries(over)) row[Number(i)] = v;
  return row as StoredCallRow;
};

describe('a stored record’s canonical form, straight from its row', () => {
  const rows: StoredCallRow[] = [
    sqliteRow(1),
    // the same time and field lists as the row before (the remembered texts)
    sqliteRow(2),
    sqliteRow(3, { 2: Date.UTC(2026, 11, 4, 3, 4, 5, 679), 9: '["id_number","姓名"]' }),
    // nulls everywhere a record has them, empty lists, a refused call
    sqliteRow(4, { 3: null, 4: null, 5: null, 6: null, 7: null, 8: null, 9: '[]', 10: null, 11: '[]', 12: 0, 13: 'forbidden', 14: 403, 16: null }),
    // unicode, quotes, backslashes, control characters, a lone surrogate in the field names and the client id
    sqliteRow(5, { 4: 'gd_"引号"\\\u0001', 9: '["a","b\\u0001","住址\\"\\\\","\\ud800","\\u2028"]', 11: '["😀","\\t\\n"]' }),
    // PostgreSQL: `at` as the server's text, jsonb already parsed, the same arrays again (not the same objects)
    sqliteRow(6, { 2: '2026-12-04 03:04:05.678+00', 9: ['id_number'], 11: ['id_number', 'name'] }),
    sqliteRow(7, { 2: '2026-12-04 11:04:05.678+08', 9: ['id_number'], 11: ['id_number', 'name'] }),
    sqliteRow(8, { 2: new Date(Date.UTC(2030, 0, 1)), 9: ['x'], 11: [] }),
    // numbers as text (PostgreSQL's bigint), and values only an edit could leave: not a number, a fraction, huge
    sqliteRow(9, { 0: '109', 1: '9', 3: '3', 12: '17', 14: '200', 15: '0' }),
    sqliteRow(10, { 3: 'x', 5: 2.5, 6: 1e21, 12: null, 14: 'abc', 15: -0 }),
    sqliteRow(987_654_321, { 2: 0 }),
  ];

  it('is callCanonical of the call the row holds, byte for byte, for every shape a row takes', () => {
    const canonical = storedCallCanonical();
    for (const row of rows) {
      const text = canonical(row);
      expect(text).toBe(callCanonical(callOfRow(row)));
      expect(sm3Hex(text)).toBe(callDigest(callOfRow(row)));
    }
    // in another order too: what is remembered from one row never leaks into the next
    const again = storedCallCanonical();
    for (const row of [...rows].reverse()) expect(again(row)).toBe(callCanonical(callOfRow(row)));
  });

  it('is the general canonical JSON of the record’s content for the rows the platform writes', () => {
    const canonical = storedCallCanonical();
    for (const row of rows.slice(0, 9)) expect(canonical(row)).toBe(canonicalJson(callContent(callOfRow(row))));
  });

  it('writes every stored time as the Date would, record after record', () => {
    const day = Date.UTC(2026, 11, 4);
    const times: unknown[] = [
      // epoch ms: consecutive records in one minute, across minutes, hours, days and years, before 1970, at Date's limits
      ...[0, 1, 9, 10, 99, 100, 999, 1000, 59_999, 60_000, 60_001, 3_599_999, 86_399_999].map((ms) => day + ms),
      Date.UTC(2026, 11, 31, 23, 59, 59, 999),
      Date.UTC(2027, 0, 1),
      -1,
      -60_000,
      -60_001,
      Date.UTC(1969, 11, 31, 23, 59, 59, 5),
      0,
      8.64e15 - 60_000,
      8.64e15,
      -8.64e15,
      Date.UTC(275760, 8, 12),
      1.5,
      // PostgreSQL's text: to the millisecond or less, other offsets, years Date reads its own way, microseconds
      '2026-12-04 11:02:44.123+00',
      '2026-12-04 11:02:44.12+00',
      '2026-12-04 11:02:44.1+00',
      '2026-12-04 11:02:44+00',
      '2026-12-04 19:02:44.123+08',
      '2026-12-04 11:02:44.123456+00',
      '1969-12-31 23:59:59.999+00',
      '1000-01-01 00:00:00+00',
      '0999-12-31 23:59:59.9+00',
      '0050-01-01 00:00:00+00',
      '9999-12-31 23:59:59.999+00',
      '2026-12-04T11:02:44.123Z',
      new Date(day + 5),
    ];
    const canonical = storedCallCanonical();
    for (const at of [...times, ...[...times].reverse()]) {
      const row = sqliteRow(1, { 2: at });
      expect(canonical(row), String(at)).toBe(callCanonical(callOfRow(row)));
    }
  });

  it('fails as the call would on a time that is not one', () => {
    const canonical = storedCallCanonical();
    const bad = sqliteRow(1, { 2: 'not a time' });
    expect(() => callCanonical(callOfRow(bad))).toThrow(RangeError);
    expect(() => canonical(bad)).toThrow(RangeError);
    expect(() => canonical(bad)).toThrow(RangeError);
    expect(canonical(sqliteRow(2))).toBe(callCanonical(callOfRow(sqliteRow(2))));
  });
});
