import type { FieldIssue } from '@govdata/domain';

/** One problem of an upload as the error table shows it: the file's row (1 = the header), the column, the message. */
export interface UploadProblem {
  row: number | null;
  /** the item's name (or field name) */
  column: string | null;
  /** the file's column by position, when the header cell names no item */
  columnNumber: number | null;
  message: string;
}

/**
 * The upload's issues (`rows.<line>.<fieldName>`, `rows.<line>`, `header.<n>`, `header.<fieldName>` — see
 * libs/gateway datasets/upload.ts) as rows and columns, the column by its item's name where the field is known.
 */
export function uploadProblems(issues: readonly FieldIssue[], itemNames: ReadonlyMap<string, string>): UploadProblem[] {
  return issues.map(({ path, message }) => {
    const [kind, at, field] = path.split('.');
    if (kind === 'rows' && /^\d+$/.test(at ?? '')) return { row: Number(at), column: field ? (itemNames.get(field) ?? field) : null, columnNumber: null, message };
    if (kind === 'header' && /^\d+$/.test(at ?? '')) return { row: 1, column: null, columnNumber: Number(at), message };
    if (kind === 'header') return { row: 1, column: at ? (itemNames.get(at) ?? at) : null, columnNumber: null, message };
    return { row: null, column: null, columnNumber: null, message };
  });
}

/** 12.3 MB, 512 KB */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${bytes} B`;
}
