import { describe, expect, it } from 'vitest';
import type { RouteRecordRaw } from 'vue-router';
import type { Role } from '@govdata/domain';
import { routes } from '../router';
import { breadcrumbFor, menuFor, menuPageOf } from './menu';

const pages = (routes.find((r) => r.path === '/')?.children ?? []) as RouteRecordRaw[];
const names = (roles: Role[]) => {
  const m = menuFor(pages, roles);
  return Object.fromEntries([['', m.top.map((e) => e.name)], ...m.groups.map((g) => [g.key, g.items.map((e) => e.name)])]);
};

describe('the menu each role sees (issue 14, navigation)', () => {
  it('gives the bureau every page but the departments’ own inbox of requests to answer', () => {
    expect(names(['bureau_admin'])).toEqual({
      '': ['home'],
      'nav.groupCatalog': ['catalog-entries', 'catalog-import', 'catalog-triggers', 'catalog-duplicates', 'catalog-releases', 'catalog-leads', 'retirements'],
      'nav.groupSharing': ['share-mine', 'share-review', 'share-all', 'share-grants', 'call-records', 'corrections', 'upper-resources', 'upper-needs', 'upper-applications', 'high-frequency', 'open-applications', 'open-showcases', 'open-usage', 'share-agents', 'systems'],
      'nav.groupSupervision': ['violations', 'notices', 'deadlines', 'jobs'],
      'nav.groupAssessment': ['dashboard', 'assessments', 'assessment-scheme'],
      'nav.groupOrganisation': ['departments', 'users'],
      'nav.groupSystem': ['calendar', 'rule-sets', 'audit', 'inbox'],
    });
  });

  it('gives a department admin its department’s work, without the bureau’s queues, jobs or the dashboard', () => {
    expect(names(['dept_admin'])).toEqual({
      '': ['home'],
      'nav.groupCatalog': ['catalog-entries', 'catalog-import', 'catalog-triggers', 'catalog-duplicates', 'catalog-releases', 'catalog-leads', 'retirements'],
      'nav.groupSharing': ['share-mine', 'share-todo', 'share-grants', 'call-records', 'corrections', 'upper-resources', 'upper-needs', 'open-applications', 'open-usage', 'share-agents', 'systems'],
      'nav.groupSupervision': ['violations', 'notices', 'deadlines'],
      'nav.groupAssessment': ['assessments', 'assessment-scheme'],
      'nav.groupOrganisation': ['departments', 'users'],
      'nav.groupSystem': ['calendar', 'rule-sets', 'inbox'],
    });
  });

  it('gives the leaders what they read: the dashboard, results, supervision, requests and the catalog (第四条)', () => {
    expect(names(['leader'])).toEqual({
      '': ['home'],
      'nav.groupCatalog': ['catalog-entries', 'catalog-releases', 'retirements'],
      'nav.groupSharing': ['share-all', 'share-grants', 'call-records', 'corrections', 'upper-resources', 'upper-needs', 'upper-applications', 'high-frequency', 'open-applications', 'open-showcases', 'open-usage', 'systems'],
      'nav.groupSupervision': ['violations', 'notices', 'deadlines'],
      'nav.groupAssessment': ['dashboard', 'assessments', 'assessment-scheme'],
      'nav.groupOrganisation': ['departments'],
      'nav.groupSystem': ['calendar', 'rule-sets', 'inbox'],
    });
  });

  it('gives a review agent the requests it answers and its delegations (第十六条(一)), and little else', () => {
    expect(names(['dept_agent'])).toEqual({
      '': ['home'],
      'nav.groupCatalog': ['catalog-entries'],
      'nav.groupSharing': ['share-todo', 'corrections', 'share-agents'],
      'nav.groupOrganisation': ['departments'],
      'nav.groupSystem': ['calendar', 'rule-sets', 'inbox'],
    });
  });

  it('shows only pages the route guard lets the role open', () => {
    for (const role of ['bureau_admin', 'dept_admin', 'leader', 'dept_agent'] as Role[]) {
      const m = menuFor(pages, [role]);
      for (const e of [...m.top, ...m.groups.flatMap((g) => g.items)]) {
        const r = pages.find((p) => p.name === e.name)!;
        const roles = r.meta?.roles as readonly Role[] | undefined;
        expect(!roles || roles.includes(role), `${role} → ${e.name}`).toBe(true);
      }
    }
  });
});

describe('breadcrumbs', () => {
  const at = (name: string, path: string) => ({ name, path, meta: pages.find((p) => p.name === name)?.meta ?? {} });
  it('reads 工作台 / group / page, and puts a record under its list', () => {
    expect(breadcrumbFor(pages, at('home', '/'))).toEqual([{ title: 'nav.home' }]);
    expect(breadcrumbFor(pages, at('share-todo', '/share/todo'))).toEqual([{ title: 'nav.home', to: 'home' }, { title: 'nav.groupSharing' }, { title: 'nav.shareTodo' }]);
    expect(breadcrumbFor(pages, at('catalog-entry', '/catalog/entries/12'))).toEqual([
      { title: 'nav.home', to: 'home' },
      { title: 'nav.groupCatalog' },
      { title: 'catalog.nav.entries', to: 'catalog-entries' },
      { title: 'catalog.nav.entry' },
    ]);
    expect(breadcrumbFor(pages, at('violation', '/violations/3'))).toEqual([
      { title: 'nav.home', to: 'home' },
      { title: 'nav.groupSupervision' },
      { title: 'supervision.violationsTitle', to: 'violations' },
    ]);
    expect(menuPageOf(pages, at('assessment-department', '/assessments/2025/departments/14'))?.name).toBe('assessments');
  });
});
