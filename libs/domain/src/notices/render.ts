import type { NoticeDto, NoticeSettingsDto } from './schemas';
import { chineseDate, deadlineText, isHeading, resolvedParagraphs } from './templates';

/**
 * The layout of GB/T 9704-2012 党政机关公文格式, as numbers both renderers share (the HTML preview and the DOCX):
 * A4, 版心 156 mm × 225 mm, 22 lines of 28 characters in 三号 (16 pt) 仿宋_GB2312.
 */
export const GBT9704 = {
  pageMm: { width: 210, height: 297 },
  /** 天头 37 mm, 订口 28 mm; the rest follows from the 156 × 225 mm 版心 */
  marginMm: { top: 37, bottom: 35, left: 28, right: 26 },
  linesPerPage: 22,
  charsPerLine: 28,
  /** 三号 */
  bodyPt: 16,
  /** 二号 */
  titlePt: 22,
  /** 四号: 版记 and page numbers */
  recordPt: 14,
  /** 份头: red 小标宋, its upper edge 35 mm below the top of the 版心 (7.2.3) */
  markPt: 36,
  markTopMm: 35,
  /** 225 mm / 22 lines ≈ 28.95 pt */
  linePitchPt: 28.95,
  red: 'FF0000',
  fonts: {
    title: '方正小标宋简体',
    body: '仿宋_GB2312',
    heading: '黑体',
    pageNumber: '宋体',
  },
} as const;

/** 156 mm / 28 − 16 pt ≈ −0.21 pt: how much narrower than 三号 each character is set so that 28 fit on a line. */
export const BODY_CONDENSE_PT = Math.min(
  0,
  Math.round((((GBT9704.pageMm.width - GBT9704.marginMm.left - GBT9704.marginMm.right) * 72) / 25.4 / GBT9704.charsPerLine - GBT9704.bodyPt) * 100) / 100,
);

export interface NoticeDocumentModel {
  /** 份头: 发文机关标志, printed in red */
  mark: string;
  /** 发文字号, e.g. 朔政数通〔2026〕7号; null for a draft */
  number: string | null;
  title: string;
  /** 主送机关 */
  addressee: string;
  paragraphs: { text: string; heading: boolean }[];
  /** 发文机关署名 */
  signature: string;
  /** 成文日期, e.g. 2026年11月20日 */
  date: string;
  /** 版记: 抄送机关 */
  copyTo: string[];
  /** 版记: 印发机关 and 印发日期 */
  printer: string;
  printDate: string;
  draft: boolean;
}

/**
 * The document of a notice as it will be printed. A draft is shown as if issued on `today` (YYYY-MM-DD), with its
 * rectification period in words; an issued notice with its number, date and computed last day.
 */
export function noticeDocumentModel(
  n: Pick<NoticeDto, 'number' | 'title' | 'department' | 'body' | 'copyTo' | 'rectify' | 'deadline' | 'issueDate' | 'documentMark' | 'issuingAuthority' | 'printingAuthority' | 'status'> & Partial<Pick<NoticeDto, 'issuedDueDate'>>,
  today: string,
): NoticeDocumentModel {
  const date = chineseDate(n.issueDate ?? today);
  // the document says what was issued, even after a returned report opened a resubmission clock
  const deadline = deadlineText(n.rectify, n.issuedDueDate ?? n.deadline?.dueDate ?? null);
  return {
    mark: n.documentMark,
    number: n.number,
    title: n.title,
    addressee: n.department.name,
    paragraphs: resolvedParagraphs(n.body, deadline).map((text) => ({ text, heading: isHeading(text) })),
    signature: n.issuingAuthority,
    date,
    copyTo: n.copyTo,
    printer: n.printingAuthority,
    printDate: date,
    draft: n.status === 'draft',
  };
}

/** The settings that fill a draft's document fields until it is issued (then they are frozen on the notice). */
export const draftDocumentFields = (s: NoticeSettingsDto) => ({ documentMark: s.documentMark, issuingAuthority: s.issuingAuthority, printingAuthority: s.printingAuthority });

/** Width in full-width characters: CJK 1, ASCII digits and letters ½ (they are set half-width). */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
  return w;
}

/**
 * Left offsets (in characters of the 28-character line) of the signature block of a document without a seal
 * (GB/T 9704-2012 7.3.5.2): 发文机关署名 右空二字, 成文日期 on the next line, its first character two to the right of
 * the name's first; when that would push the date past 右空二字, the date keeps 右空二字 and the name moves left.
 * Offsets from the left rely only on the name's width (full-width characters), not on how wide digits are set.
 */
export function signatureOffsets(signature: string, date: string, charsPerLine: number = GBT9704.charsPerLine): { signature: number; date: number } {
  const last = charsPerLine - 2;
  let name = last - textWidth(signature);
  if (name + 2 + textWidth(date) > last) name = last - textWidth(date) - 2;
  const start = Math.max(0, name);
  return { signature: start, date: start + 2 };
}

/** 抄送：甲，乙，丙。 */
export const copyToLine = (copyTo: string[]): string => `抄送：${copyTo.join('，')}。`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const fontStack = {
  title: `"${GBT9704.fonts.title}", "FZXiaoBiaoSong-B05S", "STZhongsong", "SimSun", serif`,
  body: `"${GBT9704.fonts.body}", "FangSong_GB2312", "FangSong", "STFangsong", "仿宋", serif`,
  heading: `"${GBT9704.fonts.heading}", "SimHei", "STHeiti", sans-serif`,
  song: `"${GBT9704.fonts.pageNumber}", "SimSun", "Songti SC", serif`,
};

function styles(): string {
  const m = GBT9704.marginMm;
  const pitch = `${GBT9704.linePitchPt}pt`;
  return [
    `@page { size: A4; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm;`,
    `  @bottom-right { content: "— " counter(page) " —"; font: ${GBT9704.recordPt}pt ${fontStack.song}; margin-right: 1em; } }`,
    `@page :left { @bottom-left { content: "— " counter(page) " —"; font: ${GBT9704.recordPt}pt ${fontStack.song}; margin-left: 1em; } @bottom-right { content: none; } }`,
    'html { background: #e9ebee; }',
    `body { margin: 0; color: #000; font: ${GBT9704.bodyPt}pt/${pitch} ${fontStack.body}; }`,
    `.gw { box-sizing: border-box; width: ${GBT9704.pageMm.width}mm; min-height: ${GBT9704.pageMm.height}mm; margin: 8mm auto; background: #fff;`,
    `  padding: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; box-shadow: 0 1px 6px rgba(0,0,0,.25); position: relative; }`,
    '@media print { html { background: none; } .gw { margin: 0; padding: 0; width: auto; min-height: 0; box-shadow: none; } }',
    `.gw p { margin: 0; text-align: justify; letter-spacing: ${BODY_CONDENSE_PT}pt; }`,
    `.gw-mark { color: #${GBT9704.red}; font: ${GBT9704.markPt}pt/1.4 ${fontStack.title}; text-align: center; margin-top: ${GBT9704.markTopMm}mm; }`,
    `.gw p.gw-number { text-align: center; margin-top: ${pitch}; }`,
    `.gw p.gw-number.pending { color: #888; }`,
    `.gw-red { border: 0; border-top: 2px solid #${GBT9704.red}; margin: 4mm 0 0; }`,
    `.gw-title { font: ${GBT9704.titlePt}pt/1.6 ${fontStack.title}; font-weight: normal; text-align: center; text-wrap: balance; margin: calc(${pitch} * 2) 0 ${pitch}; }`,
    `.gw p.gw-addressee { text-indent: 0; }`,
    `.gw p.gw-p { text-indent: 2em; }`,
    `.gw p.gw-h1 { text-indent: 2em; font-family: ${fontStack.heading}; }`,
    `.gw-sign { margin-top: ${pitch}; }`,
    `.gw .gw-sign p { text-align: left; }`,
    `.gw-record { margin-top: calc(${pitch} * 2); font-size: ${GBT9704.recordPt}pt; line-height: 1.8; }`,
    `.gw .gw-record .row { border-top: 1px solid #000; padding: 0 1em; }`,
    `.gw .gw-record .first { border-top: 2px solid #000; }`,
    `.gw .gw-record .last { border-bottom: 2px solid #000; display: flex; justify-content: space-between; }`,
    `.gw-draft { position: absolute; top: 12mm; right: 14mm; color: #c00; border: 2px solid #c00; padding: 0 6px; font: 14pt ${fontStack.heading}; }`,
  ].join('\n');
}

/**
 * A print-ready HTML page of the notice in the GB/T 9704-2012 look (A4, red 份头 and separator line, 发文字号, 小标宋
 * title, 仿宋 body at 22 × 28, signature and date, 版记, page numbers when printed). Pure: the SPA shows it as the
 * preview, the API serves it, the DOCX mirrors it.
 */
export function renderNoticeHtml(model: NoticeDocumentModel): string {
  const e = escapeHtml;
  const offsets = signatureOffsets(model.signature, model.date);
  const body = model.paragraphs.map((p) => `<p class="${p.heading ? 'gw-h1' : 'gw-p'}">${e(p.text)}</p>`).join('\n');
  const record = [
    model.copyTo.length ? `<p class="row first">${e(copyToLine(model.copyTo))}</p>` : '',
    `<p class="row last${model.copyTo.length ? '' : ' first'}"><span>${e(model.printer)}</span><span>${e(model.printDate)}印发</span></p>`,
  ].join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${e(model.number ?? '通报草稿')} ${e(model.title)}</title>
<style>
${styles()}
</style>
</head>
<body>
<article class="gw">
${model.draft ? '<div class="gw-draft">草稿</div>' : ''}
<header>
<div class="gw-mark">${e(model.mark)}</div>
<p class="gw-number${model.number ? '' : ' pending'}">${e(model.number ?? '（文号在印发时生成）')}</p>
<hr class="gw-red">
</header>
<h1 class="gw-title">${e(model.title)}</h1>
<p class="gw-addressee">${e(model.addressee)}：</p>
${body}
<div class="gw-sign">
<p style="margin-left: ${offsets.signature}em">${e(model.signature)}</p>
<p style="margin-left: ${offsets.date}em">${e(model.date)}</p>
</div>
<footer class="gw-record">
${record}
</footer>
</article>
</body>
</html>
`;
}
