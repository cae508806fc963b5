import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { pino, type Logger as Pino } from 'pino';
import type { Logger } from '../context';

/** One line per answered request (JSON logs only). */
export interface RequestLogEntry {
  reqId: string;
  method: string;
  url: string;
  status: number;
  ms: number;
  ip: string | undefined;
  userId: number | null;
}

export type LogFormat = 'json' | 'text';

/**
 * The process's logger. `json` (the default in production): pino, one JSON object per line on stdout with `level`,
 * `time`, `msg`, `pid`, `hostname`, and `reqId`/`method`/`url`/`status`/`ms` on request lines — what a log shipper
 * expects. `text` (development): the readable `ISO-time message` lines, without request lines.
 */
export function createLogger(format: LogFormat, opts: { level?: string; name?: string; destination?: NodeJS.WritableStream } = {}): Logger & { pino: Pino | null } {
  if (format === 'text') {
    return {
      pino: null,
      info: (m) => console.log(`${new Date().toISOString()} ${m}`),
      error: (m, e) => console.error(`${new Date().toISOString()} ${m}`, e ?? ''),
    };
  }
  const logger = pino(
    { name: opts.name ?? 'govdata-api', level: opts.level ?? 'info', base: { pid: process.pid, hostname: undefined }, timestamp: pino.stdTimeFunctions.isoTime, messageKey: 'msg' },
    opts.destination ?? process.stdout,
  );
  return {
    pino: logger,
    info: (m) => logger.info(m),
    error: (m, e) => (e === undefined || e === '' ? logger.error(m) : logger.error({ err: e instanceof Error ? e : { message: String(e) } }, m)),
    request: (entry) => logger[entry.status >= 500 ? 'error' : 'info'](entry, 'request'),
  };
}

/** A request id a caller (the reverse proxy) may pass in; anything else is replaced by a fresh UUID. */
const acceptable = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Gives every request an id — the proxy's `X-Request-Id` when it sent a sane one, else a new UUID — echoes it in the
 * `X-Request-Id` response header (people can quote it when reporting a problem) and logs the request when it ends.
 */
export function requestLogging(log: Logger): RequestHandler {
  const begin = requestBegins(log);
  return (req, res, next) => {
    begin(req, res);
    next();
  };
}

/** The request id and the log line of `requestLogging`, for the read lane that starts before Express's router (mount.ts). */
export function requestBegins(log: Logger): (req: Request, res: Response) => void {
  return (req, res) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && acceptable.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    const started = performance.now();
    if (log.request) {
      const request = log.request;
      res.on('finish', () =>
        request({
          reqId: id,
          method: req.method,
          url: req.originalUrl,
          status: res.statusCode,
          ms: Math.round((performance.now() - started) * 10) / 10,
          ip: req.ip,
          userId: req.auth?.actor.userId ?? null,
        }),
      );
    }
  };
}
