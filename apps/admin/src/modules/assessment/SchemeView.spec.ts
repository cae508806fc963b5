import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { defaultScheme2026, type AssessmentYearDto, type SchemeView as SchemeViewDto } from '@govdata/analytics';
import type { Me } from '@govdata/domain';
import { useAuthStore } from '../../stores/auth';
import SchemeView from './SchemeView.vue';
import { answerFetch, testPlugins, testRouter } from './testing';

const years: AssessmentYearDto[] = [{ year: 2026, schemeName: '2026 年度考核方案', schemeEditable: true, latest: null, published: null }];
/** the default scheme cut to three indicators (Element Plus mounts slowly under happy-dom) */
function smallScheme() {
  const scheme = defaultScheme2026();
  scheme.categories = scheme.categories.slice(0, 2);
  const first = scheme.indicators.filter((i) => i.category === scheme.categories[0].id).slice(0, 2);
  const second = scheme.indicators.filter((i) => i.category === scheme.categories[1].id).slice(0, 1);
  scheme.indicators = [...first, ...second];
  return scheme;
}
const view = (): SchemeViewDto => ({ year: 2026, scheme: smallScheme(), stored: true, editable: true, problems: [], updatedAt: null, updatedBy: null });
const me = (roles: Me['roles']): Me => ({ id: 5, username: 'u', displayName: '王芳', roles, department: { id: 2, code: 'x', name: '朔州市人民政府办公室' } }) as Me;

async function mountAs(user: Me, stubs: Record<string, boolean> = {}) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const auth = useAuthStore();
  auth.me = user;
  auth.checked = true;
  vi.stubGlobal('fetch', answerFetch({ '/api/assessments': years, '/api/health': { now: '2026-11-26T02:00:00.000Z' }, '/api/assessments/2026/scheme': view() }).fetch);
  const router = testRouter();
  await router.push('/assessments/2026/scheme');
  const w = mount(SchemeView, { global: { plugins: [pinia, ...testPlugins(router)], stubs } });
  await flushPromises();
  return w;
}

afterEach(() => vi.unstubAllGlobals());

/** Issue 14, defect 9: a read-only user reads the scheme; a greyed-out 3,300 px form is not a way to read it. */
describe('the assessment scheme for those who may only read it', () => {
  it('shows a leader the scheme in words: indicator names, points, what each measures and how it scores', async () => {
    const w = await mountAs(me(['leader']));
    expect(w.find('[data-test=scheme-summary]').exists()).toBe(true);
    // no form at all: no inputs, greyed or not
    expect(w.findAll('.scheme-summary input, .scheme-summary .el-input-number')).toHaveLength(0);
    expect(w.find('[data-test=indicator-weight]').exists()).toBe(false);
    const scheme = smallScheme();
    const names = w.findAll('[data-test=summary-indicator]').map((n) => n.text());
    expect(names).toEqual(scheme.categories.flatMap((c) => scheme.indicators.filter((i) => i.category === c.id).map((i) => i.name)));
    const text = w.text();
    // indicator names, never their keys (defect 7)
    for (const i of scheme.indicators) expect(text).not.toContain(i.id);
    expect(text).toContain('优秀 ≥ 90 分，良好 ≥ 80 分，合格 ≥ 60 分');
    expect(text).toMatch(/比例计分：得分 = [\d.]+ 分 × /);
  }, 60_000);

  it('still gives the bureau its editor while the year is open', async () => {
    // (the editor itself is SchemeForm.spec's; it mounts slowly, so it is stubbed here)
    const w = await mountAs(me(['bureau_admin']), { SchemeForm: true });
    expect(w.find('[data-test=scheme-summary]').exists()).toBe(false);
    expect(w.findComponent({ name: 'SchemeForm' }).exists()).toBe(true);
  }, 60_000);
});
