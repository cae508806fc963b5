import request from 'supertest';
import type { Express } from 'express';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CalendarHolder, configureAuditSealKey, configureExportDir } from '@govdata/core';
import { DEMO_PASSWORD, seedDemo } from '@govdata/demo';
import { type TestDatabase } from '@govdata/core/testing';
import { createPlatformTestDatabase } from '@govdata/platform/testing';
import { FunctionClock, PinnedClock } from '@govdata/domain';
import { createApp } from '../app';
import { CLIENT_HEADER, CLIENT_HEADER_VALUE } from '../http/csrf';
import { parseConfig } from '../config';
import type { AppContext, JobRunner } from '../context';
import { startInProcessRunner } from '../jobs/in-process';

export interface TestApp {
  app: Express;
  ctx: AppContext;
  db: TestDatabase;
  /** the business clock, pinned */
  clock: PinnedClock;
  /** moves the app's real-time clock (sessions, throttles) forward, as if that much time had passed */
  advanceRealTime(ms: number): void;
  /** a supertest agent logged in as a demo account (cookie kept) */
  as(username: string): Promise<ReturnType<typeof request.agent>>;
  anonymous(): ReturnType<typeof request.agent>;
  close(): Promise<void>;
}

/**
 * A real app over a real, throw-away database (SQLite file, or PostgreSQL when DATABASE_URL says so), with a
 * pinned clock and the demo organisation (or more of the demo, up to the seeder named in `seedUntil`).
 */
export async function createTestApp(options: { now?: string; seedUntil?: string | null; env?: Record<string, string>; jobs?: JobRunner } = {}): Promise<TestApp> {
  const db = await createPlatformTestDatabase();
  const clock = new PinnedClock(options.now ?? '2026-06-15T10:00:00+08:00');
  const calendar = await CalendarHolder.load(db.fork());
  if (options.seedUntil !== null) await seedDemo(db.fork(), { now: clock.now(), calendar, until: options.seedUntil ?? 'organisation' });
  // the audit seal key of this test process (generated once), never the development key under data/
  configureAuditSealKey({ file: path.join(os.tmpdir(), `govdata-test-audit-key-${process.pid}.pem`), create: true });
  // export jobs write into a directory of this app's own, removed at close
  const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govdata-test-exports-'));
  const config = parseConfig({ NODE_ENV: 'test', GOVDATA_NOW: clock.now().toISOString(), GOVDATA_EXPORT_DIR: exportDir, ...options.env });
  configureExportDir(config.exportDir);
  const errors: unknown[] = [];
  const log = { info: (): void => undefined, error: (_m: string, e?: unknown) => void errors.push(e) };
  const jobs = options.jobs ?? startInProcessRunner({ db, clock, calendar, log, enabled: false });
  // real time runs on (it is not pinned), shifted by what a test says has passed
  let realOffset = 0;
  const realClock = new FunctionClock(() => Date.now() + realOffset);
  const ctx: AppContext = { config, db, clock, realClock, calendar, jobs, log, version: 'test' };
  const app = createApp(ctx);
  return {
    app,
    ctx,
    db,
    clock,
    advanceRealTime(ms) {
      realOffset += ms;
    },
    async as(username) {
      // like the SPA: every request carries its client header (the CSRF guard's proof of a same-site caller)
      const agent = request.agent(app).set(CLIENT_HEADER, CLIENT_HEADER_VALUE);
      const res = await agent.post('/api/auth/login').send({ username, password: DEMO_PASSWORD });
      if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return agent;
    },
    anonymous: () => request.agent(app).set(CLIENT_HEADER, CLIENT_HEADER_VALUE),
    async close() {
      await jobs.stop();
      await db.drop();
      fs.rmSync(exportDir, { recursive: true, force: true });
      if (errors.length) throw new Error(`the app logged unexpected errors (500s): ${errors.map(String).join('; ')}`);
    },
  };
}
