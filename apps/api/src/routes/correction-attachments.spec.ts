import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { CorrectionAttachment } from '@govdata/lifecycle';
import { createTestApp, type TestApp } from '../testing/harness';
import { entryOf, logins } from '../testing/share-fixtures';

// 第十七条: the reporter attaches its evidence of the error, the provider that of its check; both sides, the bureau and
// the leaders read them; nobody else; bounded and typed like the notices' attachments; closed once the bureau decided.
describe('纠错佐证材料 (第十七条)', () => {
  let t: TestApp;
  let as: ReturnType<typeof logins>;
  let correctionId: number;
  const PDF = Buffer.from('%PDF-1.4\n登记机关出具的证明（示例）\n%%EOF\n');

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-06-15T10:00:00+08:00' });
    as = logins(t);
    const entry = await entryOf(t, 'gaj', { name: '人口基础信息', shareType: 'conditional', items: ['公民身份号码', '姓名'] });
    const rsj = await as('rsj');
    const req = await rsj.post('/api/share-requests').send({ entryId: entry.id, itemIds: entry.itemIds, purpose: '办理社会保障卡申领业务时核验申请人身份', scenario: '政务服务大厅窗口受理' });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    await (await as('bureau')).post(`/api/share-requests/${req.body.id}/compliance-review`).send({ decision: 'pass' }).expect(200);
    await (await as('gaj')).post(`/api/share-requests/${req.body.id}/reply`).send({ decision: 'approve' }).expect(200);
    const reported = await rsj.post('/api/corrections').send({ entryId: entry.id, description: '部分记录的姓名与户籍登记不一致' });
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    correctionId = reported.body.id;
  });
  afterAll(() => t.close());

  const upload = async (username: string, name: string, body: Buffer, type = 'application/pdf') =>
    (await as(username)).post(`/api/corrections/${correctionId}/attachments`).query({ name }).set('Content-Type', type).send(body);

  it('takes a file from each side, lists it for the parties and the bureau, and serves the same bytes', async () => {
    const evidence = await upload('rsj', '登记机关证明.pdf', PDF);
    expect(evidence.status, JSON.stringify(evidence.body)).toBe(201);
    expect(evidence.body).toMatchObject({ name: '登记机关证明.pdf', size: PDF.length, sha256: createHash('sha256').update(PDF).digest('hex'), department: { name: '朔州市人力资源和社会保障局' } });
    expect((await upload('gaj', '核查记录.txt', Buffer.from('已核对源系统'), 'text/plain')).status).toBe(201);

    for (const who of ['rsj', 'gaj', 'bureau', 'leader']) {
      const list = await (await as(who)).get(`/api/corrections/${correctionId}/attachments`);
      expect(list.status, who).toBe(200);
      expect(list.body.items.map((a: { name: string }) => a.name)).toEqual(['登记机关证明.pdf', '核查记录.txt']);
    }
    const file = await (await as('bureau')).get(`/api/corrections/${correctionId}/attachments/${evidence.body.id}`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(file.status).toBe(200);
    expect(Buffer.compare(file.body as Buffer, PDF)).toBe(0);
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''");
  });

  it('refuses others and bad files, storing nothing', async () => {
    const before = await t.db.fork().count(CorrectionAttachment, {});
    // a department on neither side neither reads nor attaches (404: the record is not theirs to know of)
    expect((await (await as('scjgj')).get(`/api/corrections/${correctionId}/attachments`)).status).toBe(404);
    expect((await upload('scjgj', '无关.pdf', PDF)).status).toBe(404);
    // the bureau reads but does not attach
    expect((await upload('bureau', '管理局.pdf', PDF)).status).toBe(403);
    const badType = await upload('rsj', '脚本.exe', PDF, 'application/octet-stream');
    expect(badType.status).toBe(400);
    expect(badType.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await upload('rsj', '空文件.pdf', Buffer.alloc(0))).status).toBe(400);
    const tooBig = await upload('rsj', '过大.pdf', Buffer.alloc(10 * 1024 * 1024 + 1, 1));
    expect(tooBig.status).toBe(413);
    expect((await (await as('rsj')).post(`/api/corrections/${correctionId}/attachments`).query({ name: '' }).set('Content-Type', 'application/pdf').send(PDF)).status).toBe(400);
    expect(await t.db.fork().count(CorrectionAttachment, {})).toBe(before);
  });

  it('closes once the bureau has decided a contest', async () => {
    await (await as('gaj')).post(`/api/corrections/${correctionId}/answer`).send({ decision: 'not_an_error', reason: '经核对户籍登记原件，数据一致' }).expect(200);
    // the reporter may still add evidence for its contest
    expect((await upload('rsj', '异议材料.pdf', PDF)).status).toBe(201);
    await (await as('rsj')).post(`/api/corrections/${correctionId}/contest`).send({ reason: '已提供登记机关证明，请管理局裁定' }).expect(200);
    await (await as('bureau')).post(`/api/corrections/${correctionId}/decide`).send({ decision: 'answer_upheld', reason: '提供部门答复有据' }).expect(200);
    const closed = await upload('rsj', '补充.pdf', PDF);
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('correction.closed');
  });
});
