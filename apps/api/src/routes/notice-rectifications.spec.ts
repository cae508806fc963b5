import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent, Deadline, Violation } from '@govdata/core';
import { NoticeAttachment } from '@govdata/supervision';
import { createTestApp, type TestApp } from '../testing/harness';
import { departmentId, recordViolation } from '../testing/notices';

/** exceljs declares its own Buffer type; a Node Buffer is one at runtime */
const loadXlsx = async (body: Buffer): Promise<ExcelJS.Workbook> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
  return wb;
};

describe('rectification, the document and the register', () => {
  let t: TestApp;
  let noticeId: number;
  let number: string;
  let violationIds: number[];
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-11-20T10:00:00+08:00' });
    violationIds = [await recordViolation(t, { department: '朔州市公安局', type: 6 }), await recordViolation(t, { department: '朔州市公安局', type: 7 })];
    const bureau = await t.as('bureau');
    const [draft] = (await bureau.post('/api/notices').send({ violationIds, rectifyWithinWorkingDays: 10 })).body;
    noticeId = draft.id;
    number = (await bureau.post(`/api/notices/${noticeId}/issue`)).body.number;
  });
  afterAll(() => t.close());

  it('serves the DOCX named by its number (RFC 5987), with number, title, addressee and deadline inside', async () => {
    const res = await (await t.as('gaj')).get(`/api/notices/${noticeId}/document`).responseType('blob');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="notice-2026-1.docx"; filename*=UTF-8''${encodeURIComponent(`${number}.docx`)}`);
    const xml = (await (await JSZip.loadAsync(res.body)).file('word/document.xml')?.async('string')) ?? '';
    const notice = (await (await t.as('bureau')).get(`/api/notices/${noticeId}`)).body;
    expect(notice.deadline.dueDate).toBe('2026-12-04');
    for (const text of [number, notice.title, '朔州市公安局：', '2026年12月4日前']) expect(xml).toContain(text);
  });

  it('lets only the addressed department report; others are refused and nothing changes', async () => {
    const rsj = await t.as('rsj');
    expect((await rsj.post(`/api/notices/${noticeId}/rectifications`).send({ text: '我局已完成全部整改工作。' })).status).toBe(403);
    expect((await rsj.post(`/api/notices/${noticeId}/attachments?name=a.pdf`).set('Content-Type', 'application/pdf').send(Buffer.from('%PDF-1.4'))).status).toBe(403);
    const bureau = await t.as('bureau');
    expect((await bureau.post(`/api/notices/${noticeId}/rectifications`).send({ text: '我局已完成全部整改工作。' })).status).toBe(403);
    const agent = await t.as('agent');
    expect((await agent.post(`/api/notices/${noticeId}/rectifications`).send({ text: '我局已完成全部整改工作。' })).status).toBe(403);
    // nothing to accept yet
    expect((await bureau.post(`/api/notices/${noticeId}/accept`).send({})).status).toBe(422);
  });

  it('takes attachments as raw uploads with a name, refusing bad types, empty and JSON bodies', async () => {
    const gaj = await t.as('gaj');
    const pdf = Buffer.from('%PDF-1.4\n% 整改报告\n');
    const up = await gaj.post(`/api/notices/${noticeId}/attachments?name=${encodeURIComponent('整改报告.pdf')}`).set('Content-Type', 'application/pdf').send(pdf);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ name: '整改报告.pdf', mimeType: 'application/pdf', size: pdf.length, rectificationId: null });
    const exe = await gaj.post(`/api/notices/${noticeId}/attachments?name=virus.exe`).set('Content-Type', 'application/octet-stream').send(Buffer.from('MZ'));
    expect(exe.status).toBe(400);
    expect(exe.body.detail).toContain('不支持的附件类型');
    const empty = await gaj.post(`/api/notices/${noticeId}/attachments?name=a.txt`).set('Content-Type', 'text/plain').send(Buffer.alloc(0));
    expect(empty.status).toBe(400);
    const json = await gaj.post(`/api/notices/${noticeId}/attachments?name=a.txt`).send({ content: 'aGVsbG8=' });
    expect(json.status).toBe(400);
    expect(json.body.code).toBe('notice.attachment_format');
    const tooBig = await gaj.post(`/api/notices/${noticeId}/attachments?name=big.zip`).set('Content-Type', 'application/zip').send(Buffer.alloc(10 * 1024 * 1024 + 1));
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.detail).toContain('10 MB');
    const scratch = await gaj.post(`/api/notices/${noticeId}/attachments?name=draft.txt`).set('Content-Type', 'text/plain').send(Buffer.from('草稿'));
    expect((await gaj.delete(`/api/notices/${noticeId}/attachments/${scratch.body.id}`)).status).toBe(204);
    expect(await t.db.fork().count(NoticeAttachment, { notice: noticeId })).toBe(1);
  });

  it('runs report → return with reason → report again → accept: notice closed, violations closed, deadline met', async () => {
    const gaj = await t.as('gaj');
    const bureau = await t.as('bureau');
    const pending = (await gaj.get(`/api/notices/${noticeId}`)).body.pendingAttachments;
    expect(pending).toHaveLength(1);
    const first = await gaj.post(`/api/notices/${noticeId}/rectifications`).send({ text: '已删除违规存放的数据，正在完善制度。', attachmentIds: [pending[0].id] });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'submitted', pendingAttachments: [], rectifications: [{ status: 'submitted', inTime: true, attachments: [{ name: '整改报告.pdf' }] }] });
    // the attachment is now part of the record
    expect((await gaj.delete(`/api/notices/${noticeId}/attachments/${pending[0].id}`)).status).toBe(422);
    const file = await bureau.get(`/api/notices/${noticeId}/attachments/${pending[0].id}`).responseType('blob');
    expect(file.status).toBe(200);
    expect((file.body as Buffer).toString('utf8')).toContain('整改报告');
    expect(file.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('整改报告.pdf')}`);
    expect((await (await t.as('rsj')).get(`/api/notices/${noticeId}/attachments/${pending[0].id}`)).status).toBe(403);

    expect((await bureau.post(`/api/notices/${noticeId}/return`).send({})).status).toBe(400);
    // sessions last 12 hours: log in again after moving the clock
    t.clock.set('2026-11-25T10:00:00+08:00');
    const returned = await (await t.as('bureau')).post(`/api/notices/${noticeId}/return`).send({ reason: '未提供数据销毁记录，请补充后重新报送。' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', rectifications: [{ status: 'returned', comment: '未提供数据销毁记录，请补充后重新报送。' }] });
    // the report came in time, so the return opens a resubmission clock: the 10 working days left after the report
    // (11-23 … 12-04), counted from the return on 11-25; the notice as issued still reads 12月4日
    expect(returned.body.deadline).toMatchObject({ state: 'open', dueDate: '2026-12-09' });
    expect(returned.body.issuedDueDate).toBe('2026-12-04');

    t.clock.set('2026-12-01T10:00:00+08:00');
    const second = await (await t.as('gaj')).post(`/api/notices/${noticeId}/rectifications`).send({ text: '已补充数据销毁记录和管理制度文件。' });
    expect(second.body.status).toBe('submitted');
    // accepted after the deadline (2026-12-04), but reported before it: rectified in time
    t.clock.set('2026-12-08T10:00:00+08:00');
    const accepted = await (await t.as('bureau')).post(`/api/notices/${noticeId}/accept`).send({ comment: '整改到位' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'closed', rectifiedInTime: true, deadline: { state: 'met' }, rectifications: [{ status: 'returned' }, { status: 'accepted', comment: '整改到位' }] });
    const em = t.db.fork();
    expect((await em.find(Violation, { id: { $in: violationIds } })).map((v) => v.status)).toEqual(['closed', 'closed']);
    expect(await em.count(AuditEvent, { action: 'violation.close', subjectId: { $in: violationIds.map(String) } })).toBe(2);
    const clocks = await em.find(Deadline, { subjectType: 'notice', subjectId: noticeId }, { orderBy: { id: 'asc' } });
    // the first clock stopped by the timely report and superseded at the return; the resubmission clock met
    expect(clocks.map((c) => c.state)).toEqual(['cancelled', 'met']);
    expect(clocks[1].completedAt?.toISOString()).toBe(new Date('2026-12-01T10:00:00+08:00').toISOString());
    expect((await (await t.as('gaj')).post(`/api/notices/${noticeId}/rectifications`).send({ text: '再次报送整改情况说明。' })).status).toBe(422);
  });

  it('counts per department and year for the assessment, and exports the register as XLSX', async () => {
    let bureau = await t.as('bureau');
    // a second notice for gaj that runs out: overdue and escalated by the job
    const v = await recordViolation(t, { department: '朔州市公安局', type: 1 });
    const [draft] = (await bureau.post('/api/notices').send({ violationIds: [v], rectifyWithinWorkingDays: 1 })).body;
    await bureau.post(`/api/notices/${draft.id}/issue`);
    t.clock.set('2026-12-15T10:00:00+08:00');
    bureau = await t.as('bureau');
    const run = await t.ctx.jobs.runNow('notice-escalation');
    expect(run).toMatchObject({ escalated: 1, violationsCreated: 1 });

    const stats = await (await t.as('leader')).get('/api/notices/stats?year=2026');
    expect(stats.status).toBe(200);
    const row = stats.body.items.find((i: { department: { name: string } }) => i.department.name === '朔州市公安局');
    expect(row).toMatchObject({ issued: 2, rectifiedInTime: 1, rectifiedLate: 0, overdue: 1, escalated: 1, open: 1 });
    expect((await (await t.as('gaj')).get('/api/notices/stats?year=2026')).status).toBe(403);

    const xlsx = await bureau.get(`/api/notices/export.xlsx?departmentId=${await departmentId(t, '朔州市公安局')}`).responseType('blob');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('书面通报台账-2026-12-15.xlsx')}`);
    const wb = await loadXlsx(xlsx.body);
    const ws = wb.getWorksheet('书面通报台账');
    if (!ws) throw new Error('the register sheet is missing');
    expect(ws.rowCount).toBe(3);
    expect(ws.getRow(1).getCell(1).value).toBe('发文字号');
    const rows = [2, 3].map((r) => ws.getRow(r).values as unknown[]);
    expect(rows.map((r) => r[1])).toEqual(['朔政数通〔2026〕2号', number]);
    expect(rows[1][10]).toBe('是');
    expect(String(rows[0][8])).toContain('已报领导小组');
    // a department exports only its own
    const own = await (await t.as('rsj')).get('/api/notices/export.xlsx').responseType('blob');
    const wb2 = await loadXlsx(own.body);
    expect(wb2.getWorksheet('书面通报台账')?.rowCount).toBe(1);
  });
});
