import type { ErrorRequestHandler, Request, Response } from 'express';
import { ZodError } from 'zod';
import { CalendarGapError } from '@govdata/workdays';
import { DomainError, ValidationError, type FieldIssue, type ProblemDetails } from '@govdata/domain';
import { NotFoundError as OrmNotFoundError, OptimisticLockError, UniqueConstraintViolationException, ForeignKeyConstraintViolationException } from '@mikro-orm/core';

const TYPE_BASE = 'https://govdata.shuozhou.gov.cn/problems/';

export function sendProblem(res: Response, problem: ProblemDetails): void {
  if ((problem.status === 429 || problem.status === 503) && typeof problem.retryAfterSeconds === 'number') res.setHeader('Retry-After', String(problem.retryAfterSeconds));
  // an oversized body is not read to its end: close the connection instead of draining it
  if (problem.status === 413) res.setHeader('Connection', 'close');
  // Node's API: the read lane's responses are Node's own (mount.ts readLane)
  const body = JSON.stringify(problem);
  res.statusCode = problem.status;
  res.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/** Zod issues as field issues, prefixed by where they came from (body, query, params). */
export function zodIssues(error: ZodError, location: string): FieldIssue[] {
  return error.issues.map((i) => ({ path: [location, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message }));
}

export function validationFromZod(error: ZodError, location: string): ValidationError {
  const issues = zodIssues(error, location);
  const first = issues[0];
  const detail = first ? `${first.path ? `${first.path}：` : ''}${first.message}${issues.length > 1 ? `（另有 ${issues.length - 1} 处问题）` : ''}` : '请求内容有误';
  return new ValidationError(detail, issues);
}

function toProblem(err: unknown, instance: string): ProblemDetails | null {
  if (err instanceof DomainError) {
    return {
      type: TYPE_BASE + err.code,
      title: err.title,
      status: err.status,
      detail: err.message,
      code: err.code,
      instance,
      ...(err instanceof ValidationError && err.issues.length ? { errors: err.issues } : {}),
      ...err.extra,
    };
  }
  if (err instanceof ZodError) return toProblem(validationFromZod(err, ''), instance);
  if (err instanceof CalendarGapError) {
    return { type: TYPE_BASE + 'calendar.gap', title: '缺少节假日安排', status: 422, detail: `${err.year} 年的节假日安排尚未录入，无法按工作日计算期限。请平台管理员在“工作日历”中录入国务院办公厅通知。`, code: 'calendar.gap', instance };
  }
  if (err instanceof OrmNotFoundError) {
    // findOneOrFail / getReference of a record that does not exist (its message names the entity and the query: not shown)
    return { type: TYPE_BASE + 'not_found', title: '记录不存在', status: 404, detail: '请求的记录不存在或已被删除，请检查编号后重试', code: 'not_found', instance };
  }
  if (err instanceof OptimisticLockError) {
    return { type: TYPE_BASE + 'conflict.stale', title: '操作冲突', status: 409, detail: '该记录已被他人修改或已处理，请刷新后重试', code: 'conflict.stale', instance };
  }
  if (err instanceof UniqueConstraintViolationException) {
    return { type: TYPE_BASE + 'conflict.duplicate', title: '操作冲突', status: 409, detail: '记录已存在或已被并发处理，请刷新后重试', code: 'conflict.duplicate', instance };
  }
  if (err instanceof ForeignKeyConstraintViolationException) {
    return { type: TYPE_BASE + 'conflict.reference', title: '操作冲突', status: 409, detail: '引用的记录不存在或仍被其他记录使用', code: 'conflict.reference', instance };
  }
  // body-parser errors: malformed JSON, oversized body, wrong charset
  const e = err as { type?: string; status?: number; expose?: boolean };
  if (e && typeof e === 'object' && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    const byType: Record<string, [string, string]> = {
      'entity.parse.failed': ['请求内容不是有效的 JSON', '请检查请求体的 JSON 格式'],
      'entity.too.large': ['请求内容过大', '请求体超过 1 MB 上限，请拆分后再提交'],
      'encoding.unsupported': ['不支持的字符编码', '请使用 UTF-8 编码'],
      'charset.unsupported': ['不支持的字符编码', '请使用 UTF-8 编码'],
    };
    const [title, detail] = byType[e.type ?? ''] ?? ['请求有误', '请求无法处理'];
    return { type: TYPE_BASE + (e.type ?? 'bad_request'), title, status: e.status, detail, code: e.type ?? 'bad_request', instance };
  }
  return null;
}

/**
 * What a log line may say about an unexpected error. In production it carries no request values: an error's
 * message can quote them (a database driver's message holds the whole SQL with its parameters, issue 13 item 2),
 * so only the error's class, its code and the stack frames are kept. Elsewhere the error itself is logged.
 */
export function errorForLog(err: unknown, production: boolean): unknown {
  if (!production) return err;
  if (!(err instanceof Error)) return `${typeof err} thrown (value withheld in production)`;
  const e = err as Error & { code?: unknown; sqlState?: unknown };
  const code = [e.code, e.sqlState].filter((c) => typeof c === 'string' || typeof c === 'number').join('/');
  const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
  return `${e.name}${code ? ` [${code}]` : ''} (message withheld in production)\n${frames.join('\n')}`;
}

/** The route pattern (`/api/users/:id`), never the URL with its values, for production logs. */
const routeOf = (req: Request): string => (req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : '(no route)');

/** The one error mapper: domain and input errors → 4xx problem+json; anything else is a bug → 500, logged. */
export function errorMapper(log: (msg: string, err: unknown) => void, options: { production?: boolean } = {}): ErrorRequestHandler {
  const production = options.production ?? false;
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const problem = toProblem(err, req.originalUrl);
    if (problem) return sendProblem(res, problem);
    log(`unhandled error on ${req.method} ${production ? routeOf(req) : req.originalUrl} (request ${String(res.locals.requestId ?? '-')})`, errorForLog(err, production));
    sendProblem(res, { type: TYPE_BASE + 'internal', title: '服务器内部错误', status: 500, detail: '服务器处理请求时出错，已记录，请稍后重试或联系平台运维', code: 'internal', instance: req.originalUrl });
  };
}

/**
 * Node answers malformed requests itself, before Express: request headers over its limit get a bare 431. This
 * answers them as problem+json too (installed on the server in main.ts); other parse errors get a 400.
 */
export function answerClientError(err: Error & { code?: string }, socket: import('node:stream').Duplex): void {
  if (!socket.writable) return void socket.destroy();
  const [status, reason, problem] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', { type: TYPE_BASE + 'headers_too_large', title: '请求头过大', status: 431, detail: '请求头超过服务器上限，请清除本站 Cookie 后重试', code: 'headers_too_large' }]
      : [400, 'Bad Request', { type: TYPE_BASE + 'bad_request', title: '请求有误', status: 400, detail: '请求格式无法解析', code: 'bad_request' }];
  const body = JSON.stringify(problem);
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
