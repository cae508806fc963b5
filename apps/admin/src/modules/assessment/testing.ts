import ElementPlus from 'element-plus';
import { createI18n } from 'vue-i18n';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import type { DashboardDto, ResultsResponse, RevisionDto } from '@govdata/analytics';
import zhCN from '../../i18n/zh-CN';
import { assessmentMessages } from './messages';

const Blank = { template: '<div />' };

/** A router with the pages the assessment views link to (same names and paths, blank components). */
export function testRouter(): Router {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: Blank },
      { path: '/login', name: 'login', component: Blank },
      { path: '/assessments/:year(\\d{4})?', name: 'assessments', component: Blank },
      { path: '/assessments/:year(\\d{4})/departments/:departmentId(\\d+)', name: 'assessment-department', component: Blank },
      { path: '/assessments/:year(\\d{4})?/scheme', name: 'assessment-scheme', component: Blank },
      { path: '/public/assessments/:year(\\d{4})?', name: 'public-assessments', component: Blank },
      { path: '/deadlines', name: 'deadlines', component: Blank },
      { path: '/violations', name: 'violations', component: Blank },
      { path: '/notices', name: 'notices', component: Blank },
      { path: '/catalog/entries', name: 'catalog-entries', component: Blank },
    ],
  });
}

/** What a component test of the assessment pages mounts with: Element Plus, the zh-CN texts, and `router`. */
export function testPlugins(router: Router = testRouter()) {
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': { ...zhCN, ...assessmentMessages['zh-CN'] } } });
  return [ElementPlus, i18n, router];
}

const departments = [
  { id: 11, code: '111406000114079197', name: '朔州市公安局' },
  { id: 12, code: '11140600MB1957414T', name: '朔州市市场监督管理局' },
  { id: 13, code: '11140600012345678X', name: '朔州市民政局' },
  { id: 14, code: '11140600087654321Y', name: '朔州市自然资源局' },
];

export const revisionFixture: RevisionDto = {
  year: 2025,
  number: 2,
  status: 'draft',
  statusLabel: '草稿（未公布）',
  reason: '部门反映 3 月份答复记录统计有误',
  asOf: '2025-12-31',
  computedAt: '2026-01-05T02:00:00.000Z',
  computedBy: { id: 1, displayName: '张明远' },
  publishedAt: null,
  publishedBy: null,
  departmentCount: 4,
};

const indicators = (a: number, b: number, c: number) => [
  { id: 'catalog_metadata', name: '目录要素完整性', category: 'catalog', points: a, weight: 40, neutral: false },
  { id: 'provider_reply', name: '共享申请按时答复', category: 'sharing', points: b, weight: 40, neutral: false },
  { id: 'violations', name: '违规扣分', category: 'supervision', points: c, weight: 20, neutral: c === 20 },
];

/** Four departments, one per grade. */
export const resultsFixture: ResultsResponse = {
  revision: revisionFixture,
  rows: [
    { department: departments[0], total: 95, grade: 'excellent', gradeLabel: '优秀', rank: 1, previousTotal: 90, change: 5, indicators: indicators(38, 37, 20), suspended: false },
    { department: departments[1], total: 84.5, grade: 'good', gradeLabel: '良好', rank: 2, previousTotal: 86, change: -1.5, indicators: indicators(34, 32.5, 18), suspended: false },
    { department: departments[2], total: 70, grade: 'pass', gradeLabel: '合格', rank: 3, previousTotal: null, change: null, indicators: indicators(30, 26, 14), suspended: false },
    { department: departments[3], total: 41, grade: 'fail', gradeLabel: '不合格', rank: 4, previousTotal: 55, change: -14, indicators: indicators(20, 15, 6), suspended: true },
  ],
  average: { total: 72.63, indicators: { catalog_metadata: 30.5, provider_reply: 27.63, violations: 14.5 } },
};

const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
export const dashboardFixture: DashboardDto = {
  year: 2026,
  asOf: '2026-11-26',
  kpis: { entries: 1234, requests: 567, onTimeRate: 0.9125, openViolations: 7, openNotices: 2 },
  monthly: months.map((month, i) => ({
    month,
    repliesDue: i < 11 ? 20 : 0,
    repliesMet: i < 11 ? 18 : 0,
    onTimeRate: i < 11 ? 0.9 : null,
    overdue: i % 3,
  })),
  heatmap: {
    departments: [departments[1], departments[3]],
    months,
    cells: [
      [0, 2, 3],
      [1, 2, 1],
      [1, 9, 5],
    ],
  },
  network: {
    nodes: departments.slice(0, 3),
    links: [
      { source: 0, target: 1, grants: 4 },
      { source: 2, target: 0, grants: 1 },
    ],
  },
};

/**
 * Answers the SPA's fetches from fixtures of the wire contract, keyed by path without the query ('/api/…'), or by
 * method and path ('POST /api/…'); a function fixture is called for each request (a sequence of progress answers).
 * Anything else is a 404 problem. Returns the URLs asked for and the bodies sent, so a test can check what a page
 * calls (and what it never calls).
 */
export function answerFetch(fixtures: Record<string, unknown>): { urls: string[]; sent: { method: string; url: string; body: unknown }[]; fetch: typeof fetch } {
  const urls: string[] = [];
  const sent: { method: string; url: string; body: unknown }[] = [];
  const answer = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    urls.push(url);
    if (method !== 'GET') sent.push({ method, url, body: typeof init?.body === 'string' ? JSON.parse(init.body) : null });
    const path = url.split('?')[0];
    const key = `${method} ${path}` in fixtures ? `${method} ${path}` : method === 'GET' && path in fixtures ? path : null;
    if (key) {
      const fixture = fixtures[key];
      const value = typeof fixture === 'function' ? (fixture as () => unknown)() : fixture;
      return new Response(JSON.stringify(value), { status: method === 'POST' && path.endsWith('/compute') ? 202 : 200, headers: { 'content-type': 'application/json' } });
    }
    return new Response(JSON.stringify({ title: '未找到', detail: `没有 ${path}`, code: 'not_found', status: 404 }), { status: 404, headers: { 'content-type': 'application/problem+json' } });
  };
  return { urls, sent, fetch: answer as typeof fetch };
}
