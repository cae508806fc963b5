import { violationSourceLink, type ViolationDto, type ViolationEvidence } from '@govdata/domain';
import { formatDateTime } from '../../composables/format';

/** A link from a violation to what it rests on, as the SPA routes it (label is an i18n key). */
export interface SourceLink {
  label: string;
  to: string;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);

/**
 * Where a violation's source lives in the console: the subject's page from the domain's registry of source kinds
 * (`VIOLATION_SOURCE_KINDS`), then the missed deadline and the notice the violation went into.
 */
export function sourceLinks(v: Pick<ViolationDto, 'source' | 'evidence' | 'noticeId' | 'draftNoticeId'>): SourceLink[] {
  const links: SourceLink[] = [];
  const details = v.evidence.details ?? {};
  const subject = violationSourceLink(v.source, details);
  if (subject) links.push({ label: subject.opens ? `supervision.source.${subject.opens}` : 'supervision.openSubject', to: subject.to });
  const deadline = num(details.deadlineId);
  if (deadline) links.push({ label: 'supervision.source.deadline', to: `/deadlines/${deadline}` });
  if (v.noticeId) links.push({ label: 'supervision.source.notice', to: `/notices/${v.noticeId}` });
  else if (v.draftNoticeId) links.push({ label: 'supervision.source.draft', to: `/notices/${v.draftNoticeId}` });
  return links;
}

/**
 * The source in words, after its kind's name — never the raw (kind, id) pair such as "595:2025-11-14" (issue 14,
 * defect 7): 目录数据应于 2025-11-14 前更新 · 2026 年度目录编制. Empty when the kind's name and the link say it all.
 */
export function sourceText(source: ViolationDto['source']): string {
  const [, second] = source.id.split(':');
  switch (source.kind) {
    case 'catalog_entry_freshness':
      return second ? `数据应于 ${second} 前更新` : '';
    case 'department_catalog':
      return second ? `${second} 年度目录编制` : '';
    default:
      return '';
  }
}

/** The evidence as label/value rows (label = i18n key), in reading order; empty values left out. */
export function evidenceRows(e: ViolationEvidence, detectedAt: string): { label: string; value: string }[] {
  const rows: { label: string; value: string }[] = [];
  if (e.dueAt) rows.push({ label: 'supervision.evidence.dueAt', value: formatDateTime(e.dueAt) });
  if (e.completedAt) rows.push({ label: 'supervision.evidence.completedAt', value: formatDateTime(e.completedAt) });
  else if (e.dueAt) rows.push({ label: 'supervision.evidence.observedAt', value: `${formatDateTime(e.observedAt ?? detectedAt)}（未完成）` });
  else if (e.observedAt) rows.push({ label: 'supervision.evidence.foundAt', value: formatDateTime(e.observedAt) });
  if (e.workingDaysLate !== null && e.workingDaysLate !== undefined) rows.push({ label: 'supervision.evidence.late', value: `${e.workingDaysLate} 个工作日` });
  if (e.article) rows.push({ label: 'supervision.evidence.article', value: e.article });
  return rows;
}

/** Extra facts an inspector recorded (details other than the technical keys the detectors add). */
// what the detectors store for machines; the summary already says it in words
const TECHNICAL = new Set(['deadlineId', 'kind', 'dueDate', 'subjectType', 'subjectId', 'noticeId', 'requestId', 'shareRequestId', 'entryId', 'cycle', 'since', 'basis', 'expectedDate', 'departmentId', 'triggerId', 'candidateId']);
export function extraDetails(e: ViolationEvidence): { key: string; value: string }[] {
  return Object.entries(e.details ?? {})
    .filter(([k, v]) => !TECHNICAL.has(k) && v !== null && v !== undefined && v !== '')
    .map(([key, v]) => ({ key, value: typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v) }));
}

/** 一 … 九 with the clause and the regulation's words, for the type filter and the manual form. */
export const DETAIL_KEY_LABELS: Record<string, string> = { inspector: '检查人', method: '检查方式', number: '通报文号', title: '通报标题', location: '地点' };
