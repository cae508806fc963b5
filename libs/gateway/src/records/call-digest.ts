import type { CallStatus } from '@govdata/domain';
import { sm3Hex } from './chain';

/** One call as recorded (调用记录, 第十六条(四)); calls.ts appends it, its hash covers all of it. */
export interface CallInput {
  at: Date;
  systemId: number | null;
  clientId: string | null;
  departmentId: number | null;
  entryId: number | null;
  grantId: number | null;
  datasetVersion: number | null;
  queryFields: string[];
  /** SM3 of the query values (never the values) */
  queryHash: string | null;
  fieldsReturned: string[];
  rowCount: number;
  status: CallStatus;
  httpStatus: number;
  latencyMs: number;
  /** SM3 of the response body served */
  responseHash: string | null;
}

/*
 * The digest of a call record, in a module of its own that imports nothing heavy (node:crypto through chain.ts): the
 * verification threads and `npm run verify-calls` load it without the ORM (verify-walk.ts).
 */

const j = JSON.stringify;
const texts = (a: string[]): string => `[${a.map((s) => j(s)).join(',')}]`;

/**
 * `canonicalJson(callContent(c))`, written out directly: the keys in their sorted order, no intermediate objects. The
 * chain hashes every record once when it is written and once more at every verification (a million records in
 * seconds, bench:gateway), so the general canonical form is too slow here; `calls.spec.ts` holds the two equal.
 */
export function callCanonical(c: CallInput & { seq: number }): string {
  return `{"at":${j(c.at.toISOString())},"clientId":${j(c.clientId)},"datasetVersion":${j(c.datasetVersion)},"departmentId":${j(c.departmentId)},"entryId":${j(c.entryId)},"fieldsReturned":${texts(c.fieldsReturned)},"grantId":${j(c.grantId)},"httpStatus":${j(c.httpStatus)},"latencyMs":${j(c.latencyMs)},"queryFields":${texts(c.queryFields)},"queryHash":${j(c.queryHash)},"responseHash":${j(c.responseHash)},"rowCount":${j(c.rowCount)},"seq":${j(c.seq)},"status":${j(c.status)},"systemId":${j(c.systemId)}}`;
}

/** A record's content digest: SM3 of its canonical content (what `contentDigest(callContent(c))` gives). */
export const callDigest = (c: CallInput & { seq: number }): string => sm3Hex(callCanonical(c));

/** The columns a verification reads, in this order (arrays, not an object per record: a million are read at a time). */
export const CALL_ROW_COLUMNS = 'id, seq, at, system_id, client_id, department_id, entry_id, grant_id, dataset_version, query_fields, query_hash, fields_returned, row_count, status, http_status, latency_ms, response_hash, prev_hash, hash';

/** A stored record as either engine's driver gives CALL_ROW_COLUMNS back (SQLite: `at` in epoch ms, the arrays as JSON text; PostgreSQL: `at` as text, jsonb parsed). */
export type StoredCallRow = [
  id: number | string,
  seq: number | string,
  at: unknown,
  systemId: number | string | null,
  clientId: string | null,
  departmentId: number | string | null,
  entryId: number | string | null,
  grantId: number | string | null,
  datasetVersion: number | string | null,
  queryFields: string | string[],
  queryHash: string | null,
  fieldsReturned: string | string[],
  rowCount: number | string,
  status: CallStatus,
  httpStatus: number | string,
  latencyMs: number | string,
  responseHash: string | null,
  prevHash: string,
  hash: string,
];

const fromJson = (v: string | string[]): string[] => (typeof v === 'string' ? (JSON.parse(v) as string[]) : v);
const num = (v: number | string | null): number | null => (v === null ? null : Number(v));
const timeOf = (value: unknown): Date => (value instanceof Date ? value : new Date(value as number | string));

/** The call a stored row holds — how a verification reads a record back (the reference for storedCallCanonical). */
export function callOfRow(r: StoredCallRow): CallInput & { seq: number } {
  return {
    seq: Number(r[1]),
    at: timeOf(r[2]),
    systemId: num(r[3]),
    clientId: r[4],
    departmentId: num(r[5]),
    entryId: num(r[6]),
    grantId: num(r[7]),
    datasetVersion: num(r[8]),
    queryFields: fromJson(r[9]),
    queryHash: r[10],
    fieldsReturned: fromJson(r[11]),
    rowCount: Number(r[12]),
    status: r[13],
    httpStatus: Number(r[14]),
    latencyMs: Number(r[15]),
    responseHash: r[16],
  };
}

/** JSON of `Number(v)` (a non-finite number is `null` in JSON); JSON's number text is JavaScript's own. */
const numText = (v: number | string): string => {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? String(n) : 'null';
};
const numOrNull = (v: number | string | null): string => (v === null ? 'null' : numText(v));

/** a time stored by SQLite (epoch ms) whose minute's text can be reused: an integer far enough from Date's limits */
const MS_LIMIT = 8.64e15 - 60_000;
/**
 * a time as PostgreSQL prints a timestamptz in UTC, to the millisecond at most, in the years 1000–9999 (Date reads a
 * year such as 0050 as 1950; PostgreSQL prints only valid dates)
 */
const PG_UTC = /^([1-9]\d{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])) ((?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d)(?:\.(\d{1,3}))?\+00$/;

/**
 * `JSON.stringify(timeOf(at).toISOString())`, without a Date for most records: from epoch ms, the text of the record's
 * minute (made once for all the records of a minute) and its seconds and milliseconds; from PostgreSQL's UTC text,
 * the same digits rearranged. Anything else goes through a Date. call-digest.spec.ts holds them equal.
 */
function timeTexts(): (at: unknown) => string {
  let minute = NaN;
  let prefix = '';
  return (at) => {
    if (typeof at === 'number' && Number.isInteger(at) && Math.abs(at) <= MS_LIMIT) {
      const into = ((at % 60_000) + 60_000) % 60_000;
      if (at - into !== minute) {
        minute = at - into;
        const iso = new Date(minute).toISOString();
        // "…THH:MM:" — the ISO text ends in "ss.sssZ" (also for the six-digit years)
        prefix = `"${iso.slice(0, -7)}`;
      }
      const s = Math.floor(into / 1000);
      const ms = into % 1000;
      return `${prefix}${s < 10 ? '0' : ''}${s}.${ms < 100 ? (ms < 10 ? '00' : '0') : ''}${ms}Z"`;
    }
    if (typeof at === 'string') {
      const m = PG_UTC.exec(at);
      if (m) return `"${m[1]}T${m[2]}.${(m[3] ?? '').padEnd(3, '0')}Z"`;
    }
    return j(timeOf(at).toISOString());
  };
}

/**
 * `callCanonical(callOfRow(row))` straight from the row: no call object, no Date, and the values that repeat from one
 * record to the next (the time when calls share a millisecond, the query and returned fields) turned into text once.
 * A reader per walk (its memory of the last values), byte for byte the same text — call-digest.spec.ts compares them.
 */
export function storedCallCanonical(): (r: StoredCallRow) => string {
  const timeText = timeTexts();
  let atValue: unknown = undefined;
  let atText = '';
  let queryValue: unknown = undefined;
  let queryText = '';
  let returnedValue: unknown = undefined;
  let returnedText = '';
  let clientValue: unknown = undefined;
  let clientText = '';
  let statusValue: unknown = undefined;
  let statusText = '';
  return (r) => {
    const at = r[2];
    if (at !== atValue || typeof at === 'object') {
      atText = timeText(at);
      atValue = at;
    }
    const query = r[9];
    if (query !== queryValue || typeof query !== 'string') {
      queryText = texts(fromJson(query));
      queryValue = query;
    }
    const returned = r[11];
    if (returned !== returnedValue || typeof returned !== 'string') {
      returnedText = texts(fromJson(returned));
      returnedValue = returned;
    }
    if (r[4] !== clientValue) {
      clientText = j(r[4]);
      clientValue = r[4];
    }
    if (r[13] !== statusValue) {
      statusText = j(r[13]);
      statusValue = r[13];
    }
    return `{"at":${atText},"clientId":${clientText},"datasetVersion":${numOrNull(r[8])},"departmentId":${numOrNull(r[5])},"entryId":${numOrNull(r[6])},"fieldsReturned":${returnedText},"grantId":${numOrNull(r[7])},"httpStatus":${numText(r[14])},"latencyMs":${numText(r[15])},"queryFields":${queryText},"queryHash":${j(r[10])},"responseHash":${j(r[16])},"rowCount":${numText(r[12])},"seq":${numText(r[1])},"status":${statusText},"systemId":${numOrNull(r[3])}}`;
  };
}
