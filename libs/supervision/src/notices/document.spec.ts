import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { NOTICE_DEADLINE_TOKEN, noticeDocumentModel, type NoticeDto } from '@govdata/domain';
import { buildNoticeDocx } from './document';

const notice = {
  number: '朔政数通〔2026〕7号',
  title: '关于朔州市公安局共享数据管理失控问题的通报',
  department: { id: 3, code: '11140600011400000X', name: '朔州市公安局' },
  body: `一、存在的问题\n（一）检查发现该局将共享获取的人口数据存放于互联网网盘。\n二、整改要求\n（一）请你单位于${NOTICE_DEADLINE_TOKEN}完成整改。\n特此通报。`,
  copyTo: ['朔州市数字政府建设领导小组办公室', '朔州市人民政府办公室'],
  rectify: { mode: 'working_days' as const, workingDays: 10, date: null },
  deadline: { startedAt: '', dueAt: '', dueDate: '2026-12-04', state: 'open' as const, provisional: false, workingDaysLeft: 10, workingDaysLate: 0, standing: { overdue: false, workingDaysLeft: 10, workingDaysLate: 0, dueToday: false, dueTomorrow: false, dueSoon: false, dueText: '12-04 24:00', text: '剩余 10 个工作日', tone: 'primary' as const } },
  issueDate: '2026-11-20',
  documentMark: '朔州市政务信息管理局文件',
  issuingAuthority: '朔州市政务信息管理局',
  printingAuthority: '朔州市政务信息管理局',
  status: 'issued' as const,
} satisfies Partial<NoticeDto>;

/** A part of the package as text; a missing part fails the test. */
async function part(zip: JSZip, name: string): Promise<string> {
  const file = zip.file(name);
  if (!file) throw new Error(`${name} is missing from the DOCX`);
  return file.async('string');
}

/** The visible text of a WordprocessingML part: runs joined, one line per paragraph. */
const textOf = (xml: string): string =>
  xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .filter(Boolean)
    .join('\n');

describe('notice DOCX (GB/T 9704-2012)', () => {
  it('holds the number, title, addressee, deadline, signature, date and 版记 in word/document.xml', async () => {
    const zip = await JSZip.loadAsync(await buildNoticeDocx(noticeDocumentModel(notice, '2026-11-25')));
    const xml = await part(zip, 'word/document.xml');
    const text = textOf(xml);
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual(['朔州市政务信息管理局文件', '朔政数通〔2026〕7号', '关于朔州市公安局共享数据管理失控问题的通报', '朔州市公安局：']);
    expect(text).toContain('（一）请你单位于2026年12月4日前完成整改。');
    expect(text).not.toContain(NOTICE_DEADLINE_TOKEN);
    expect(lines).toContain('朔州市政务信息管理局');
    expect(lines).toContain('2026年11月20日');
    expect(text).toContain('抄送：朔州市数字政府建设领导小组办公室，朔州市人民政府办公室。');
    expect(lines.at(-1)).toBe('朔州市政务信息管理局2026年11月20日印发');
    // 印发日期 right-aligned on a tab stop, not a literal tab character
    expect(xml).toMatch(/<w:tab\/>[\s\S]*?<w:t[^>]*>2026年11月20日印发</);
  });

  it('lays out A4 with the standard margins, the 22 × 28 grid and the fonts', async () => {
    const zip = await JSZip.loadAsync(await buildNoticeDocx(noticeDocumentModel(notice, '2026-11-25')));
    const xml = await part(zip, 'word/document.xml');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    // 37 / 35 / 28 / 26 mm
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    // 22 lines: every body paragraph at exactly 28.95 pt; 28 characters: runs condensed by 5 twips (16 pt → 15.75 pt)
    expect(xml).toMatch(/<w:docGrid w:type="default" w:linePitch="579"\/>/);
    expect(xml).toMatch(/<w:spacing [^>]*w:line="579" w:lineRule="exact"\/><w:ind w:firstLine="632"\/>[\s\S]*?<w:spacing w:val="-5"\/>[^]*?检查发现该局/);
    // the red mark and the red rule under the number
    expect(xml).toMatch(/<w:color w:val="FF0000"\/>[\s\S]*?<w:t[^>]*>朔州市政务信息管理局文件</);
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
    // title 小标宋 二号 (22 pt = 44 half-points), body 仿宋_GB2312 三号 (32 half-points), headings 黑体
    expect(xml).toMatch(/w:eastAsia="方正小标宋简体"[^]*?<w:sz w:val="44"\/>[^]*?关于朔州市公安局/);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toMatch(/w:eastAsia="黑体"[^]*?一、存在的问题/);
    const styles = await part(zip, 'word/styles.xml');
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*w:eastAsia="仿宋_GB2312"[\s\S]*<w:sz w:val="32"\/>/);
    expect(styles).toMatch(/<w:style w:type="paragraph" w:styleId="Normal">[\s\S]*?<w:sz w:val="32"\/>/);
    // the unsealed signature (7.3.5.2): name ending 右空二字 (28 − 2 − 10 = 16 characters in), the date two further right
    const ch = 8845 / 28;
    expect(xml).toMatch(new RegExp(`<w:ind w:left="${Math.round(16 * ch)}"\\/>[\\s\\S]*?朔州市政务信息管理局</w:t>`));
    expect(xml).toMatch(new RegExp(`<w:ind w:left="${Math.round(18 * ch)}"\\/>[\\s\\S]*?2026年11月20日</w:t>`));
    // 版记 rules across the 版心: thick, thin, thick
    expect([...xml.matchAll(/<w:bottom w:val="single" w:color="000000" w:sz="(\d)"/g)].map((m) => m[1])).toEqual(['8', '6', '8']);
  });

  it('numbers pages “— 1 —”, odd pages right and even pages left', async () => {
    const zip = await JSZip.loadAsync(await buildNoticeDocx(noticeDocumentModel(notice, '2026-11-25')));
    const footers = Object.keys(zip.files).filter((f) => /^word\/footer\d+\.xml$/.test(f));
    expect(footers.length).toBe(2);
    const xmls = await Promise.all(footers.map((f) => part(zip, f)));
    for (const x of xmls) {
      expect(x).toMatch(/<w:t xml:space="preserve">— <\/w:t>[\s\S]*PAGE[\s\S]*<w:t xml:space="preserve"> —<\/w:t>/);
    }
    expect(xmls.map((x) => /<w:jc w:val="(\w+)"/.exec(x)?.[1]).sort()).toEqual(['left', 'right']);
    expect(await part(zip, 'word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
  });

  it('leaves the number open and the period in words for a draft', async () => {
    const zip = await JSZip.loadAsync(await buildNoticeDocx(noticeDocumentModel({ ...notice, number: null, issueDate: null, deadline: null, status: 'draft' }, '2026-11-25')));
    const text = textOf(await part(zip, 'word/document.xml'));
    expect(text).toContain('（文号在印发时生成）');
    expect(text).toContain('自本通报印发之日起10个工作日内');
    expect(text).toContain('2026年11月25日');
  });
});
