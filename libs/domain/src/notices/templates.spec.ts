import { describe, expect, it } from 'vitest';
import { VIOLATION_TYPES, type ViolationType } from '../violations';
import {
  chineseDate,
  chineseOrdinal,
  deadlineText,
  draftBody,
  draftTitle,
  factsOf,
  fillTemplate,
  isHeading,
  NOTICE_DEADLINE_TOKEN,
  NOTICE_TEMPLATES,
  resolvedParagraphs,
} from './templates';

const overdueReply = {
  type: 2 as ViolationType,
  detectedAt: '2026-03-10T01:00:00.000Z',
  evidence: {
    summary: '共享申请 GX-2026-0042（申请部门：市人社局）未在规定时限内答复',
    dueAt: '2026-03-05T15:59:59.999Z',
    completedAt: null,
    workingDaysLate: 3,
    article: '第十五条第（二）项',
  },
};
const leak = {
  type: 6 as ViolationType,
  detectedAt: '2026-04-01T02:00:00.000Z',
  evidence: { summary: '检查发现该局将共享获取的人口基础信息存放于互联网网盘。', observedAt: '2026-03-30T03:00:00.000Z' },
};

describe('notice templates', () => {
  it('has one template per violation type of 第三十三条, each with every placeholder it needs', () => {
    expect(Object.keys(NOTICE_TEMPLATES).map(Number)).toEqual([...VIOLATION_TYPES]);
    for (const t of Object.values(NOTICE_TEMPLATES)) {
      expect(t.finding).toContain('{facts}');
      expect(t.finding).toContain('{clause}');
      expect(t.requirement.length).toBeGreaterThan(10);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fillTemplate('{a}与{b}，{c}', { a: '甲', b: '乙' })).toBe('甲与乙，{c}');
  });

  it('writes dates and ordinals the way 公文 do', () => {
    expect(chineseDate('2026-03-05')).toBe('2026年3月5日');
    expect(chineseDate('2026-12-31T00:00:00Z')).toBe('2026年12月31日');
    expect([1, 9, 10, 11, 20, 35].map(chineseOrdinal)).toEqual(['一', '九', '十', '十一', '二十', '三十五']);
    expect(() => chineseOrdinal(0)).toThrow(RangeError);
  });

  it('states the facts of a missed deadline from the evidence, in Shanghai dates', () => {
    expect(factsOf(overdueReply)).toBe('共享申请 GX-2026-0042（申请部门：市人社局）未在规定时限内答复（办理期限截至2026年3月5日，核查时仍未办结，逾期3个工作日）');
    const done = { ...overdueReply, evidence: { ...overdueReply.evidence, completedAt: '2026-03-09T02:00:00Z' } };
    expect(factsOf(done)).toContain('实际于2026年3月9日办结');
  });

  it('states an inspection finding with the day it was observed, without a doubled full stop', () => {
    expect(factsOf(leak)).toBe('检查发现该局将共享获取的人口基础信息存放于互联网网盘（2026年3月30日核查发现）');
  });

  it('titles a notice by its single subject, or generally when it covers several types', () => {
    expect(draftTitle({ department: '朔州市公安局', violations: [leak] })).toBe('关于朔州市公安局共享数据管理失控问题的通报');
    expect(draftTitle({ department: '朔州市公安局', violations: [leak, overdueReply] })).toBe('关于朔州市公安局政务数据共享开放工作中存在问题的通报');
  });

  it('renders a body citing the clause of 第三十三条 and the underlying article, with the deadline token', () => {
    const body = draftBody({ department: '朔州市公安局', authority: '朔州市政务信息管理局', violations: [overdueReply, leak] });
    const lines = body.split('\n');
    expect(lines[0]).toContain('朔政办发〔2022〕14号');
    expect(lines[0]).toContain('朔州市政务信息管理局对朔州市公安局');
    expect(lines[1]).toBe('一、存在的问题');
    // the evidence's own article wins over the template's default
    expect(lines[2]).toMatch(/^（一）共享申请 GX-2026-0042.*第十五条第（二）项.*第三十三条第（二）项所列“不按照规定将本部门政务数据资源目录/);
    expect(lines[3]).toMatch(/^（二）检查发现.*第二十六条、第二十七条、第二十八条.*第三十三条第（六）项/);
    expect(lines[4]).toBe('二、整改要求');
    expect(lines.filter((l) => l.startsWith('（')).length).toBe(2 + 2 + 1);
    expect(body).toContain(NOTICE_DEADLINE_TOKEN);
    expect(body).toContain('第三十三条第（八）项认定为拒不整改');
    expect(lines.at(-1)).toBe('特此通报。');
    expect(body).not.toMatch(/\{\w+\}/);
  });

  it('refuses a body without violations', () => {
    expect(() => draftBody({ department: '甲', authority: '乙', violations: [] })).toThrow(RangeError);
  });

  it('resolves the deadline: the period before issue, the last day after', () => {
    expect(deadlineText({ mode: 'working_days', workingDays: 10, date: null }, null)).toBe('自本通报印发之日起10个工作日内');
    expect(deadlineText({ mode: 'date', workingDays: null, date: '2026-12-31' }, null)).toBe('2026年12月31日前');
    expect(deadlineText({ mode: 'working_days', workingDays: 10, date: null }, '2026-12-04')).toBe('2026年12月4日前');
    const paragraphs = resolvedParagraphs(`甲\n\n  请于${NOTICE_DEADLINE_TOKEN}完成。 \n`, '2026年12月4日前');
    expect(paragraphs).toEqual(['甲', '请于2026年12月4日前完成。']);
  });

  it('recognises level-1 headings only', () => {
    expect(isHeading('一、存在的问题')).toBe(true);
    expect(isHeading('十二、其他')).toBe(true);
    expect(isHeading('（一）某事')).toBe(false);
    expect(isHeading('一、' + '很长的正文'.repeat(10))).toBe(false);
  });
});
