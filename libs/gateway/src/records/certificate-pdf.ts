import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { shanghaiCell } from '@govdata/core';
import { GRANT_STATE_LABELS, type GrantState } from '@govdata/domain';
import type { callCertificate } from './certificate';

export type CallCertificate = Awaited<ReturnType<typeof callCertificate>>;

/**
 * The CJK fonts a PDF can be set in: GOVDATA_PDF_FONT (a .ttf/.otf, or a .ttc with `#<PostScript name>`), else
 * Debian's fonts-noto-cjk and the usual places of other distributions. Null when none is there.
 */
export function pdfFont(env: Record<string, string | undefined> = process.env): { path: string; family?: string } | null {
  const given = env.GOVDATA_PDF_FONT?.trim();
  if (given) {
    const [path, family] = given.split('#');
    return path && fs.existsSync(path) ? { path, family } : null;
  }
  const candidates: Array<{ path: string; family?: string }> = [
    { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
    { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
    { path: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
    { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
  ];
  return candidates.find((c) => fs.existsSync(c.path)) ?? null;
}

/** `2026-11-20 10:00` in Beijing time. */
const minute = (iso: string): string => shanghaiCell(iso).slice(0, 16);

const STATUS_WORDS: Record<string, string> = { ok: '成功', forbidden: '拒绝（无授权）', unauthorized: '拒绝（未认证）', rate_limited: '超频', quota_exceeded: '超配额', not_found: '未找到', bad_request: '请求有误', upstream_error: '上游接口错误', error: '错误' };

/**
 * 调用凭证 as an A4 PDF (第十六条(四)): who, what and when; the counts; the first and last record with their hashes; the
 * daily seals with their signatures; the public key; how to verify. The JSON certificate — which carries the links an
 * auditor recomputes — is embedded as a file attachment, so the PDF alone can be checked offline
 * (`npm run verify-calls -- --certificate <the attachment>`). The font is subset: only the characters used are embedded.
 */
export async function certificatePdf(cert: CallCertificate, font: { path: string; family?: string }): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 56, right: 56 }, info: { Title: `${cert.title}（授权 ${cert.grant.id}，${cert.period.from} 至 ${cert.period.to}）`, Author: '朔州市政务数据共享开放平台', Subject: cert.grant.entry.name } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.path, font.family);
  doc.font('cjk');
  const width = doc.page.width - 112;
  const heading = (text: string) => doc.moveDown(0.6).fontSize(12).fillColor('#1f3a8a').text(text).fillColor('#000').fontSize(10).moveDown(0.2);
  const row = (label: string, value: string) => doc.fontSize(10).text(`${label}：${value}`, { width });
  const mono = (text: string) => doc.fontSize(8).fillColor('#333').text(text, { width, lineBreak: true }).fillColor('#000').fontSize(10);

  doc.fontSize(18).text(cert.title, { align: 'center' }).moveDown(0.3);
  doc.fontSize(9).fillColor('#555').text(`出具时间 ${minute(cert.issuedAt)}（北京时间） · 第十六条第（四）项 调用记录电子凭证`, { align: 'center' }).fillColor('#000');

  heading('一、共享授权');
  row('数据资源', `${cert.grant.entry.name}（${cert.grant.entry.code}）`);
  row('提供部门', cert.grant.provider);
  row('使用部门', cert.grant.consumer);
  row('授权编号', `${cert.grant.id}（${GRANT_STATE_LABELS[cert.grant.status as GrantState] ?? cert.grant.status}，有效期至 ${cert.grant.validUntil}）`);
  row('凭证期间', `${cert.period.from} 至 ${cert.period.to}`);

  heading('二、调用情况');
  row('调用总数', `${cert.counts.total} 次（成功 ${cert.counts.ok} 次，拒绝或失败 ${cert.counts.refused} 次），返回记录 ${cert.counts.rows} 行`);
  const byStatus = Object.entries(cert.counts.byStatus).map(([s, n]) => `${STATUS_WORDS[s] ?? s} ${n}`).join('，');
  if (byStatus) row('按结果', byStatus);
  for (const [label, r] of [['首条记录', cert.first], ['末条记录', cert.last]] as const) {
    if (!r) continue;
    row(label, `序号 ${r.seq}，${minute(r.at)}`);
    mono(`SM3 ${r.hash}`);
  }
  if (!cert.first) row('说明', '期间内本授权没有调用记录。');

  heading('三、日封存签名（Ed25519）');
  if (!cert.seals.length) row('说明', '期间内尚无日封存（封存于次日凌晨进行）。');
  for (const s of cert.seals) {
    row(s.day, `当日 ${s.count} 条记录，封存至序号 ${s.lastSeq}`);
    mono(`末条哈希 ${s.lastHash}\n签名 ${s.signature}`);
  }

  heading('四、平台公钥');
  row('算法与编号', `${cert.publicKey.algorithm}，${cert.publicKey.keyId}`);
  mono(cert.publicKey.pem.trim());

  heading('五、核验方法');
  for (const line of cert.howToVerify) doc.fontSize(9).text(line, { width });
  doc.moveDown(0.3).fontSize(9).text('本 PDF 附有 JSON 格式的完整凭证（含可逐条重算的哈希链），可在 PDF 阅读器的“附件”中取出，用平台公钥离线核验。', { width });

  doc.file(Buffer.from(JSON.stringify(cert, null, 2)), { name: `调用凭证-授权${cert.grant.id}-${cert.period.from}至${cert.period.to}.json`, type: 'application/json', description: '调用凭证（JSON，可离线核验）' });
  doc.end();
  return done;
}
