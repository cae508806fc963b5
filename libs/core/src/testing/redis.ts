import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis the reliability tests need: REDIS_URL, else the local server. */
export const testRedisUrl = (): string => process.env.REDIS_URL?.trim() || 'redis://127.0.0.1:6379';

/**
 * Fails loudly when Redis cannot be reached: these tests are the proof that the BullMQ setup is reliable, so a
 * missing Redis must never turn into a silent skip.
 */
export async function requireRedis(url = testRedisUrl()): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 2_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    throw new Error(`这些可靠性测试需要 Redis，但无法连接 ${url}（${e instanceof Error ? e.message : String(e)}）。请启动本地 Redis，或用 REDIS_URL 指向一个可用的 Redis。`);
  } finally {
    client.disconnect();
  }
}

/** A BullMQ prefix of this test's own: other engineers' tests and real queues share the server. */
export const testPrefix = (): string => `govdata-test-${process.pid}-${randomBytes(4).toString('hex')}`;

/** Deletes every key under the prefix. */
export async function dropPrefix(prefix: string, url = testRedisUrl()): Promise<number> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) deleted += await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
  return deleted;
}
