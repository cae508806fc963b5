import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { NoticeStatus, RectifyMode } from '@govdata/domain';
import { Deadline, Department, User, Violation } from '@govdata/core';

/**
 * 书面通报 (第三十三条) — one notice per addressed department (主送); copies (抄送) are names on the 版记. The number
 * (发文字号) is drawn at issue from the per-year counter; (year, sequence) is unique, so a duplicate can never be
 * stored whatever happens above. The document fields are frozen from the settings when it is issued.
 */
export const Notice = defineEntity({
  name: 'Notice',
  tableName: 'notices',
  uniques: [{ properties: ['year', 'sequence'] }],
  indexes: [{ properties: ['department', 'status'] }, { properties: ['status'] }, { properties: ['year', 'department'] }],
  properties: {
    id: p.integer().primary(),
    /** the year of the 成文日期 (Asia/Shanghai); null while a draft */
    year: p.integer().nullable(),
    sequence: p.integer().nullable(),
    /** 发文字号, e.g. 朔政数通〔2026〕7号 */
    number: p.string().length(40).nullable().unique(),
    title: p.string().length(120),
    /** 主送机关 */
    department: () => p.manyToOne(Department).ref(),
    /** 抄送机关 (names, printed on the 版记) */
    copyTo: p.json<string[]>(),
    body: p.text(),
    /**
     * The rectification period: N working days from the issue day, or a fixed last day. A fixed day is stored as
     * `rectifyBy` and becomes, at issue, a natural-day period ending on that day, so the deadline row computes it
     * with the same counting rule as every other clock.
     */
    rectifyMode: p.string().length(12).$type<RectifyMode>(),
    rectifyWorkingDays: p.integer().nullable(),
    rectifyBy: p.string().length(10).nullable(),
    status: p.string().length(12).$type<NoticeStatus>(),
    signer: p.string().length(30).nullable(),
    documentMark: p.string().length(40).nullable(),
    issuingAuthority: p.string().length(40).nullable(),
    printingAuthority: p.string().length(40).nullable(),
    /** 成文日期, YYYY-MM-DD Asia/Shanghai */
    issueDate: p.string().length(10).nullable(),
    issuedAt: p.datetime().nullable(),
    issuedBy: () => p.manyToOne(User).ref().nullable(),
    /** the `notice_rectification` clock, opened at issue */
    deadline: () => p.manyToOne(Deadline).ref().nullable(),
    overdueAt: p.datetime().nullable(),
    escalatedAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
    createdBy: () => p.manyToOne(User).ref(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    version: p.integer().version(),
  },
});
export type INotice = InferEntity<typeof Notice>;

/** The violations a notice covers. A violation belongs to one notice at most (draft or issued): the unique key says so. */
export const NoticeViolation = defineEntity({
  name: 'NoticeViolation',
  tableName: 'notice_violations',
  properties: {
    id: p.integer().primary(),
    notice: () => p.manyToOne(Notice).ref().index(),
    violation: () => p.manyToOne(Violation).ref().unique(),
  },
});
export type INoticeViolation = InferEntity<typeof NoticeViolation>;

/** The last sequence number drawn per year. Incremented inside the issuing transaction: no gap, no duplicate. */
export const NoticeCounter = defineEntity({
  name: 'NoticeCounter',
  tableName: 'notice_counters',
  properties: {
    year: p.integer().primary().autoincrement(false),
    lastSequence: p.integer(),
  },
});
export type INoticeCounter = InferEntity<typeof NoticeCounter>;

/** The bureau's settings for notices (one row, id 1): 发文字号 代字, 份头, 署名, 印发机关, default copies and signer. */
export const NoticeSettings = defineEntity({
  name: 'NoticeSettings',
  tableName: 'notice_settings',
  properties: {
    id: p.integer().primary().autoincrement(false),
    numberPrefix: p.string().length(20),
    documentMark: p.string().length(40),
    issuingAuthority: p.string().length(40),
    printingAuthority: p.string().length(40),
    defaultCopyTo: p.json<string[]>(),
    defaultSigner: p.string().length(30).nullable(),
    updatedAt: p.datetime(),
    updatedBy: () => p.manyToOne(User).ref().nullable(),
  },
});
export type INoticeSettings = InferEntity<typeof NoticeSettings>;
