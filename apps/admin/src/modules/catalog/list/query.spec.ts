import { describe, expect, it } from 'vitest';
import { emptyFilters, filtersFromRoute, routeFromFilters, toEntryQuery } from './query';

describe('the list’s filters in the address and in the API query', () => {
  it('round-trips through the address, leaving defaults out', () => {
    const f = { ...emptyFilters(), q: ' 公民身份号码 ', departmentId: 3, library: 'base:population', shareType: 'conditional' as const, editable: true };
    const query = routeFromFilters(f, 2);
    expect(query).toEqual({ q: '公民身份号码', departmentId: '3', library: 'base:population', shareType: 'conditional', editable: '1', page: '2' });
    const back = filtersFromRoute(query as Record<string, string>);
    expect(back.page).toBe(2);
    expect(back.filters).toEqual({ ...f, q: '公民身份号码' });
    expect(routeFromFilters(emptyFilters(), 1)).toEqual({});
  });

  it('unpacks the library filter into resource type and library', () => {
    expect(toEntryQuery({ ...emptyFilters(), library: 'thematic:营商环境主题库' })).toMatchObject({ resourceType: 'thematic', library: '营商环境主题库' });
    const allBase = toEntryQuery({ ...emptyFilters(), library: 'base:' });
    expect(allBase.resourceType).toBe('base');
    expect(allBase.library).toBeUndefined();
    expect(toEntryQuery({ ...emptyFilters(), library: 'department' })).toMatchObject({ resourceType: 'department' });
    expect(toEntryQuery({ ...emptyFilters(), q: '  ' }).q).toBeUndefined();
  });

  it('ignores what does not parse', () => {
    const { filters, page } = filtersFromRoute({ departmentId: 'abc', page: '-3' });
    expect(filters.departmentId).toBeUndefined();
    expect(page).toBe(1);
  });
});
