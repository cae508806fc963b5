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
    code: "import { openDatabase } from '@govdata/core';\nexport const x = openDatabase;\n",
    message: /can only depend on libs tagged/,
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
    code: "import { openPlatformDatabase } from '@govdata/platform';\nexport const x = openPlatformDatabase;\n",
    message: /can only depend on libs tagged/,
  },
  {
    file: 'libs/core/src/__fixture__.ts',
    code: "import { ref } from 'vue';\nexport const x = ref;\n",
    message: /"vue"/,
  },
  // the data libraries (issue 12 §4): core sees no area; an area sees only core and the areas it declares
  {
    file: 'libs/core/src/__fixture__.ts',
    code: "import { catalogModule } from '@govdata/catalog';\nexport const x = catalogModule;\n",
    message: /Circular dependency between "core" and "catalog"|can only depend on libs tagged/,
  },
  {
    file: 'libs/catalog/src/__fixture__.ts',
    code: "import { sharingModule } from '@govdata/sharing';\nexport const x = sharingModule;\n",
    message: /Circular dependency between "catalog" and "sharing"|can only depend on libs tagged/,
  },
  {
    file: 'libs/sharing/src/__fixture__.ts',
    code: "import { supervisionModule } from '@govdata/supervision';\nexport const x = supervisionModule;\n",
    message: /can only depend on libs tagged/,
  },
  {
    // the gateway reads grants (sharing) and entries (catalog), never the other way round
    file: 'libs/sharing/src/__fixture__.ts',
    code: "import { gatewayModule } from '@govdata/gateway';\nexport const x = gatewayModule;\n",
    message: /Circular dependency between "sharing" and "gateway"|can only depend on libs tagged/,
  },
  {
    file: 'libs/gateway/src/__fixture__.ts',
    code: "import { supervisionModule } from '@govdata/supervision';\nexport const x = supervisionModule;\n",
    message: /can only depend on libs tagged/,
  },
  {
    file: 'libs/supervision/src/__fixture__.ts',
    code: "import { assessmentModule } from '@govdata/assessment';\nexport const x = assessmentModule;\n",
    message: /can only depend on libs tagged/,
  },
  {
    file: 'libs/catalog/src/__fixture__.ts',
    code: "import { scoreAll } from '@govdata/analytics';\nexport const x = scoreAll;\n",
    message: /can only depend on libs tagged/,
  },
  {
    // the open-data area reads the catalog and the gateway's datasets, never the sharing workflow
    file: 'libs/opendata/src/__fixture__.ts',
    code: "import { sharingModule } from '@govdata/sharing';\nexport const x = sharingModule;\n",
    message: /can only depend on libs tagged/,
  },
  {
    // the lifecycle area reads catalog, sharing and the gateway; none of them reads it
    file: 'libs/gateway/src/__fixture__.ts',
    code: "import { lifecycleModule } from '@govdata/lifecycle';\nexport const x = lifecycleModule;\n",
    message: /Circular dependency between "gateway" and "lifecycle"|can only depend on libs tagged/,
  },
  {
    file: 'libs/lifecycle/src/__fixture__.ts',
    code: "import { supervisionModule } from '@govdata/supervision';\nexport const x = supervisionModule;\n",
    message: /can only depend on libs tagged/,
  },
  {
    // the public portal sees only the shared rules, never a server library
    file: 'apps/portal/src/__fixture__.ts',
    code: "import { opendataModule } from '@govdata/opendata';\nexport const x = opendataModule;\n",
    message: /can only depend on libs tagged/,
  },
  {
    // the demo data is for the start script and tests, never for the platform's own code
    file: 'libs/platform/src/__fixture__.ts',
    code: "import { seedDemo } from '@govdata/demo';\nexport const x = seedDemo;\n",
    message: /can only depend on libs tagged/,
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
    expect(await boundaryProblems('apps/api/src/__fixture__.ts', "import { openPlatformDatabase } from '@govdata/platform';\nexport const x = openPlatformDatabase;\n")).toEqual([]);
    expect(await boundaryProblems('libs/sharing/src/__fixture__.ts', "import { catalogModule } from '@govdata/catalog';\nexport const x = catalogModule;\n")).toEqual([]);
    expect(await boundaryProblems('libs/opendata/src/__fixture__.ts', "import { catalogModule } from '@govdata/catalog';\nexport const x = catalogModule;\n")).toEqual([]);
    expect(await boundaryProblems('libs/gateway/src/__fixture__.ts', "import { ShareGrant } from '@govdata/sharing';\nexport const x = ShareGrant;\n")).toEqual([]);
    expect(await boundaryProblems('libs/platform/src/__fixture__.spec.ts', "import { seedDemo } from '@govdata/demo';\nexport const x = seedDemo;\n")).toEqual([]);
  });
});
