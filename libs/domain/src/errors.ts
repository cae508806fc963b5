/**
 * Domain errors. Rules and handlers throw these; the API's single error mapper turns each into an
 * `application/problem+json` response with the status given here. Messages are shown to users: write them in
 * Chinese, say what is wrong and what to do.
 */
export interface FieldIssue {
  /** dotted path of the offending field, e.g. `items.2.name`; empty for the whole payload */
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  constructor(
    message: string,
    /** a stable machine-readable code, e.g. `share_request.not_pending` */
    readonly code: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  readonly status = 400;
  readonly title = '请求内容有误';
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
    code = 'validation_failed',
  ) {
    super(message, code);
  }
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
  readonly title = '未登录或登录已失效';
  constructor(message = '请先登录', code = 'unauthorized') {
    super(message, code);
  }
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly title = '无权操作';
  constructor(message = '您没有执行此操作的权限', code = 'forbidden') {
    super(message, code);
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly title = '未找到';
  constructor(message = '请求的对象不存在', code = 'not_found') {
    super(message, code);
  }
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly title = '操作冲突';
  constructor(message: string, code = 'conflict', extra: Record<string, unknown> = {}) {
    super(message, code, extra);
  }
}

/** What was asked for existed but is gone for good (an export file past its retention). */
export class GoneError extends DomainError {
  readonly status = 410;
  readonly title = '已不存在';
  constructor(message: string, code = 'gone') {
    super(message, code);
  }
}

/** A request that is well-formed but breaks a rule of the regulation or of the workflow. */
export class RuleViolationError extends DomainError {
  readonly status = 422;
  readonly title = '不符合办理规则';
  constructor(message: string, code = 'rule_violation', extra: Record<string, unknown> = {}) {
    super(message, code, extra);
  }
}

export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  readonly title = '请求过于频繁';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    code = 'too_many_requests',
  ) {
    super(message, code, { retryAfterSeconds });
  }
}

export class ServiceUnavailableError extends DomainError {
  readonly status = 503;
  readonly title = '服务暂不可用';
  constructor(message: string, code = 'service_unavailable') {
    super(message, code);
  }
}

/** RFC 9457 problem details as served by the API. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: FieldIssue[];
  [extension: string]: unknown;
}
