import { describe, expect, it } from 'vitest';
import { createUserSchema } from '@govdata/domain';
import { ApiError } from '../api/http';
import { compact, useServerErrors, zodRules } from './forms';

type Validator = (rule: unknown, value: unknown, callback: (e?: Error) => void) => void;
const run = (rules: ReturnType<typeof zodRules>, field: string, value: unknown): string | null => {
  let message: string | null = null;
  (rules[field][0].validator as Validator)({}, value, (e) => (message = e ? e.message : null));
  return message;
};

describe('form rules from the shared zod schemas', () => {
  const rules = zodRules(createUserSchema);

  it('gives the same Chinese messages the API gives', () => {
    expect(run(rules, 'password', 'short')).toBe('密码至少 10 位');
    expect(run(rules, 'password', 'longenoughbutweak')).toMatch(/至少三类/);
    expect(run(rules, 'password', 'Strong#Pass2026')).toBeNull();
    expect(run(rules, 'username', '1abc')).toMatch(/用户名应以字母开头/);
    expect(run(rules, 'roles', [])).toBe('至少选择一个角色');
  });

  it('treats an empty optional field as absent', () => {
    expect(run(rules, 'phone', '')).toBeNull();
    expect(run(rules, 'phone', 'abc')).toBe('联系电话格式不正确');
    expect(compact({ a: '', b: 'x', c: undefined, d: 0 })).toEqual({ b: 'x', d: 0 });
  });

  it('restricts the rules to the fields asked for', () => {
    expect(Object.keys(zodRules(createUserSchema, ['username', 'password'])).sort()).toEqual(['password', 'username']);
  });
});

describe('server field errors', () => {
  it('puts each problem issue under its form field', () => {
    const { fieldErrors, apply } = useServerErrors();
    const handled = apply(new ApiError(400, '请求内容有误', 'body.username：已被使用', 'validation_failed', [
      { path: 'body.username', message: '用户名已被使用' },
      { path: 'body.roles.0', message: '角色无效' },
    ]));
    expect(handled).toBe(true);
    expect(fieldErrors).toEqual({ username: '用户名已被使用', roles: '角色无效' });
    expect(apply(new ApiError(409, '冲突', '已存在', 'conflict'))).toBe(false);
    expect(fieldErrors).toEqual({});
  });
});
