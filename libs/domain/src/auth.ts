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

/** Login throttling policy (applied per username and per client address). */
export const LOGIN_THROTTLE = {
  /** window over which failures are counted */
  windowMinutes: 15,
  maxFailuresPerUsername: 5,
  maxFailuresPerAddress: 20,
} as const;

/** Sessions end after this long without a request, and in any case after the absolute limit. */
export const SESSION_POLICY = {
  idleMinutes: 120,
  absoluteHours: 12,
} as const;
