import { shanghaiDate } from '@govdata/workdays';
import { creditCodeCheckChar, type Role } from '@govdata/domain';
import { Department, hashPassword, type IDepartment, User } from '@govdata/core';
import { DEMO_ACCOUNTS, DEMO_DEPARTMENTS, DEMO_PASSWORD } from './departments-data';
import { personName } from './prng';
import type { DemoSeeder } from './seeder';

/** 统一社会信用代码 of a government organ: 11 (机关) + region + a 9-character organisation code + check character. */
export function demoCreditCode(regionCode: string, index: number): string {
  const kindPrefix = '11';
  const org = `0${String(11_400_000 + index * 7_919).padStart(8, '0')}`.slice(0, 9);
  const first17 = `${kindPrefix}${regionCode}${org}`;
  return first17 + creditCodeCheckChar(first17);
}

/** The bureau, the municipal departments, the county governments, and their people. */
export const organisationSeeder: DemoSeeder = {
  name: 'organisation',
  async run(ctx) {
    const rng = ctx.rng.fork('organisation');
    const { em, now } = ctx;
    DEMO_DEPARTMENTS.forEach((d, i) => {
      const filed = new Date(now.getTime() - rng.int(200, 540) * 86_400_000);
      const dept = em.create(Department, {
        code: demoCreditCode(d.regionCode, i + 1),
        name: d.name,
        shortName: d.shortName,
        kind: d.kind,
        regionCode: d.regionCode,
        parent: null,
        isBureau: d.isBureau ?? false,
        responsiblePerson: personName(rng),
        contactPerson: personName(rng),
        contactPhone: `0349-${rng.int(2_000_000, 8_999_999)}`,
        contactEmail: `${d.slug}@shuozhou.gov.cn`,
        filedAt: shanghaiDate(filed),
        sortOrder: i + 1,
        createdAt: filed,
        updatedAt: filed,
      });
      ctx.departments.set(d.slug, dept);
    });
    await em.flush();

    // one hash for every demo account: scrypt is slow on purpose, and demo passwords are public anyway
    const hash = await hashPassword(DEMO_PASSWORD);
    const addUser = (username: string, displayName: string, dept: IDepartment, roles: Role[]) => {
      const user = em.create(User, {
        username,
        displayName,
        department: dept,
        roles,
        passwordHash: hash,
        phone: `139${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
        email: null,
        disabled: false,
        lastLoginAt: null,
        createdAt: dept.createdAt,
        updatedAt: dept.createdAt,
      });
      ctx.users.set(username, user);
    };
    const dept = (slug: string): IDepartment => {
      const d = ctx.departments.get(slug);
      if (!d) throw new Error(`demo department ${slug} is missing`);
      return d;
    };
    const taken = new Set<string>(DEMO_ACCOUNTS.map((a) => a.department));
    for (const a of DEMO_ACCOUNTS) addUser(a.username, a.displayName, dept(a.department), [...a.roles]);
    // every other department gets its data officer (数据共享责任人), so that notifications reach someone
    for (const d of DEMO_DEPARTMENTS) {
      if (taken.has(d.slug) || d.isBureau) continue;
      addUser(d.slug, personName(rng), dept(d.slug), ['dept_admin']);
    }
    addUser('bureau2', personName(rng), dept('zwxxglj'), ['bureau_admin']);
    await em.flush();
    ctx.log(`部门 ${DEMO_DEPARTMENTS.length} 个，用户 ${ctx.users.size} 个`);
  },
};
