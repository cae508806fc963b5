/**
 * `node --import tsx tools/src/scripts/check-notice-pdf.ts` — renders a written notice (书面通报) to DOCX, converts it
 * with LibreOffice (`libreoffice --headless --convert-to pdf`) and checks that the PDF carries the document number
 * and the title: the DOCX opens in a real office suite, not just in our own zip reader.
 *
 * Without LibreOffice on PATH it prints "skipped: LibreOffice not installed" and exits 0 (CI installs it). The text
 * comes from pdftotext when available; otherwise from the PDF itself (its /Title, which LibreOffice copies from the
 * DOCX core properties, plus a look at page size and count). Exits 1 on any mismatch.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildNoticeDocx } from '@govdata/supervision';
import { NOTICE_DEADLINE_TOKEN, noticeDocumentModel } from '@govdata/domain';

const NUMBER = '朔政数通〔2026〕7号';
const TITLE = '关于朔州市公安局共享数据管理失控问题的通报';

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, command)));
}

function fail(message: string): never {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}

/** A PDF string object — literal `(…)` with escapes or hex `<FEFF…>` — as text. */
function pdfString(raw: string): string {
  if (raw.startsWith('<')) {
    const hex = raw.slice(1, -1).replace(/\s+/g, '');
    const bytes = Buffer.from(hex, 'hex');
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
    return bytes.toString('latin1');
  }
  const body = raw
    .slice(1, -1)
    .replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_m, e: string) => (/^[0-7]+$/.test(e) ? String.fromCharCode(parseInt(e, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e));
  const bytes = Buffer.from(body, 'latin1');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
  return body;
}

if (!onPath('libreoffice')) {
  console.log('skipped: LibreOffice not installed');
  process.exit(0);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notice-pdf-'));
try {
  const model = noticeDocumentModel(
    {
      number: NUMBER,
      title: TITLE,
      department: { id: 3, code: '111406000114079197', name: '朔州市公安局' },
      body: [
        '依据《朔州市政务数据资源共享开放管理办法》（朔政办发〔2022〕14号）第三十三条规定，现将有关问题通报如下：',
        '一、存在的问题',
        '（一）检查发现该局将经共享平台获取的人口基础信息存放于互联网网盘。',
        '二、整改要求',
        `（一）请你单位于${NOTICE_DEADLINE_TOKEN}完成整改，并通过平台报送整改情况报告。`,
        '特此通报。',
      ].join('\n'),
      copyTo: ['朔州市数字政府建设领导小组办公室'],
      rectify: { mode: 'working_days', workingDays: 10, date: null },
      deadline: { startedAt: '', dueAt: '', dueDate: '2026-12-04', state: 'open', provisional: false, workingDaysLeft: null, workingDaysLate: null, standing: { overdue: false, workingDaysLeft: 0, workingDaysLate: 0, dueToday: false, dueTomorrow: false, dueSoon: false, dueText: '12-04 24:00', text: '剩余 10 个工作日', tone: 'primary' } },
      issueDate: '2026-11-20',
      documentMark: '朔州市政务信息管理局文件',
      issuingAuthority: '朔州市政务信息管理局',
      printingAuthority: '朔州市政务信息管理局',
      status: 'issued',
    },
    '2026-11-20',
  );
  const docx = path.join(dir, 'notice.docx');
  fs.writeFileSync(docx, await buildNoticeDocx(model));
  const convert = spawnSync('libreoffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, docx], { encoding: 'utf8', timeout: 180_000 });
  const pdfFile = path.join(dir, 'notice.pdf');
  if (convert.status !== 0 || !fs.existsSync(pdfFile)) fail(`LibreOffice could not convert the DOCX (exit ${convert.status}): ${convert.stderr || convert.stdout}`);
  const pdf = fs.readFileSync(pdfFile);
  const latin = pdf.toString('latin1');
  if (!latin.startsWith('%PDF-')) fail('the converted file is not a PDF');
  const pages = (latin.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  if (pages < 1) fail('the PDF has no pages');
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(latin);
  if (box && (Math.abs(Number(box[1]) - 595.3) > 2 || Math.abs(Number(box[2]) - 841.9) > 2)) fail(`the page is not A4: ${box[1]} × ${box[2]} pt`);

  let text: string;
  let source: string;
  if (onPath('pdftotext')) {
    const out = spawnSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' });
    if (out.status !== 0) fail(`pdftotext failed: ${out.stderr}`);
    text = out.stdout.replace(/\s+/g, '');
    source = 'pdftotext';
  } else {
    const title = /\/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]+>)/.exec(latin);
    if (!title) fail('no pdftotext and no /Title in the PDF to check against');
    text = pdfString(title[1]).replace(/\s+/g, '');
    source = 'the PDF /Title';
  }
  for (const expected of [NUMBER, TITLE]) {
    if (!text.includes(expected.replace(/\s+/g, ''))) fail(`“${expected}” not found in ${source}: ${text.slice(0, 300)}`);
  }
  console.log(`ok: ${pages} page(s), A4, number and title found in ${source}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
