import { describe, expect, it } from 'vitest';
import { FunctionClock, isPinnedClock, parseInstant, PinnedClock } from './clock';
import { assertOwnDepartment, visibleUserScope } from './access';
import type { Actor } from './roles';

describe('the clock', () => {
  it('a pinned clock stays where it was put until it is moved', () => {
    const clock = new PinnedClock('2026-06-15T10:00:00+08:00');
    expect(clock.now().toISOString()).toBe('2026-06-15T02:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-06-15T02:00:00.000Z');
    clock.advance(90 * 60_000);
    expect(clock.now().toISOString()).toBe('2026-06-15T03:30:00.000Z');
    clock.set('2027-01-01T00:00:00+08:00');
    expect(clock.now().toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(clock.pinned).toBe(true);
    expect(isPinnedClock(clock)).toBe(true);
  });

  it('hands out copies, so a caller cannot move the clock by mutating a Date', () => {
    const clock = new PinnedClock('2026-06-15T10:00:00+08:00');
    clock.now().setFullYear(1999);
    expect(clock.now().getUTCFullYear()).toBe(2026);
  });

  it('a function clock reads whatever the server gives it and is not pinned', () => {
    let t = 1_000;
    const clock = new FunctionClock(() => t);
    expect(clock.now().getTime()).toBe(1_000);
    t = 5_000;
    expect(clock.now().getTime()).toBe(5_000);
    expect(isPinnedClock(clock)).toBe(false);
  });

  it('reads a bare date as Asia/Shanghai midnight and refuses nonsense', () => {
    expect(parseInstant('2026-02-17').toISOString()).toBe('2026-02-16T16:00:00.000Z');
    expect(() => parseInstant('tomorrow')).toThrow(RangeError);
    expect(() => parseInstant('')).toThrow(RangeError);
    expect(() => new PinnedClock('2026-13-45T00:00:00Z')).toThrow(RangeError);
  });
});

describe('department isolation rules', () => {
  const bureau: Actor = { userId: 1, username: 'bureau', displayName: '张', roles: ['bureau_admin'], departmentId: 1 };
  const gaj: Actor = { userId: 3, username: 'gaj', displayName: '王', roles: ['dept_admin'], departmentId: 3 };
  it('the bureau sees any department, a department only its own', () => {
    expect(visibleUserScope(bureau)).toBeUndefined();
    expect(visibleUserScope(bureau, 7)).toBe(7);
    expect(visibleUserScope(gaj)).toBe(3);
    expect(visibleUserScope(gaj, 3)).toBe(3);
    expect(() => visibleUserScope(gaj, 7)).toThrow(/只能查看本部门/);
    expect(() => assertOwnDepartment(gaj, 7)).toThrow(/仅限本部门/);
    expect(() => assertOwnDepartment(gaj, 3)).not.toThrow();
    expect(() => assertOwnDepartment(bureau, 7)).not.toThrow();
  });
});
