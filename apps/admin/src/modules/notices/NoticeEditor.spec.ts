import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { NOTICE_DEADLINE_TOKEN, type NoticeDto } from '@govdata/domain';
import { testPlugins } from '../supervision/testing';
import NoticeEditor from './NoticeEditor.vue';
import NoticePreview from './NoticePreview.vue';
import { noticeTimeline } from './timeline';

const draft: NoticeDto = {
  id: 8,
  number: null,
  year: null,
  sequence: null,
  title: '关于朔州市公安局共享数据管理失控问题的通报',
  status: 'draft',
  statusLabel: '草稿',
  department: { id: 3, code: '111406000114079197', name: '朔州市公安局' },
  violationTypes: [6],
  issueDate: null,
  dueDate: null,
  closedAt: null,
  rectifiedInTime: null,
  createdAt: '2026-11-20T02:00:00.000Z',
  copyTo: ['朔州市数字政府建设领导小组办公室'],
  body: `依据《朔州市政务数据资源共享开放管理办法》第三十三条规定，现将有关问题通报如下：\n一、存在的问题\n（一）检查发现该局将共享数据存放于互联网网盘。\n二、整改要求\n请你单位于${NOTICE_DEADLINE_TOKEN}完成整改。\n特此通报。`,
  rectify: { mode: 'working_days', workingDays: 10, date: null },
  deadline: null,
  issuedDueDate: null,
  issuedAt: null,
  issuedBy: null,
  issuingAuthority: '朔州市政务信息管理局',
  documentMark: '朔州市政务信息管理局文件',
  printingAuthority: '朔州市政务信息管理局',
  signer: null,
  violations: [],
  rectifications: [],
  pendingAttachments: [],
  overdueAt: null,
  escalatedAt: null,
  updatedAt: '2026-11-20T02:00:00.000Z',
  version: 1,
};

const mountEditor = (notice: NoticeDto = draft) => mount(NoticeEditor, { props: { notice, today: '2026-11-20' }, global: { plugins: testPlugins() } });
/** Element Plus puts data-test on the <input> of an el-input, on the wrapper of an el-input-number */
const field = (w: ReturnType<typeof mountEditor>, name: string) => {
  const el = w.find(`[data-test=${name}]`);
  return el.element.tagName === 'INPUT' ? el : el.find('input');
};
const srcdoc = (w: ReturnType<typeof mountEditor>) => w.findComponent(NoticePreview).find('iframe').attributes('srcdoc') ?? '';

describe('the notice draft editor and its preview', () => {
  it('previews the draft as a GB/T 9704 document: red 份头, number to come, the period in words, 版记', () => {
    const html = srcdoc(mountEditor());
    expect(html).toContain('<div class="gw-mark">朔州市政务信息管理局文件</div>');
    expect(html).toContain('（文号在印发时生成）');
    expect(html).toContain('<h1 class="gw-title">关于朔州市公安局共享数据管理失控问题的通报</h1>');
    expect(html).toContain('朔州市公安局：');
    expect(html).toContain('请你单位于自本通报印发之日起10个工作日内完成整改。');
    expect(html).not.toContain(NOTICE_DEADLINE_TOKEN);
    expect(html).toContain('<p class="gw-h1">一、存在的问题</p>');
    expect(html).toContain('抄送：朔州市数字政府建设领导小组办公室。');
    expect(html).toContain('2026年11月20日印发');
    expect(html).toContain('<div class="gw-draft">草稿</div>');
  });

  it('follows the edits at once and hands the page the PATCH body', async () => {
    const w = mountEditor();
    expect(w.find('[data-test=save]').attributes('disabled')).toBeDefined();
    await field(w, 'title').setValue('关于朔州市公安局共享数据管理问题的通报');
    await field(w, 'days').setValue('15');
    await field(w, 'days').trigger('blur');
    await field(w, 'signer').setValue('李明');
    await flushPromises();
    const html = srcdoc(w);
    expect(html).toContain('<h1 class="gw-title">关于朔州市公安局共享数据管理问题的通报</h1>');
    expect(html).toContain('自本通报印发之日起15个工作日内');
    expect(w.emitted('dirty')?.at(-1)).toEqual([true]);
    await w.find('[data-test=save]').trigger('click');
    expect(w.emitted('save')?.[0]).toEqual([
      { title: '关于朔州市公安局共享数据管理问题的通报', body: draft.body, copyTo: ['朔州市数字政府建设领导小组办公室'], signer: '李明', rectifyWithinWorkingDays: 15 },
    ]);
  });

  it('sets a fixed last day instead of working days (one mode at a time)', async () => {
    const w = mountEditor({ ...draft, rectify: { mode: 'date', workingDays: null, date: '2026-12-18' } });
    expect(srcdoc(w)).toContain('请你单位于2026年12月18日前完成整改。');
    await field(w, 'title').setValue('关于朔州市公安局数据管理问题的通报');
    await w.find('[data-test=save]').trigger('click');
    const patch = w.emitted('save')?.[0]?.[0] as Record<string, unknown>;
    expect(patch.rectifyBy).toBe('2026-12-18');
    expect(patch).not.toHaveProperty('rectifyWithinWorkingDays');
    expect(patch.signer).toBeNull();
  });

  it('prints an issued notice with its number and its date, even after a resubmission clock', () => {
    const issued: NoticeDto = {
      ...draft,
      status: 'returned',
      number: '朔政数通〔2026〕7号',
      issueDate: '2026-11-20',
      issuedDueDate: '2026-12-04',
      deadline: { startedAt: '2026-11-25T02:00:00.000Z', dueAt: '2026-12-10T15:59:59.999Z', dueDate: '2026-12-10', state: 'open', provisional: false, workingDaysLeft: 8, workingDaysLate: 0, standing: { overdue: false, workingDaysLeft: 8, workingDaysLate: 0, dueToday: false, dueTomorrow: false, dueSoon: false, dueText: '12-10 24:00', text: '剩余 8 个工作日', tone: 'primary' } },
    };
    const w = mount(NoticePreview, { props: { html: '<p>x</p>' }, global: { plugins: testPlugins() } });
    expect(w.find('iframe').attributes('sandbox')).toBe('allow-same-origin allow-modals');
    const html = srcdoc(mountEditor(issued));
    expect(html).toContain('朔政数通〔2026〕7号');
    expect(html).toContain('请你单位于2026年12月4日前完成整改。');
  });
});

describe('the history of a notice', () => {
  it('lists drafting, issue, reports and decisions in time order', () => {
    const events = noticeTimeline({
      ...draft,
      status: 'closed',
      number: '朔政数通〔2026〕7号',
      issuedAt: '2026-11-20T02:00:00.000Z',
      closedAt: '2026-12-08T02:00:00.000Z',
      rectifications: [
        { id: 1, text: '第一次', status: 'returned', submittedAt: '2026-11-24T08:00:00.000Z', submittedBy: '王志强', inTime: true, decidedAt: '2026-11-25T02:00:00.000Z', decidedBy: '张明远', comment: '请补充', attachments: [] },
        { id: 2, text: '第二次', status: 'accepted', submittedAt: '2026-12-01T02:00:00.000Z', submittedBy: '王志强', inTime: true, decidedAt: '2026-12-08T02:00:00.000Z', decidedBy: '张明远', comment: '整改到位', attachments: [] },
      ],
    });
    expect(events.map((e) => e.event)).toEqual(['created', 'issued', 'submitted', 'returned', 'submitted', 'accepted']);
    expect(events[3]).toMatchObject({ detail: '请补充', tone: 'warning' });
  });
});
