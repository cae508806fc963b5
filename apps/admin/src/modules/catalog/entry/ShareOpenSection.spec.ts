import { describe, expect, it } from 'vitest';
import { computed, nextTick, reactive, ref } from 'vue';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { createI18n } from 'vue-i18n';
import ElementPlus from 'element-plus';
import base from '../../../i18n/zh-CN';
import { blankForm, payloadFromForm, validateForm, type FieldErrors } from '../entry-form';
import { zhCN } from '../messages';
import { EDITOR_KEY, type EditorContext } from './editor';
import ShareOpenSection from './ShareOpenSection.vue';

function setup(editing = true) {
  const form = reactive(blankForm());
  const errors = reactive<FieldErrors>({});
  const ctx: EditorContext = { form, editing: ref(editing), errors, entry: ref(null), classificationFrozen: computed(() => false), canChooseProvider: computed(() => false) };
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': { ...base, ...zhCN } } });
  // the department picker loads the platform's departments; the section's own logic is what is tested here
  const wrapper = mount(ShareOpenSection, { global: { plugins: [ElementPlus, i18n, createPinia()], provide: { [EDITOR_KEY as symbol]: ctx }, stubs: { DepartmentSelect: true } } });
  return { wrapper, form, errors };
}
/** lets the inputs finish sizing themselves (autosize textareas measure on the next tick) */
async function settle() {
  await nextTick();
  await flushPromises();
}
const shown = (w: ReturnType<typeof setup>['wrapper'], field: string) => w.find(`[data-test=item-${field}]`).exists();

describe('ShareOpenSection (共享与开放)', { timeout: 30_000 }, () => {
  it('asks for conditions only when sharing is conditional (第十三条第（二）项)', async () => {
    const { wrapper, form } = setup();
    form.shareType = 'conditional';
    await settle();
    expect(shown(wrapper, 'shareConditions')).toBe(true);
    expect(shown(wrapper, 'noShareReason')).toBe(false);
    expect(shown(wrapper, 'dedicated')).toBe(true);
    form.shareType = 'unconditional';
    await settle();
    expect(shown(wrapper, 'shareConditions')).toBe(false);
  });

  it('asks for reasons and a legal basis for 不予共享, drops the dedicated list and closes the resource (第十三条第（三）项)', async () => {
    const { wrapper, form } = setup();
    form.openType = 'on_application';
    form.dedicatedDepartmentIds = [7];
    await settle();
    // choosing the option as the user does
    const none = wrapper.findAll('input[type=radio]').find((i) => (i.element as HTMLInputElement).value === 'none');
    if (!none) throw new Error('no 不予共享 option');
    await none.setValue(true);
    expect(form.shareType).toBe('none');
    expect(form.openType).toBe('closed');
    expect(shown(wrapper, 'noShareReason')).toBe(true);
    expect(shown(wrapper, 'noShareBasis')).toBe(true);
    expect(shown(wrapper, 'dedicated')).toBe(false);
    expect(payloadFromForm(form).dedicatedDepartmentIds).toEqual([]);
    expect(wrapper.text()).toContain('不得以部门内部管理办法作为不予共享的依据');
  });

  it('asks for the closing reason of a closed resource, and open conditions otherwise (第二十三条、第二十四条)', async () => {
    const { wrapper, form } = setup();
    form.openType = 'closed';
    await settle();
    expect(shown(wrapper, 'closedReason')).toBe(true);
    expect(shown(wrapper, 'closedBasis')).toBe(true);
    expect(shown(wrapper, 'openConditions')).toBe(false);
    form.openType = 'on_application';
    await settle();
    expect(shown(wrapper, 'closedReason')).toBe(false);
    expect(wrapper.get('[data-test=item-openConditions]').classes()).toContain('is-required');
    form.openType = 'open';
    await settle();
    expect(wrapper.get('[data-test=item-openConditions]').classes()).not.toContain('is-required');
  });

  it('shows the rules’ messages under the fields they concern', async () => {
    const { wrapper, form, errors } = setup();
    form.shareType = 'none';
    await settle();
    form.noShareBasis = '本局内部管理办法';
    Object.assign(errors, validateForm(form));
    await settle();
    // el-form-item shows its error state after a short debounce
    await new Promise((r) => setTimeout(r, 200));
    expect(wrapper.get('[data-test=item-noShareReason]').text()).toContain('不予共享的资源须说明充分合理的理由');
    expect(wrapper.get('[data-test=item-noShareBasis]').text()).toContain('不得以部门内部管理办法作为不予共享的依据（第十四条第（一）项）');
    expect(wrapper.get('[data-test=item-closedReason]').text()).toContain('须选择不予开放原因');
  });

  it('reads the attributes back when not editing', () => {
    const { wrapper } = setup(false);
    expect(wrapper.find('[data-test=share-form]').exists()).toBe(false);
    expect(wrapper.get('[data-test=share-view]').text()).toContain('有条件共享');
  });
});
