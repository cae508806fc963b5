import type { ConsoleModule } from '../types';

const GROUP = 'nav.groupAssessment';
/** the assessment rates departments (第三十条): the bureau, the leaders and the departments; review agents answer requests only */
const STAFF = ['bureau_admin', 'dept_admin', 'leader'] as const;

/**
 * 考核评估 (第三十条至第三十二条): results with ranking, publication and the 第三十二条 list; a department's explained
 * breakdown down to the records; the year's scheme; the leadership dashboard; and the public page of published totals.
 */
export const assessmentModule: ConsoleModule = {
  name: 'assessment',
  routes: [
    {
      path: 'dashboard',
      name: 'dashboard',
      component: () => import('./DashboardView.vue'),
      meta: { title: 'assessment.nav.dashboard', roles: ['leader', 'bureau_admin'], menu: { group: GROUP, icon: 'DataAnalysis', order: 5 } },
    },
    {
      path: 'assessments/:year(\\d{4})?',
      name: 'assessments',
      component: () => import('./ResultsView.vue'),
      meta: { title: 'assessment.nav.results', roles: STAFF, menu: { group: GROUP, icon: 'Histogram', order: 10 } },
    },
    {
      path: 'assessments/:year(\\d{4})/departments/:departmentId(\\d+)',
      name: 'assessment-department',
      component: () => import('./DepartmentView.vue'),
      meta: { title: 'assessment.nav.department', roles: STAFF },
    },
    {
      path: 'assessments/:year(\\d{4})?/scheme',
      name: 'assessment-scheme',
      component: () => import('./SchemeView.vue'),
      meta: { title: 'assessment.nav.scheme', roles: STAFF, menu: { group: GROUP, icon: 'Tickets', order: 20 } },
    },
  ],
  publicRoutes: [
    {
      path: '/public/assessments/:year(\\d{4})?',
      name: 'public-assessments',
      component: () => import('./PublicResultsView.vue'),
      meta: { title: 'assessment.nav.public', public: true },
    },
  ],
  messages: () => import('./messages').then((m) => m.assessmentMessages),
};
