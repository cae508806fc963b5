import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Issue 12 §1: every user-facing period ("5 个工作日") comes from the rule sets (`libs/domain/src/rule-sets.ts`,
 * `periodText` / `periodWords` / `clockClause`); no other source file types one. A number written before 个工作日 /
 * 工作日 / 自然日 / working days in code (not in comments) fails this test, naming the file and line.
 */
const PERIOD = /\d+\s*(?:个)?(?:工作日|自然日)|\b\d+\s+(?:working|calendar)\s+days?\b/;
/** The only homes of period numbers: the rule sets themselves. Tests, migrations, benchmarks and e2e checks assert numbers on purpose. */
const ALLOWED = new Set(['libs/domain/src/rule-sets.ts']);
const SKIP_DIR = /(^|\/)(node_modules|dist|out-tsc|migrations|e2e|bench|testing|__fixtures__)(\/|$)/;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!SKIP_DIR.test(rel)) out.push(...sourceFiles(rel));
    } else if (/\.(ts|vue)$/.test(entry.name) && !/\.(spec|test|d)\.ts$/.test(entry.name)) {
      out.push(rel);
    }
  }
  return out;
}

/** The code of a file without its comments (line comments, block comments, HTML comments), line numbers kept. */
function withoutComments(text: string): string[] {
  const blanked = text
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/<!--[\s\S]*?-->/g, (m) => m.replace(/[^\n]/g, ' '));
  // a line comment: `//` not inside a string or a URL (`://`)
  return blanked.split('\n').map((line) => line.replace(/(^|[^:'"`])\/\/.*$/, '$1'));
}

describe('periods are never typed as text (issue 12 §1)', () => {
  const files = ['libs', 'apps'].flatMap((d) => readdirSync(path.join(root, d), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `${d}/${e.name}/src`)).flatMap((d) => sourceFiles(d));

  it('scans the sources of every library and app', () => {
    expect(files.length).toBeGreaterThan(300);
    expect(files).toContain('apps/admin/src/views/LoginView.vue');
    expect(files).toContain('libs/analytics/src/metrics.ts');
  });

  it('finds a typed period when there is one (the check itself works)', () => {
    const lines = withoutComments("const hint = '提供部门 5 个工作日内答复';\n// 5 个工作日 in a comment is fine\nconst en = `within 10 working days`;");
    expect(lines.map((l) => PERIOD.test(l))).toEqual([true, false, true]);
  });

  it('no source file outside the rule sets types a period', () => {
    const found: string[] = [];
    for (const file of files) {
      if (ALLOWED.has(file)) continue;
      withoutComments(readFileSync(path.join(root, file), 'utf8')).forEach((line, i) => {
        if (PERIOD.test(line)) found.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(found).toEqual([]);
  });
});
