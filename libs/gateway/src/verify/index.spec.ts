import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** A module hook that refuses the ORM, its query builder and @govdata/core's main entry (which loads both). */
const refuseOrm = `export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (/\\/node_modules\\/(@mikro-orm\\/|knex\\/)|\\/libs\\/core\\/src\\/index\\.ts$/.test(r.url)) throw new Error('loads ' + r.url);
  return r;
}`;
const registerHook = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(refuseOrm)}`)});`;

/**
 * `@govdata/gateway/verify` is what `npm run verify-calls` loads: it must start without the ORM (and without the
 * migrations @govdata/core's main entry brings), reading DATABASE_URL through `@govdata/core/database-url`.
 */
describe('@govdata/gateway/verify', () => {
  it('loads without the ORM', () => {
    const out = execFileSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(registerHook)}`, '--import', 'tsx', '--input-type=module', '-e', "const m = await import('@govdata/gateway/verify'); console.log(typeof m.verifyCallsAt);"], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out.trim()).toBe('function');
  });
});
