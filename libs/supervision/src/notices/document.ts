import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  TabStopType,
  TextRun,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import { copyToLine, GBT9704, signatureOffsets, type NoticeDocumentModel } from '@govdata/domain';

/** 1 mm in twentieths of a point (twips), the unit of Word page geometry. */
const MM = 1440 / 25.4;
const twips = (mm: number): number => Math.round(mm * MM);
const pt = (points: number): number => Math.round(points * 20);
/** run sizes are in half-points */
const half = (points: number): number => points * 2;

const page = {
  width: twips(GBT9704.pageMm.width),
  height: twips(GBT9704.pageMm.height),
  top: twips(GBT9704.marginMm.top),
  bottom: twips(GBT9704.marginMm.bottom),
  left: twips(GBT9704.marginMm.left),
  right: twips(GBT9704.marginMm.right),
};
const textWidth = page.width - page.left - page.right;
const line = pt(GBT9704.linePitchPt);
/** one character of 三号 text on the 28-per-line grid */
const bodyChar = textWidth / GBT9704.charsPerLine;
const recordChar = pt(GBT9704.recordPt);
/**
 * 28 characters of 三号 (16 pt) need 448 pt, the 版心 is 442 pt wide: runs are condensed by a quarter point (w:spacing,
 * in twips), which Word and LibreOffice both honour. A `linesAndChars` document grid would say the same to Word, but
 * LibreOffice lays a glyph wider than a grid cell over two cells (14 characters a line).
 */
const condense = Math.floor(textWidth / GBT9704.charsPerLine - pt(GBT9704.bodyPt));

const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
const FONT = {
  title: font(GBT9704.fonts.title),
  body: font(GBT9704.fonts.body),
  heading: font(GBT9704.fonts.heading),
  song: font(GBT9704.fonts.pageNumber),
};

const run = (text: string, opts: Omit<IRunOptions, 'text'> = {}): TextRun => new TextRun({ text, font: FONT.body, size: half(GBT9704.bodyPt), characterSpacing: condense, ...opts });
const para = (opts: IParagraphOptions): Paragraph => new Paragraph({ spacing: { line, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, ...opts });

function pageNumberFooter(align: 'left' | 'right'): Footer {
  // GB/T 9704-2012 7.5: 4号 半角宋体 Arabic numerals with a dash either side, odd pages 右空一字, even pages 左空一字
  return new Footer({
    children: [
      new Paragraph({
        alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === 'right' ? { right: recordChar } : { left: recordChar },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: FONT.song, size: half(GBT9704.recordPt) })],
      }),
    ],
  });
}

const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 0 } as const; // ≈ 0.35 mm
const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 0 } as const; // ≈ 0.25 mm
/** an empty paragraph one point high that only carries a rule */
const RULE = 20;

/**
 * The notice as a Word document in the GB/T 9704-2012 layout, mirroring renderNoticeHtml: A4 with the standard
 * margins and a 22 × 28 grid; red 份头 35 mm below the top of the 版心 and a red line 4 mm under the 发文字号;
 * 小标宋 二号 title; 主送; 仿宋_GB2312 三号 body with 黑体 level-1 headings; unsealed signature and date (7.3.5.2);
 * 版记 with 抄送 and 印发机关/印发日期 between thick and thin rules; “— 1 —” page numbers.
 */
export async function buildNoticeDocx(model: NoticeDocumentModel): Promise<Buffer> {
  const offsets = signatureOffsets(model.signature, model.date);
  const children: Paragraph[] = [
    // 份头: a larger face than the grid's line, so its own line height
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: twips(GBT9704.markTopMm), after: 0, line: Math.round(half(GBT9704.markPt) * 10 * 1.2), lineRule: LineRuleType.EXACT },
      children: [new TextRun({ text: model.mark, font: FONT.title, size: half(GBT9704.markPt), color: GBT9704.red })],
    }),
    // 发文字号 two lines under the mark, the red separator 4 mm under it
    para({
      alignment: AlignmentType.CENTER,
      spacing: { before: line * 2, line, lineRule: LineRuleType.EXACT },
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: GBT9704.red, space: Math.round((4 / 25.4) * 72) } },
      children: [run(model.number ?? '（文号在印发时生成）')],
    }),
    para({
      alignment: AlignmentType.CENTER,
      spacing: { before: line * 2, line: Math.round(pt(GBT9704.titlePt) * 1.4), lineRule: LineRuleType.EXACT },
      children: [new TextRun({ text: model.title, font: FONT.title, size: half(GBT9704.titlePt) })],
    }),
    para({ spacing: { before: line, line, lineRule: LineRuleType.EXACT }, children: [run(`${model.addressee}：`)] }),
    ...model.paragraphs.map((p) =>
      para({ indent: { firstLine: Math.round(bodyChar * 2) }, alignment: AlignmentType.BOTH, children: [run(p.text, p.heading ? { font: FONT.heading } : {})] }),
    ),
    para({ spacing: { before: line, line, lineRule: LineRuleType.EXACT }, indent: { left: Math.round(bodyChar * offsets.signature) }, children: [run(model.signature)] }),
    para({ indent: { left: Math.round(bodyChar * offsets.date) }, children: [run(model.date)] }),
    // 版记 (7.4): rules as wide as the 版心 (thick first and last, thin between), the text inset by one character
    para({ spacing: { before: line * 2, line: RULE, lineRule: LineRuleType.EXACT }, border: { bottom: thick }, children: [] }),
    ...(model.copyTo.length
      ? [
          // 回行时与冒号后的首字对齐: a hanging indent the width of “抄送：”
          para({ indent: { left: recordChar * 4, hanging: recordChar * 3, right: recordChar }, children: [run(copyToLine(model.copyTo), { size: half(GBT9704.recordPt) })] }),
          para({ spacing: { line: RULE, lineRule: LineRuleType.EXACT }, border: { bottom: thin }, children: [] }),
        ]
      : []),
    para({
      indent: { left: recordChar, right: recordChar },
      tabStops: [{ type: TabStopType.RIGHT, position: textWidth - 2 * recordChar }],
      children: [run(model.printer, { size: half(GBT9704.recordPt) }), new TextRun({ children: [new Tab(), `${model.printDate}印发`], font: FONT.body, size: half(GBT9704.recordPt), characterSpacing: condense })],
    }),
    para({ spacing: { line: RULE, lineRule: LineRuleType.EXACT }, border: { bottom: thick }, children: [] }),
  ];

  const doc = new Document({
    creator: model.signature,
    title: model.number ? `${model.number} ${model.title}` : model.title,
    description: '书面通报（《朔州市政务数据资源共享开放管理办法》第三十三条）',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: FONT.body, size: half(GBT9704.bodyPt) },
          paragraph: { spacing: { line, lineRule: LineRuleType.EXACT } },
        },
      },
      // LibreOffice sizes the character grid from the Normal style, not from the document defaults
      paragraphStyles: [{ id: 'Normal', name: 'Normal', quickFormat: true, run: { font: FONT.body, size: half(GBT9704.bodyPt) }, paragraph: { spacing: { line, lineRule: LineRuleType.EXACT } } }],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: page.width, height: page.height },
            margin: { top: page.top, bottom: page.bottom, left: page.left, right: page.right, header: twips(15), footer: twips(22), gutter: 0 },
          },
          // no snapping grid: the exact 28.95 pt line spacing of every paragraph gives the 22 lines, and the 1 pt rule
          // paragraphs of the 版记 stay 1 pt high (a `lines` grid would lift each to a full line)
          grid: { type: DocumentGridType.DEFAULT, linePitch: line },
        },
        footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
