/** What the flows in tools/src/e2e share: a logged-in API session, a console login in the browser, the checks. */
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@govdata/demo';

/** A demo user's API session (the SPA's headers: JSON and X-Requested-With, so the CSRF guard lets it through). */
export async function apiSession(base: string, username: string) {
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'govdata' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  if (!login.ok) throw new Error(`login as ${username}: ${login.status} ${await login.text()}`);
  const raw = (url: string, init: { method?: string; body?: unknown } = {}) =>
    fetch(`${base}${url}`, { method: init.method ?? 'GET', headers: { cookie, 'content-type': 'application/json', 'x-requested-with': 'govdata' }, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const call = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await raw(url, { method, body });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url} as ${username}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return { raw, get: <T>(url: string) => call<T>('GET', url), post: <T>(url: string, body: unknown = {}) => call<T>('POST', url, body) };
}

/** Logs a demo user into the console and waits for the workbench. */
export async function consoleLogin(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await page.click('[data-test=login-submit]');
  await page.waitForSelector('[data-test=welcome]', { timeout: 20_000 });
}

/** ✓/✗ lines as a flow goes; `failures` for its exit code. */
export function checks() {
  const failures: string[] = [];
  const check = (ok: boolean, message: string) => {
    if (!ok) failures.push(message);
    console.log(`${ok ? '  ✓' : '  ✗'} ${message}`);
  };
  return { failures, check };
}
