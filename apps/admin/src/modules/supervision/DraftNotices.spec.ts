import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import type { NoticeDto, ViolationDto, ViolationStatus } from '@govdata/domain';
import DraftNoticesDialog from './DraftNoticesDialog.vue';
import { sourceLinks } from './evidence';
import { testPlugins } from './testing';
import ViolationsTable from './ViolationsTable.vue';

const gaj = { id: 3, code: '111406000114079197', name: '朔州市公安局' };
const scjgj = { id: 4, code: '11140600MB1957414T', name: '朔州市市场监督管理局' };
let next = 0;
const violation = (status: ViolationStatus, department = gaj, noticeId: number | null = null, type = 6): ViolationDto => ({
  id: ++next,
  type,
  typeLabel: '共享数据管理失控',
  clause: '第三十三条第（六）项',
  department,
  source: { kind: 'inspection', id: `i-${next}` },
  status,
  statusLabel: status,
  evidence: { summary: `检查发现的问题 ${next}`, observedAt: '2026-11-17T02:00:00.000Z' },
  detectedAt: '2026-11-17T02:00:00.000Z',
  manual: true,
  createdBy: { id: 1, displayName: '张明远' },
  decidedBy: null,
  decidedAt: null,
  dismissReason: null,
  noticeId,
});

describe('from violations to draft notices', () => {
  it('lets the bureau select only confirmed violations not yet in a notice', async () => {
    const inDraft = { ...violation('confirmed', scjgj), draftNoticeId: 9 };
    const rows = [violation('confirmed'), violation('candidate'), violation('noticed', gaj, 7), violation('confirmed', scjgj), violation('dismissed'), inDraft];
    const w = mount(ViolationsTable, { props: { rows, selectable: true, canDecide: true }, global: { plugins: testPlugins() } });
    await flushPromises();
    const boxes = w.findAll('tbody tr .el-checkbox');
    expect(boxes).toHaveLength(6);
    expect(boxes.map((b) => b.classes().includes('is-disabled'))).toEqual([false, true, true, false, true, true]);
    expect(w.find('a[href="/notices/9"]').text()).toBe('已在通报草稿中');
    // a candidate can be confirmed or dismissed from the list; nothing else can
    expect(w.findAll('[data-test=confirm]')).toHaveLength(1);

    await boxes[0].find('input').setValue(true);
    await boxes[3].find('input').setValue(true);
    const selected = w.emitted('select')?.at(-1)?.[0] as ViolationDto[];
    expect(selected.map((v) => v.id)).toEqual([rows[0].id, rows[3].id]);
  });

  it('groups the selection by department — one draft each — and asks for them with the rectification period', async () => {
    const selected = [violation('confirmed', gaj), violation('confirmed', scjgj, null, 7), violation('confirmed', gaj, null, 1)];
    const w = mount(DraftNoticesDialog, { props: { modelValue: true, selected }, global: { plugins: testPlugins() }, attachTo: document.body });
    await flushPromises();
    const text = document.body.textContent ?? '';
    expect(text).toContain('已选 3 条违规记录，将按被通报部门生成 2 份草稿');
    const groups = [...document.querySelectorAll('[data-test=draft-group]')].map((g) => g.querySelector('.dept')?.textContent?.replace(/\s+/g, ''));
    expect(groups).toEqual(['朔州市公安局（2）', '朔州市市场监督管理局（1）']);

    const days = document.querySelector('[data-test=rectify-days] input') as HTMLInputElement;
    days.value = '15';
    days.dispatchEvent(new Event('input'));
    days.dispatchEvent(new Event('change'));
    days.dispatchEvent(new FocusEvent('blur'));
    await flushPromises();
    (document.querySelector('[data-test=draft-create]') as HTMLButtonElement).click();
    expect(w.emitted('create')?.[0]).toEqual([{ violationIds: selected.map((v) => v.id), rectifyWithinWorkingDays: 15 }]);

    // the page answers with the drafts made: each can be opened for editing
    const drafts = [{ id: 41, title: '关于朔州市公安局……的通报', department: gaj }, { id: 42, title: '关于朔州市市场监督管理局……的通报', department: scjgj }] as NoticeDto[];
    await w.setProps({ created: drafts });
    await flushPromises();
    const links = [...document.querySelectorAll('[data-test=draft-dialog] a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['/notices/41', '/notices/42']);
    expect(document.querySelector('[data-test=draft-create]')).toBeNull();
    w.unmount();
  });

  it('links a violation to what it rests on', () => {
    expect(sourceLinks({ source: { kind: 'catalog_entry_freshness', id: '595:2025-10-31' }, evidence: { summary: 'x' }, noticeId: null })).toEqual([
      { label: 'supervision.source.catalogEntry', to: '/catalog/entries/595' },
    ]);
    expect(sourceLinks({ source: { kind: 'update_trigger', id: '19' }, evidence: { summary: 'x', details: { deadlineId: 7 } }, noticeId: 3 }).map((l) => l.to)).toEqual([
      '/catalog/update-triggers?q=%2319&state=all',
      '/deadlines/7',
      '/notices/3',
    ]);
    expect(sourceLinks({ source: { kind: 'inspection', id: 'demo-inspection-A' }, evidence: { summary: 'x' }, noticeId: null })).toEqual([]);
  });
});
