import { Writable } from 'node:stream';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDeadlines, departmentId } from '@govdata/core/testing';
import { createTestApp, type TestApp } from '../testing/harness';
import { createLogger, requestLogging } from './logging';

const TOKEN = 'metrics-token-for-the-test-0123456789';

describe('/metrics for the operator (prom-client)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-11-20T10:00:00+08:00', env: { GOVDATA_METRICS_TOKEN: TOKEN } });
    const gaj = await departmentId(t.db.fork(), '朔州市公安局');
    const now = t.clock.now();
    // three past due: two flagged by the sweep below, one added after it (past due, not yet flagged)
    await addDeadlines(t.db.fork(), [0, 1].map((i) => ({ kind: 'provider_reply' as const, departmentId: gaj, dueAt: new Date(now.getTime() - (i + 1) * 3_600_000) })), now);
    const bureau = await t.as('bureau');
    expect((await bureau.post('/api/admin/jobs/deadline-sweep/run')).status).toBe(200);
    await addDeadlines(t.db.fork(), [{ kind: 'correction_feedback', departmentId: gaj, dueAt: new Date(now.getTime() - 60_000) }], now);
  });
  afterAll(() => t.close());

  it('is refused without the token or a bureau session', async () => {
    const anon = await t.anonymous().get('/metrics');
    expect(anon.status).toBe(401);
    expect(anon.headers['content-type']).toMatch(/problem\+json/);
    expect((await t.anonymous().get('/metrics').set('Authorization', 'Bearer wrong-token-wrong-token')).status).toBe(401);
    expect((await (await t.as('gaj')).get('/metrics')).status).toBe(403);
    expect((await (await t.as('leader')).get('/metrics')).status).toBe(403);
  });

  it('gives Prometheus request latency, job runs and durations, queue state and overdue counts', async () => {
    await t.anonymous().get('/api/health');
    const res = await t.anonymous().get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    const text = res.text;
    expect(text).toMatch(/govdata_http_request_duration_seconds_count\{[^}]*method="GET",route="\/api\/health",status="200"[^}]*\} \d+/);
    expect(text).toMatch(/govdata_http_request_duration_seconds_bucket\{[^}]*route="\/api\/admin\/jobs\/:name\/run"/);
    expect(text).toMatch(/govdata_job_runs_24h\{job="deadline-sweep",status="succeeded"[^}]*\} 1/);
    expect(text).toMatch(/govdata_job_last_duration_seconds\{job="deadline-sweep"[^}]*\} [\d.e-]+/);
    expect(text).toMatch(/govdata_job_last_run_failed\{job="deadline-sweep"[^}]*\} 0/);
    expect(text).toMatch(/govdata_deadlines_overdue\{kind="provider_reply"[^}]*\} 2/);
    expect(text).toMatch(/govdata_deadlines_past_due_open\{kind="correction_feedback"[^}]*\} 1/);
    expect(text).toMatch(/govdata_queue_up\{[^}]*\} 1/);
    expect(text).toMatch(/govdata_database_up\{[^}]*\} 1/);
    expect(text).toMatch(/govdata_process_cpu_seconds_total/);
    // a bureau admin's session works too (the console's operators)
    expect((await (await t.as('bureau')).get('/metrics')).status).toBe(200);
  });
});

describe('request ids and JSON logs', () => {
  function capture() {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(JSON.parse(l));
        done();
      },
    });
    return { lines, destination };
  }

  it('gives each request an id (the proxy’s if sane), answers it in X-Request-Id and logs one JSON line with it', async () => {
    const { lines, destination } = capture();
    const log = createLogger('json', { destination });
    const app = express();
    app.use(requestLogging(log));
    app.get('/x', (_req, res) => void res.json({ ok: true }));
    const fresh = await request(app).get('/x');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const passed = await request(app).get('/x').set('X-Request-Id', 'proxy-req-12345678');
    expect(passed.headers['x-request-id']).toBe('proxy-req-12345678');
    const junk = await request(app).get('/x').set('X-Request-Id', 'bad id <script>');
    expect(junk.headers['x-request-id']).not.toBe('bad id <script>');
    await new Promise((r) => setTimeout(r, 20));
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.map((l) => l.reqId)).toEqual([fresh.headers['x-request-id'], 'proxy-req-12345678', junk.headers['x-request-id']]);
    expect(requests[0]).toMatchObject({ level: 30, method: 'GET', url: '/x', status: 200, name: 'govdata-api', pid: process.pid });
    expect(typeof requests[0].ms).toBe('number');
    expect(typeof requests[0].time).toBe('string');
    log.error('boom', new Error('detail of the failure'));
    await new Promise((r) => setTimeout(r, 20));
    expect(lines.at(-1)).toMatchObject({ level: 50, msg: 'boom', err: { message: 'detail of the failure' } });
  });

  it('the app answers every response with X-Request-Id', async () => {
    const t = await createTestApp({ seedUntil: null });
    try {
      const res = await t.anonymous().get('/api/no-such-route');
      expect(res.status).toBe(404);
      expect(res.headers['x-request-id']).toBeTruthy();
    } finally {
      await t.close();
    }
  });
});
