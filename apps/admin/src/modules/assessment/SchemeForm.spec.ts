import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { defaultScheme2026, validateScheme } from '@govdata/analytics';
import SchemeForm from './SchemeForm.vue';
import { testPlugins } from './testing';

/** The default scheme cut to two indicators re-weighted to 100 (Element Plus forms mount slowly under happy-dom). */
function smallScheme() {
  const scheme = defaultScheme2026();
  scheme.categories = scheme.categories.slice(0, 2);
  const [a, , , d] = scheme.indicators;
  scheme.indicators = [
    { ...a, weight: 60 },
    { ...d, weight: 40 },
  ];
  return scheme;
}

async function setNumber(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new Event('change'));
  input.dispatchEvent(new FocusEvent('blur'));
  await flushPromises();
}

describe('scheme editor', () => {
  it('shows the live weight sum and the problems validateScheme finds', async () => {
    const scheme = smallScheme();
    const w = mount(SchemeForm, {
      props: { modelValue: scheme, editable: true, 'onUpdate:modelValue': (v: typeof scheme) => w.setProps({ modelValue: v }) },
      global: { plugins: testPlugins() },
    });
    await flushPromises();
    expect(w.find('[data-test=weight-sum]').text()).toBe('权重合计 100 / 100');
    expect(w.find('[data-test=scheme-ok]').exists()).toBe(true);
    expect(w.findAll('[data-test=scheme-category]')).toHaveLength(2);
    expect(w.findAll('[data-test=scheme-indicator]')).toHaveLength(scheme.indicators.length);

    // raise the first indicator from 60 to 65 points: the sum reads 105 and the server's own check complains
    await setNumber(w.find('[data-test=indicator-weight] input').element as HTMLInputElement, '65');
    expect(scheme.indicators[0].weight).toBe(65);
    expect(w.find('[data-test=weight-sum]').text()).toBe('权重合计 105 / 100');
    const problems = w.find('[data-test=scheme-problems]');
    expect(problems.exists()).toBe(true);
    const expected = validateScheme(scheme);
    expect(expected.length).toBeGreaterThan(0);
    expect(problems.findAll('li').map((li) => li.text())).toEqual(expected);
    expect(problems.text()).toContain('100');

    // a rule of another type brings its own fields
    expect(w.text()).toContain('每次扣分');
  });

  it('is read-only when it may not be edited', async () => {
    const w = mount(SchemeForm, { props: { modelValue: smallScheme(), editable: false }, global: { plugins: testPlugins() } });
    await flushPromises();
    expect(w.find('[data-test=indicator-weight] input').attributes('disabled')).toBeDefined();
    expect(w.text()).not.toContain('添加指标');
  });
});
