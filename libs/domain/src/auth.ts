import { z } from 'zod';
import { departmentSummarySchema } from './departments';
import { roleSchema } from './roles';

export const loginSchema = z.strictObject({
  username: z.string().trim().toLowerCase().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(128),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const meSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  department: departmentSummarySchema,
});
export type Me = z.infer<typeof meSchema>;

/**
 * Login throttling policy (docs/security.md). Limits count per account *and* client, so an attacker flooding one
 * account from their machine blocks only themselves, not the account's owner elsewhere; per client over all
 * accounts (password spraying); and per account over all clients, where failures slow the account down instead of
 * locking it (a distributed guesser gets one try per `maxSlowSeconds`, the owner waits seconds, not minutes).
 */
export const LOGIN_THROTTLE = {
  /** fixed window over which attempts are counted */
  windowMinutes: 15,
  /** attempts on one account from one client in the window (a success starts the count again) */
  maxAttemptsPerAccountAndClient: 5,
  /** failed attempts from one client over all accounts in the window (successes do not count: offices share addresses) */
  maxFailuresPerClient: 30,
  /** failures on one account (from any client) in the window before each further attempt must wait */
  slowAfterAccountFailures: 10,
  /** the wait doubles with each failure past the threshold, from 1 s up to this */
  maxSlowSeconds: 30,
} as const;

/** Sessions end after this long without a request, and in any case after the absolute limit. */
export const SESSION_POLICY = {
  idleMinutes: 120,
  absoluteHours: 12,
} as const;
