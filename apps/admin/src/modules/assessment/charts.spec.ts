import { describe, expect, it } from 'vitest';
import { GRADE_LABELS, gradeOf } from '@govdata/analytics';
import { HORIZONTAL_RANKING_MAX, changeText, rankingOption, shortName, type RankedRow } from './charts';

const rows = (n: number): RankedRow[] =>
  Array.from({ length: n }, (_, i) => {
    const total = 99 - i * 2.5;
    return { department: { id: 100 + i, code: `C${String(i).padStart(3, '0')}`, name: `朔州市第${i + 1}局` }, total, grade: gradeOf(total, { excellent: 90, good: 80, pass: 60 }), rank: i + 1 };
  });

type Axis = { type: string; data?: string[] };
type Opt = { xAxis: Axis; yAxis: Axis; series: { name: string; data: ({ value: number; departmentId: number } | null)[] }[] };

describe('ranking chart option', () => {
  it('draws a few departments as horizontal bars, the best on top', () => {
    const o = rankingOption(rows(HORIZONTAL_RANKING_MAX)) as Opt;
    expect(o.xAxis.type).toBe('value');
    expect(o.yAxis.data?.at(-1)).toBe('第1局');
  });

  it('draws the whole city as columns, the best first, every department in exactly one grade series', () => {
    const input = rows(43);
    const o = rankingOption([...input].reverse()) as Opt;
    expect(o.yAxis.type).toBe('value');
    expect(o.xAxis.data).toEqual(input.map((r) => shortName(r.department.name)));
    expect(o.series.map((s) => s.name)).toEqual(Object.values(GRADE_LABELS));
    for (let i = 0; i < input.length; i++) {
      const hits = o.series.filter((s) => s.data[i] !== null);
      expect(hits).toHaveLength(1);
      expect(hits[0].name).toBe(GRADE_LABELS[input[i].grade]);
      expect(hits[0].data[i]).toMatchObject({ value: input[i].total, departmentId: input[i].department.id });
    }
  });

  it('reads a change against last year', () => {
    expect(changeText(null)).toEqual({ text: '—', tone: 'flat' });
    expect(changeText(0.001)).toEqual({ text: '持平', tone: 'flat' });
    expect(changeText(3.2)).toEqual({ text: '▲ 3.20', tone: 'up' });
    expect(changeText(-1.05)).toEqual({ text: '▼ 1.05', tone: 'down' });
  });
});
