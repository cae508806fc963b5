import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import KpiCards from './KpiCards.vue';
import { dashboardFixture, testPlugins, testRouter } from './testing';

describe('KPI cards from the keyboard (issue 14, defect 10)', () => {
  it('puts the cards that open a page in the Tab order as links, and opens them with Enter or Space', async () => {
    const router = testRouter();
    await router.push('/');
    const w = mount(KpiCards, { props: { kpis: dashboardFixture.kpis }, global: { plugins: testPlugins(router) } });
    const focusable = w.findAll('[tabindex="0"]').map((c) => c.attributes('data-test'));
    expect(focusable).toEqual(['kpi-entries', 'kpi-violations', 'kpi-notices']);
    expect(w.findAll('[role=link]').length).toBe(3);
    // a card without a page is no control
    expect(w.find('[data-test=kpi-onTime]').attributes('tabindex')).toBeUndefined();
    expect(w.find('[data-test=kpi-onTime]').attributes('role')).toBeUndefined();

    await w.find('[data-test=kpi-entries]').trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('catalog-entries');
    await w.find('[data-test=kpi-violations]').trigger('keydown', { key: ' ' });
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('violations');
    await w.find('[data-test=kpi-onTime]').trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('violations');
  });
});
