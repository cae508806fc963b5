import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { CallStatus } from '@govdata/domain';

/**
 * 调用记录 (第十六条(四)) — one gateway call, allowed or refused. Append-only (database triggers refuse UPDATE and
 * DELETE) and hash-chained: `hash` = SM3 of the record's canonical content and `prevHash`, the hash of the record
 * before it. Query values are not kept, only their SM3 (`queryHash`). Ids are plain numbers, not foreign keys: the
 * evidence outlives what it names. `at` is the real time of the call (security time, never the business clock).
 */
export const CallRecord = defineEntity({
  name: 'CallRecord',
  tableName: 'call_records',
  indexes: [{ name: 'call_records_at_covering_index', properties: ['at', 'status', 'departmentId', 'entryId', 'clientId'] }, { properties: ['entryId', 'at'] }, { properties: ['systemId', 'at'] }, { properties: ['departmentId', 'at'] }, { properties: ['grantId', 'at'] }],
  properties: {
    id: p.integer().primary(),
    /** position in the chain: 1, 2, 3 … without gaps (a gap is a deleted record) */
    seq: p.integer().unique(),
    at: p.datetime(),
    systemId: p.integer().nullable(),
    clientId: p.string().length(40).nullable(),
    departmentId: p.integer().nullable(),
    entryId: p.integer().nullable(),
    grantId: p.integer().nullable(),
    datasetVersion: p.integer().nullable(),
    queryFields: p.json<string[]>(),
    queryHash: p.string().length(64).nullable(),
    fieldsReturned: p.json<string[]>(),
    rowCount: p.integer(),
    status: p.string().length(16).$type<CallStatus>(),
    httpStatus: p.integer(),
    latencyMs: p.integer(),
    responseHash: p.string().length(64).nullable(),
    prevHash: p.string().length(64),
    hash: p.string().length(64),
  },
});
export type ICallRecord = InferEntity<typeof CallRecord>;

/** 日封存 — the last hash of a Shanghai day's call records, signed with the platform key (Ed25519). */
export const CallSeal = defineEntity({
  name: 'CallSeal',
  tableName: 'call_seals',
  properties: {
    day: p.string().length(10).primary(),
    lastSeq: p.integer(),
    lastHash: p.string().length(64),
    count: p.integer(),
    signature: p.string().length(200),
    keyId: p.string().length(64),
    sealedAt: p.datetime(),
  },
});
export type ICallSeal = InferEntity<typeof CallSeal>;

/**
 * Calls counted per access key (`g:<grant id>`, or `d:<entry>:<department>` for 专用 access) and Shanghai day: the
 * daily quota (atomic upsert, shared by every API process).
 */
export const GrantUsage = defineEntity({
  name: 'GrantUsage',
  tableName: 'grant_usage',
  properties: {
    accessKey: p.string().length(40).primary(),
    day: p.string().length(10).primary(),
    calls: p.integer(),
  },
});

/** 调用限额 of a grant set by the provider or the bureau; without a row the platform defaults apply. */
export const GrantLimit = defineEntity({
  name: 'GrantLimit',
  tableName: 'grant_limits',
  properties: {
    grantId: p.integer().primary(),
    perMinute: p.integer(),
    perDay: p.integer(),
    updatedAt: p.datetime(),
  },
});

/**
 * The head of the call-record chain (one row): the seq and hash of the last record. Appends lock it (UPDATE … in the
 * appending transaction), so two writers never extend the same link; a record deleted from the end shows as a head
 * the records do not reach.
 */
export const CallChainHead = defineEntity({
  name: 'CallChainHead',
  tableName: 'call_chain_head',
  properties: {
    id: p.integer().primary(),
    seq: p.integer(),
    lastHash: p.string().length(64),
  },
});
