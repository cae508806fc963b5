import { DomainError } from '../errors';
import type { ImportIssue } from './workflows';

/** An uploaded catalog whose rows break the rules: nothing was saved; every issue names its sheet, row and column. */
export class ImportRejectedError extends DomainError {
  readonly status = 400;
  readonly title = '导入文件有误，未保存任何数据';
  constructor(message: string, issues: ImportIssue[], summary: Record<string, number>) {
    super(message, 'catalog.import_invalid', {
      errors: issues.map((i) => ({ path: `${i.sheet}!${i.column ?? ''}${i.row}`, message: i.message })),
      importIssues: issues,
      summary,
    });
  }
}

/** 413: an upload over its size limit. */
export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
  readonly title = '上传文件过大';
  constructor(message: string, code = 'payload_too_large') {
    super(message, code);
  }
}
