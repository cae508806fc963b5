import type { EntityManager } from '@mikro-orm/knex';
import { LOGIN_THROTTLE, TooManyRequestsError } from '@govdata/domain';
import { fromSqlTime, sqlAll, sqlRun } from '../orm/raw';

const WINDOW_MS = LOGIN_THROTTLE.windowMinutes * 60_000;

/** Keys are bounded: a username is at most 64 characters, a client address at most 64. */
export const throttleKeys = (username: string, client: string | null) => {
  const c = (client ?? 'unknown').slice(0, 64);
  const u = username.slice(0, 64);
  return { pair: `pair:${u}|${c}`, client: `client:${c}`, account: `account:${u}` };
};

const throttled = (seconds: number) =>
  new TooManyRequestsError(
    seconds < 60 ? `尝试过于频繁，请 ${seconds} 秒后再试` : `登录失败次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试`,
    Math.max(1, seconds),
    'auth.throttled',
  );

/**
 * Counts one attempt on a key in its fixed window, atomically (one upsert returning the new count: two processes
 * never read the same count), and returns the count and when the window ends.
 */
async function bump(em: EntityManager, key: string, real: Date): Promise<{ count: number; windowEnd: number }> {
  const expired = new Date(real.getTime() - WINDOW_MS);
  const [row] = await sqlAll<{ count: number | string; window_start: unknown }>(
    em,
    'insert into login_throttles (key, window_start, count, next_at) values (?, ?, 1, null) on conflict (key) do update set ' +
      'count = case when login_throttles.window_start <= ? then 1 else login_throttles.count + 1 end, ' +
      'window_start = case when login_throttles.window_start <= ? then excluded.window_start else login_throttles.window_start end ' +
      'returning count, window_start',
    [key, real, expired, expired],
  );
  return { count: Number(row.count), windowEnd: fromSqlTime(row.window_start).getTime() + WINDOW_MS };
}

const slowSeconds = (failures: number): number =>
  Math.min(LOGIN_THROTTLE.maxSlowSeconds, 2 ** Math.max(0, failures - LOGIN_THROTTLE.slowAfterAccountFailures));

/**
 * Before a password is checked: refuses (429, Retry-After) when the account is being slowed and its next attempt is
 * not due, or when this client has used up its attempts on the account or overall. A slowed account's next attempt
 * is claimed with a compare-and-set, so of simultaneous attempts one goes through.
 */
export async function admitLoginAttempt(em: EntityManager, username: string, client: string | null, real: Date): Promise<void> {
  const keys = throttleKeys(username, client);
  const now = real.getTime();

  const [account] = await sqlAll<{ count: number | string; window_start: unknown; next_at: unknown }>(em, 'select count, window_start, next_at from login_throttles where key = ?', [keys.account]);
  const failures = account && fromSqlTime(account.window_start).getTime() + WINDOW_MS > now ? Number(account.count) : 0;
  if (failures >= LOGIN_THROTTLE.slowAfterAccountFailures) {
    const nextAt = account.next_at == null ? 0 : fromSqlTime(account.next_at).getTime();
    if (nextAt > now) throw throttled(Math.ceil((nextAt - now) / 1000));
    // claim the slot: until this attempt's outcome is known, the next one waits
    const hold = new Date(now + slowSeconds(failures) * 1000);
    const claimed = await sqlRun(em, 'update login_throttles set next_at = ? where key = ? and (next_at is null or next_at <= ?)', [hold, keys.account, real]);
    if (claimed === 0) throw throttled(slowSeconds(failures));
  }

  // failures from this client over all accounts (spraying); successes never count: an office behind one address
  // logs in all morning
  const [perClient] = await sqlAll<{ count: number | string; window_start: unknown }>(em, 'select count, window_start from login_throttles where key = ?', [keys.client]);
  const clientWindowEnd = perClient ? fromSqlTime(perClient.window_start).getTime() + WINDOW_MS : 0;
  if (perClient && clientWindowEnd > now && Number(perClient.count) >= LOGIN_THROTTLE.maxFailuresPerClient) throw throttled(Math.ceil((clientWindowEnd - now) / 1000));
  const pair = await bump(em, keys.pair, real);
  if (pair.count > LOGIN_THROTTLE.maxAttemptsPerAccountAndClient) throw throttled(Math.ceil((pair.windowEnd - now) / 1000));
}

/** After a wrong password: one more failure for the client and the account; past the threshold, the account's next attempt waits. */
export async function recordLoginFailure(em: EntityManager, username: string, client: string | null, real: Date): Promise<void> {
  const keys = throttleKeys(username, client);
  await bump(em, keys.client, real);
  const { count } = await bump(em, keys.account, real);
  if (count >= LOGIN_THROTTLE.slowAfterAccountFailures) {
    await sqlRun(em, 'update login_throttles set next_at = ? where key = ?', [new Date(real.getTime() + slowSeconds(count) * 1000), keys.account]);
  }
  // guessed usernames leave rows behind: whatever ended two windows ago goes, so the table holds recent traffic only
  const stale = new Date(real.getTime() - 2 * WINDOW_MS);
  await sqlRun(em, 'delete from login_throttles where window_start < ? and (next_at is null or next_at < ?)', [stale, stale]);
}

/** After a successful login: this client's count on the account starts again (the account's failures stay). */
export async function clearLoginAttempts(em: EntityManager, username: string, client: string | null): Promise<void> {
  await sqlRun(em, 'delete from login_throttles where key = ?', [throttleKeys(username, client).pair]);
}
