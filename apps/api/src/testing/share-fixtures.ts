import { Department, User } from '@govdata/core';
import { createTestEntry, type TestEntryInput } from '@govdata/catalog/testing';
import type { TestApp } from './harness';

/** Demo department ids by username of their data officer (gaj → 朔州市公安局 …). */
export async function departmentOf(t: TestApp, username: string): Promise<number> {
  const u = await t.db.fork().findOneOrFail(User, { username });
  return u.department.id;
}

export async function departmentByName(t: TestApp, name: string): Promise<number> {
  return (await t.db.fork().findOneOrFail(Department, { name })).id;
}

/** A published entry of the provider with five items; returns its id and item ids. */
export async function entryOf(t: TestApp, providerUsername: string, input: Omit<TestEntryInput, 'providerId'>): Promise<{ id: number; itemIds: number[] }> {
  const providerId = await departmentOf(t, providerUsername);
  const { entry, items } = await createTestEntry(t.db.fork(), { ...input, providerId });
  return { id: entry.id, itemIds: items.map((i) => i.id) };
}

export const requestBody = (entry: { id: number; itemIds: number[] }, n = 3) => ({
  entryId: entry.id,
  itemIds: entry.itemIds.slice(0, n),
  purpose: '办理社会保障卡申领业务时核验申请人身份',
  scenario: '政务服务大厅窗口受理，一次办结',
});

type Agent = Awaited<ReturnType<TestApp['as']>>;

/** Logged-in agents kept per user (logging in hashes a password: slow on purpose). Clear after moving the clock far: sessions expire. */
export function logins(t: TestApp): ((username: string) => Promise<Agent>) & { clear(): void } {
  const cache = new Map<string, Agent>();
  const as = async (username: string): Promise<Agent> => {
    const hit = cache.get(username);
    if (hit) return hit;
    const agent = await t.as(username);
    cache.set(username, agent);
    return agent;
  };
  return Object.assign(as, { clear: () => cache.clear() });
}
