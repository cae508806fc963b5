/**
 * `npm run create-admin -- --username NAME --display-name 姓名 [--password …] [--bureau-code 统一社会信用代码]`
 * Creates the first bureau admin (平台管理员) of a production installation, where no demo accounts exist.
 * Without --password the password is asked for on the terminal (not echoed). If the database has no bureau
 * department yet, it is created as 朔州市政务信息管理局 with the given --bureau-code.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createClock, createUser, Department } from '@govdata/core';
import { openPlatformDatabase } from '@govdata/platform';
import { createUserSchema, creditCodeSchema, ValidationError } from '@govdata/domain';

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    'display-name': { type: 'string' },
    password: { type: 'string' },
    'bureau-code': { type: 'string' },
    'bureau-name': { type: 'string', default: '朔州市政务信息管理局' },
  },
});

async function ask(question: string, hidden = false): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  if (hidden) {
    const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
    out._writeToOutput = (s: string) => out.output.write(s.includes(question) ? s : '');
  }
  const answer = await rl.question(question);
  rl.close();
  if (hidden) process.stdout.write('\n');
  return answer.trim();
}

const username = values.username ?? (await ask('用户名 username: '));
const displayName = values['display-name'] ?? (await ask('姓名 display name: '));
const password = values.password ?? (await ask('密码 password: ', true));

const db = await openPlatformDatabase(process.env.DATABASE_URL);
try {
  const em = db.fork();
  const clock = createClock({ pinnedAt: null, production: true });
  const now = clock.now();
  let bureau = await em.findOne(Department, { isBureau: true });
  if (!bureau) {
    const code = creditCodeSchema.safeParse(values['bureau-code'] ?? '');
    if (!code.success) {
      console.error('数据库中还没有政务信息管理局。请用 --bureau-code 提供其 18 位统一社会信用代码。');
      process.exit(2);
    }
    bureau = em.create(Department, { code: code.data, name: values['bureau-name'] ?? '朔州市政务信息管理局', kind: 'government_department', regionCode: '140600', isBureau: true, createdAt: now, updatedAt: now });
    await em.flush();
    console.log(`已创建部门：${bureau.name}`);
  }
  const input = createUserSchema.safeParse({ username, displayName, departmentId: bureau.id, roles: ['bureau_admin'], password });
  if (!input.success) {
    for (const issue of input.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`);
    process.exit(2);
  }
  try {
    await em.transactional((tx) => createUser(tx, null, input.data, now, { production: process.env.NODE_ENV === 'production' }));
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    console.error(e.message);
    process.exit(2);
  }
  console.log(`平台管理员 ${input.data.username} 已创建，可登录。`);
} finally {
  await db.close();
}
