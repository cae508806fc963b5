import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const srcDir = import.meta.dirname;

function librarySources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return librarySources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [p] : [];
  });
}

const sources = librarySources(srcDir).map((file) => ({ file: path.relative(srcDir, file), text: readFileSync(file, 'utf8') }));

describe('library purity', () => {
  it('finds the library sources', () => {
    expect(sources.map((s) => s.file)).toEqual(expect.arrayContaining(['index.ts', 'score.ts', 'facts.ts', 'scheme.ts']));
  });

  it('never reads the wall clock', () => {
    const hits = sources.filter((s) => /new Date\(\s*\)|Date\.now\(|performance\.now\(/.test(s.text)).map((s) => s.file);
    expect(hits).toEqual([]);
  });

  it('imports only zod, @govdata/domain, @govdata/workdays and its own modules', () => {
    const imports = sources.flatMap((s) => [...s.text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => `${s.file}: ${m[1]}`));
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((i) => !/: (\.\.?\/|zod$|@govdata\/domain$|@govdata\/workdays$)/.test(i))).toEqual([]);
  });
});
