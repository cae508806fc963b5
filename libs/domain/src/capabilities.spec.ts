import { describe, expect, it } from 'vitest';
import { CAPABILITIES, can, readsOnly } from './capabilities';
import { ROLES } from './roles';

describe('capabilities — what a role may do, named once for the console', () => {
  it('gives every capability to at least one real role', () => {
    for (const [name, roles] of Object.entries(CAPABILITIES)) {
      expect(roles.length, name).toBeGreaterThan(0);
      for (const r of roles) expect(ROLES, name).toContain(r);
    }
  });
  it('never gives the leadership group (read-only, 第四条) a capability to change anything', () => {
    for (const name of Object.keys(CAPABILITIES) as (keyof typeof CAPABILITIES)[]) expect(can({ roles: ['leader'] }, name), name).toBe(false);
  });
  it('answers for people with several roles', () => {
    expect(can({ roles: ['dept_agent'] }, 'catalog.edit')).toBe(false);
    expect(can({ roles: ['dept_agent', 'dept_admin'] }, 'catalog.edit')).toBe(true);
    expect(can({ roles: ['bureau_admin'] }, 'share.designateAgents')).toBe(false);
    expect(readsOnly({ roles: ['leader'] })).toBe(true);
    expect(readsOnly({ roles: ['leader', 'dept_admin'] })).toBe(false);
    expect(readsOnly({ roles: [] })).toBe(false);
  });
});
