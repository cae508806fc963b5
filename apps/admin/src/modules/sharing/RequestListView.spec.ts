import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import type { ShareRequestSummary } from '@govdata/domain';
import { consoleI18n, departments, mountConsole } from '../../testing/console';

const summary = (id: number, code: string, name: string): ShareRequestSummary => ({
  id,
  code,
  status: 'provider_review',
  origin: 'request',
  entry: { id: 7, code: '111406000114079197/00003', name, shareType: 'conditional' },
  requester: departments.scjgj,
  provider: departments.gaj,
  itemCount: 3,
  purpose: '核验',
  submittedAt: '2026-11-02T02:00:00.000Z',
  updatedAt: '2026-11-02T02:00:00.000Z',
  decidedAt: null,
  current: null,
  fastTrack: false,
});

/** The API as the list sees it: each box answers with rows of its own, so stale rows show. */
function stubApi() {
  const asked: URLSearchParams[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://console');
    asked.push(url.searchParams);
    const box = url.searchParams.get('box') ?? '?';
    const items = box === 'mine' ? Array.from({ length: 3 }, (_, i) => summary(100 + i, `GXSQ-2026-00010${i}`, `本部门申请 ${i}`)) : [summary(200, 'GXSQ-2026-003201', `${box} 的申请`)];
    return new Response(JSON.stringify({ items, total: box === 'mine' ? 165 : 20, page: 1, pageSize: 20 }), { headers: { 'content-type': 'application/json' } });
  });
  return asked;
}

// the page and every module's texts compile once, before the clock of the first test starts
beforeAll(async () => {
  await Promise.all([import('./RequestListView.vue'), consoleI18n()]);
}, 120_000);
afterEach(() => vi.unstubAllGlobals());

describe('我的申请 / 待我处理 / 审查与协调 / 全部申请 (issue 14, defect 1)', { timeout: 30_000 }, () => {
  it('reloads when the route changes to another box sharing the page, and shows only that box’s rows', async () => {
    const asked = stubApi();
    const { w, router } = await mountConsole('/share/mine', ['dept_admin']);
    await flushPromises();
    expect(w.find('h2').text()).toBe('我的申请');
    expect(w.findAll('.el-table__body tr')).toHaveLength(3);
    expect(w.find('.el-pagination').text()).toContain('165');

    await router.push('/share/todo');
    await flushPromises();
    expect(w.find('h2').text()).toBe('待我处理');
    expect(asked.at(-1)?.get('box')).toBe('todo');
    const rows = w.findAll('.el-table__body tr');
    expect(rows).toHaveLength(1);
    expect(rows[0].text()).toContain('todo 的申请');
    expect(w.find('.el-pagination').text()).toContain('20');
    w.unmount();
  });

  it('keeps its filters in the address: a search writes ?q=, the address fills the filters and asks the server', async () => {
    const asked = stubApi();
    const { w, router } = await mountConsole('/share/todo?q=GXSQ-2026-003201&overdue=1', ['dept_admin']);
    await flushPromises();
    expect(asked.at(-1)?.get('q')).toBe('GXSQ-2026-003201');
    expect(asked.at(-1)?.get('overdue')).toBe('true');
    expect((w.find('input[data-test=filter-q]').element as HTMLInputElement).value).toBe('GXSQ-2026-003201');

    await w.find('input[data-test=filter-q]').setValue('人口');
    await w.find('[data-test=list-search]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ q: '人口', overdue: '1' });
    expect(asked.at(-1)?.get('q')).toBe('人口');

    // a menu link to the same list without a query: the filters go back to none
    await router.push('/share/todo');
    await flushPromises();
    expect(asked.at(-1)?.get('q')).toBeNull();
    expect((w.find('input[data-test=filter-q]').element as HTMLInputElement).value).toBe('');
    w.unmount();
  });

  it('leaves the page without asking for a list on the way out', async () => {
    const asked = stubApi();
    const { w, router } = await mountConsole('/share/review', ['bureau_admin'], departments.bureau);
    await flushPromises();
    const before = asked.length;
    await router.push('/share/review?page=2');
    await flushPromises();
    expect(asked.length).toBe(before + 1);
    expect(asked.at(-1)?.get('page')).toBe('2');
    await router.push('/');
    await flushPromises();
    expect(asked.slice(before + 1).every((q) => q.get('box') === null)).toBe(true);
    w.unmount();
  });
});
