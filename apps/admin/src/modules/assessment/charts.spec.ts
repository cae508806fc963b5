import { describe, expect, it } from 'vitest';
import { GRADE_LABELS, gradeOf } from '@govdata/analytics';
import type { DashboardDto } from '@govdata/analytics';
import { HEATMAP_DEPARTMENTS, HORIZONTAL_RANKING_MAX, changeText, flowsOption, heatmapHeight, heatmapOption, rankingOption, shortName, TOP_FLOWS, type RankedRow } from './charts';

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

/** A city of `n` departments: department i provides to i+1 with i+1 grants, and has i overdue items in March. */
function city(n: number): DashboardDto {
  const departments = Array.from({ length: n }, (_, i) => ({ id: 100 + i, code: `C${i}`, name: `朔州市第${i + 1}局` }));
  return {
    year: 2026,
    asOf: '2026-11-20',
    kpis: { entries: 0, requests: 0, onTimeRate: null, openViolations: 0, openNotices: 0 },
    monthly: [],
    heatmap: { departments, months: ['2026-03', '2026-04'], cells: departments.map((_, i) => [i, 0, i + 1] as [number, number, number]) },
    network: { nodes: departments, links: departments.slice(0, -1).map((_, i) => ({ source: i, target: i + 1, grants: i + 1 })) },
  };
}
type Bars = { yAxis: { data: string[] }; series: { type: string; data: { value: number; providerId: number; consumerId: number }[] }[] };
type Heat = { yAxis: { data: string[] }; series: { data: { value: number[]; departmentId: number }[] }[]; visualMap: { max: number } };

describe('sharing flows chart option (replaces the network tangle)', () => {
  it('lists the top provider → consumer pairs as bars, the largest on top, labelled with both departments', () => {
    const o = flowsOption(city(43).network) as Bars;
    expect(o.series[0].type).toBe('bar');
    expect(o.series[0].data).toHaveLength(TOP_FLOWS);
    const values = o.series[0].data.map((d) => d.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(values.at(-1)).toBe(42);
    expect(o.yAxis.data.at(-1)).toBe('第42局 → 第43局');
    expect(o.series[0].data.at(-1)).toMatchObject({ providerId: 141, consumerId: 142 });
  });

  it('draws every flow of a small network', () => {
    const o = flowsOption(city(4).network) as Bars;
    expect(o.yAxis.data).toEqual(['第1局 → 第2局', '第2局 → 第3局', '第3局 → 第4局']);
  });
});

describe('heatmap option', () => {
  it('keeps to the departments with the most overdue items, the most on top, and stays short', () => {
    const d = city(43);
    const o = heatmapOption(d.heatmap) as Heat;
    expect(o.yAxis.data).toHaveLength(HEATMAP_DEPARTMENTS);
    expect(o.yAxis.data.at(-1)).toBe('第43局');
    expect(o.series[0].data).toHaveLength(HEATMAP_DEPARTMENTS);
    expect(o.series[0].data.every((c) => c.departmentId >= 100 + 43 - HEATMAP_DEPARTMENTS)).toBe(true);
    expect(o.visualMap.max).toBe(43);
    // 43 departments no longer make a 1,000-px chart
    expect(parseInt(heatmapHeight(d.heatmap.departments.length), 10)).toBeLessThanOrEqual(420);
  });
});
