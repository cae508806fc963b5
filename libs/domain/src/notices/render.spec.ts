import { describe, expect, it } from 'vitest';
import { NOTICE_DEADLINE_TOKEN } from './templates';
import { escapeHtml, noticeDocumentModel, renderNoticeHtml, signatureOffsets, textWidth } from './render';
import type { NoticeDto } from './schemas';

const notice = {
  number: '朔政数通〔2026〕7号',
  title: '关于朔州市公安局共享数据管理失控问题的通报',
  department: { id: 3, code: 'x', name: '朔州市公安局' },
  body: `一、存在的问题\n（一）检查发现 <script>alert(1)</script> 问题。\n请于${NOTICE_DEADLINE_TOKEN}完成整改。`,
  copyTo: ['朔州市数字政府建设领导小组办公室', '朔州市人民政府办公室'],
  rectify: { mode: 'working_days' as const, workingDays: 10, date: null },
  deadline: { startedAt: '', dueAt: '', dueDate: '2026-12-04', state: 'open' as const, provisional: false, workingDaysLeft: 10, workingDaysLate: 0, standing: { overdue: false, workingDaysLeft: 10, workingDaysLate: 0, dueToday: false, dueTomorrow: false, dueSoon: false, dueText: '12-04 24:00', text: '剩余 10 个工作日', tone: 'primary' as const } },
  issueDate: '2026-11-20',
  documentMark: '朔州市政务信息管理局文件',
  issuingAuthority: '朔州市政务信息管理局',
  printingAuthority: '朔州市政务信息管理局',
  status: 'issued' as const,
} satisfies Partial<NoticeDto>;

describe('renderNoticeHtml', () => {
  it('builds the issued document: number, date, the computed last day in place of the token', () => {
    const model = noticeDocumentModel(notice, '2026-11-25');
    expect(model.date).toBe('2026年11月20日');
    expect(model.paragraphs[0]).toEqual({ text: '一、存在的问题', heading: true });
    expect(model.paragraphs[2].text).toBe('请于2026年12月4日前完成整改。');
    expect(model.draft).toBe(false);
  });

  it('previews a draft as if issued today, with the period in words and no number', () => {
    const model = noticeDocumentModel({ ...notice, number: null, issueDate: null, deadline: null, status: 'draft' }, '2026-11-25');
    expect(model.date).toBe('2026年11月25日');
    expect(model.paragraphs[2].text).toBe('请于自本通报印发之日起10个工作日内完成整改。');
    const html = renderNoticeHtml(model);
    expect(html).toContain('文号在印发时生成');
    expect(html).toContain('草稿');
  });

  it('renders an A4 GB/T 9704 page: red mark and line, number, title, addressee, signature, 版记; text escaped', () => {
    const html = renderNoticeHtml(noticeDocumentModel(notice, '2026-11-25'));
    expect(html).toMatch(/@page \{ size: A4; margin: 37mm 26mm 35mm 28mm;/);
    expect(html).toContain('<div class="gw-mark">朔州市政务信息管理局文件</div>');
    expect(html).toMatch(/\.gw-mark \{ color: #FF0000/);
    expect(html).toMatch(/\.gw-red \{[^}]*solid #FF0000/);
    expect(html).toContain('<p class="gw-number">朔政数通〔2026〕7号</p>');
    expect(html).toContain('<h1 class="gw-title">关于朔州市公安局共享数据管理失控问题的通报</h1>');
    expect(html).toContain('<p class="gw-addressee">朔州市公安局：</p>');
    expect(html).toContain('<p class="gw-h1">一、存在的问题</p>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('抄送：朔州市数字政府建设领导小组办公室，朔州市人民政府办公室。');
    expect(html).toContain('2026年11月20日印发');
    expect(html).toMatch(/16pt\/28.95pt/);
    expect(html).toContain('"— " counter(page) " —"');
  });

  it('sets an unsealed signature 右空二字 with the date two characters further right (GB/T 9704 7.3.5.2)', () => {
    expect(textWidth('2026年11月20日')).toBe(7);
    // 28 − 2 − 10 = 16: the name ends two characters from the right, the date starts two to the right of it
    expect(signatureOffsets('朔州市政务信息管理局', '2026年11月20日')).toEqual({ signature: 16, date: 18 });
    // a name shorter than the date: the date keeps 右空二字 and the name moves left
    expect(signatureOffsets('市数据局', '2026年11月20日')).toEqual({ signature: 17, date: 19 });
    expect(signatureOffsets('某'.repeat(40), '2026年1月1日')).toEqual({ signature: 0, date: 2 });
  });

  it('escapes every HTML special character', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
