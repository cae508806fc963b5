import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreModule } from '../module';
import { createTestDatabase, type TestDatabase } from '../testing';
import { selectList, sqlRows } from './raw';

describe('selectList', () => {
  it('numbers the columns in the order they are given, and a spread list keeps the first positions', () => {
    const base = selectList({ id: 'd.id', name: 'd.name' });
    expect(base.sql).toBe('d.id as id, d.name as name');
    expect(base.at).toEqual({ id: 0, name: 1 });
    const longer = selectList({ ...{ id: 'd.id', name: 'd.name' }, code_len: 'length(d.code)' });
    expect(longer.at).toEqual({ id: 0, name: 1, code_len: 2 });
  });

  it('refuses names PostgreSQL would fold or an object would reorder', () => {
    expect(() => selectList({ Name: 'd.name' })).toThrow(/snake_case/);
    expect(() => selectList({ '1st': 'd.name' })).toThrow(/snake_case/);
  });

  describe('rows read as arrays (sqlRows), on the test database', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase({ entities: coreModule.entities });
    });
    afterAll(async () => db?.drop());

    it('puts each column where `at` says, read from a subquery', async () => {
      const em = db.fork();
      const list = selectList({ code_len: 'length(x.code)', upper_code: 'upper(x.code)', n: 'x.n' });
      const rows = await sqlRows(em, `select ${list.sql} from (select 'ab' as code, 2 as n union all select 'xyz', 3) x order by x.n`, []);
      expect(rows.map((r) => [Number(r[list.at.code_len]), r[list.at.upper_code], Number(r[list.at.n])])).toEqual([
        [2, 'AB', 2],
        [3, 'XYZ', 3],
      ]);
    });
  });
});
