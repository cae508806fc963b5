import { describe, expect, it, vi } from 'vitest';
import { loadModuleMessages } from '../modules';
import { i18n } from '.';

/**
 * Every message of both locales — the shell's and every module's — compiles: a literal brace, `@` or `|` in a text
 * breaks the page that shows it (the production build throws; the development build reports it on the console).
 */
function leaves(node: unknown, path: string[] = []): string[] {
  if (typeof node === 'string') return [path.join('.')];
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [];
}

describe('i18n messages', () => {
  it.each(['zh-CN', 'en'] as const)('%s: every message compiles', async (locale) => {
    await loadModuleMessages();
    i18n.global.locale.value = locale;
    const keys = leaves(i18n.global.messages.value[locale]);
    expect(keys.length).toBeGreaterThan(1000);
    const broken: string[] = [];
    let reported: string[] = [];
    const capture = (...args: unknown[]) => void reported.push(args.map(String).join(' '));
    const warn = vi.spyOn(console, 'warn').mockImplementation(capture);
    const error = vi.spyOn(console, 'error').mockImplementation(capture);
    try {
      for (const key of keys) {
        reported = [];
        try {
          i18n.global.t(key, {});
        } catch (e) {
          reported.push((e as Error).message);
        }
        if (reported.length) broken.push(`${key}: ${reported.join('; ').slice(0, 200)}`);
      }
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
    expect(broken).toEqual([]);
  });
});
