import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `npm run lint` must fail on a forbidden import. Each fixture below breaks one rule of the module boundaries
 * (../shared/STYLE.md). It is linted with the workspace's real ESLint configuration as if it were a source file of
 * the project named in its path — as text, never written to disk, so it cannot leak into the Nx project graph.
 */
const forbidden: { file: string; code: string; message: RegExp }[] = [
  {
    file: 'libs/workdays/src/__fixture__.ts',
    code: "import express from 'express';\nexport const x = express;\n",
    message: /layer:calendar.*not allowed to import "express"/,
  },
  {
    file: 'libs/workdays/src/__fixture__.ts',
    code: "import { ROLES } from '@govdata/domain';\nexport const x = ROLES;\n",
    message: /Circular dependency between "workdays" and "domain"|layer:calendar/,
  },
  {
    file: 'libs/analytics/src/__fixture__.ts',
    code: "import { openDatabase } from '@govdata/data';\nexport const x = openDatabase;\n",
    // data reads the facts contract from analytics, so the import closes a cycle: either refusal will do
    message: /Circular dependency between "analytics" and "data"|can only depend on libs tagged/,
  },
  {
    file: 'libs/domain/src/__fixture__.ts',
    code: "import { MikroORM } from '@mikro-orm/core';\nexport const x = MikroORM;\n",
    message: /@mikro-orm\/core/,
  },
  {
    file: 'apps/admin/src/__fixture__.ts',
    code: "import { MikroORM } from '@mikro-orm/core';\nexport const x = MikroORM;\n",
    message: /@mikro-orm\/core/,
  },
  {
    file: 'apps/admin/src/__fixture__.ts',
    code: "import { openDatabase } from '@govdata/data';\nexport const x = openDatabase;\n",
    // data reads the facts contract from analytics, so the import closes a cycle: either refusal will do
    message: /Circular dependency between "analytics" and "data"|can only depend on libs tagged/,
  },
  {
    file: 'libs/data/src/__fixture__.ts',
    code: "import { ref } from 'vue';\nexport const x = ref;\n",
    message: /"vue"/,
  },
  {
    file: 'apps/api/src/__fixture__.ts',
    code: "import { createPinia } from 'pinia';\nexport const x = createPinia;\n",
    message: /"pinia"/,
  },
];

async function boundaryProblems(file: string, code: string) {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries');
}

describe('module boundaries are enforced by lint', () => {
  // the rule reads Nx's cached project graph (and silently skips without one): compute it first, as `nx lint` does
  beforeAll(() => {
    execFileSync(path.join(root, 'node_modules/.bin/nx'), ['show', 'projects'], { cwd: root, env: { ...process.env, NX_DAEMON: 'false' }, stdio: 'ignore' });
  }, 120_000);

  it.each(forbidden)('$file: $code', async ({ file, code, message }) => {
    const problems = await boundaryProblems(file, code);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.severity === 2)).toBe(true);
    expect(problems.map((p) => p.message).join('\n')).toMatch(message);
  });

  it('allowed imports pass, so the check is not vacuous', async () => {
    const code = "import { z } from 'zod';\nimport { ROLES } from '@govdata/domain';\nimport { isWorkingDay } from '@govdata/workdays';\nexport const x = [z, ROLES, isWorkingDay];\n";
    expect(await boundaryProblems('libs/analytics/src/__fixture__.ts', code)).toEqual([]);
    expect(await boundaryProblems('apps/api/src/__fixture__.ts', "import { openDatabase } from '@govdata/data';\nexport const x = openDatabase;\n")).toEqual([]);
  });
});
