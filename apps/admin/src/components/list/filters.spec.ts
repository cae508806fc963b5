import { describe, expect, it } from 'vitest';
import { apiFilters, choice, custom, flag, foreignQuery, numberChoice, readFilters, readPaging, text, writeFilters, writePaging, yesNo } from './filters';

const STATUSES = ['open', 'closed'] as const;
const schema = {
  q: text('q'),
  status: choice(STATUSES, (s) => s, { initial: 'open' }),
  department: numberChoice(() => [], { placeholder: 'd' }),
  overdue: flag('o'),
  manual: yesNo('m', { yes: 'y', no: 'n' }),
  sort: custom<'name' | 'date'>({ values: ['name', 'date'], initial: 'date' }),
};

describe('a list’s filters in the address', () => {
  it('reads the defaults from an empty address and writes them back as no address at all', () => {
    const v = readFilters(schema, {});
    expect(v).toEqual({ q: undefined, status: 'open', department: undefined, overdue: undefined, manual: undefined, sort: 'date' });
    expect(writeFilters(schema, v)).toEqual({});
  });

  it('round-trips every kind of filter', () => {
    const query = { q: '人口', status: 'closed', department: '3', overdue: '1', manual: 'false', sort: 'name' };
    const v = readFilters(schema, query);
    expect(v).toEqual({ q: '人口', status: 'closed', department: 3, overdue: true, manual: false, sort: 'name' });
    expect(writeFilters(schema, v)).toEqual(query);
    expect(apiFilters(schema, v)).toEqual({ q: '人口', status: 'closed', department: 3, overdue: true, manual: false, sort: 'name' });
  });

  it('writes “all” for a filter cleared away from its default, and reads it back as cleared', () => {
    const v = { ...readFilters(schema, {}), status: undefined };
    expect(writeFilters(schema, v)).toEqual({ status: 'all' });
    expect(readFilters(schema, { status: 'all' }).status).toBeUndefined();
  });

  it('ignores what does not parse, keeping the default', () => {
    const v = readFilters(schema, { status: 'bogus', department: 'abc', overdue: 'yes', sort: 'drop table' });
    expect(v).toMatchObject({ status: 'open', department: undefined, overdue: undefined, sort: 'date' });
    expect(readFilters(schema, { department: '-3' }).department).toBeUndefined();
  });

  it('trims text and leaves empty values out of the API query', () => {
    const v = { ...readFilters(schema, {}), q: '  GXSQ-2026-003201 ' };
    expect(writeFilters(schema, v).q).toBe('GXSQ-2026-003201');
    expect(apiFilters(schema, { ...v, q: '   ' })).toEqual({ status: 'open', sort: 'date' });
  });

  it('leaves out a filter that is hidden from the person (and what the address says of it)', () => {
    let shown = false;
    const s = { department: numberChoice(() => [], { placeholder: 'd', visible: () => shown }) };
    expect(readFilters(s, { department: '7' }).department).toBeUndefined();
    shown = true;
    expect(readFilters(s, { department: '7' }).department).toBe(7);
  });

  it('keeps the page and size in the address, and leaves the other parameters alone', () => {
    expect(readPaging({ page: '3', size: '50' }, 20, [20, 50, 100])).toEqual({ page: 3, size: 50 });
    expect(readPaging({ page: '0', size: '7' }, 20, [20, 50, 100])).toEqual({ page: 1, size: 20 });
    expect(writePaging({ page: 1, size: 20 }, 20)).toEqual({});
    expect(writePaging({ page: 2, size: 50 }, 20)).toEqual({ page: '2', size: '50' });
    expect(foreignQuery(schema, { tab: 'service', q: 'x', page: '2' })).toEqual({ tab: 'service' });
  });
});
