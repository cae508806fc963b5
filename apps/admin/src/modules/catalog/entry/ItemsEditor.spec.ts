import { describe, expect, it } from 'vitest';
import { computed, nextTick, reactive, ref } from 'vue';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { createI18n } from 'vue-i18n';
import ElementPlus from 'element-plus';
import base from '../../../i18n/zh-CN';
import { blankForm, newItemRow, validateForm, type FieldErrors } from '../entry-form';
import { zhCN } from '../messages';
import { EDITOR_KEY, type EditorContext } from './editor';
import ItemsEditor from './ItemsEditor.vue';

/** el-table renders its rows a few ticks after mounting */
async function settle() {
  await flushPromises();
  await nextTick();
  await new Promise((r) => setTimeout(r, 0));
}

async function setup(editing = true) {
  const form = reactive(blankForm());
  form.items = [newItemRow({ name: '公民身份号码', length: 18 }), newItemRow({ name: '姓名' })];
  const errors = reactive<FieldErrors>({});
  const ctx: EditorContext = { form, editing: ref(editing), errors, entry: ref(null), classificationFrozen: computed(() => false), canChooseProvider: computed(() => false) };
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': { ...base, ...zhCN } } });
  const wrapper = mount(ItemsEditor, { global: { plugins: [ElementPlus, i18n, createPinia()], provide: { [EDITOR_KEY as symbol]: ctx } } });
  await settle();
  return { wrapper, form, errors };
}

// an editable el-table of selects and inputs takes seconds to mount in happy-dom on a shared CPU
describe('ItemsEditor (信息项)', { timeout: 90_000 }, () => {
  it('adds, moves and removes rows of the form', async () => {
    const { wrapper, form } = await setup();
    await wrapper.get('[data-test=item-add]').trigger('click');
    expect(form.items.map((i) => i.name)).toEqual(['公民身份号码', '姓名', '']);
    await settle();
    await wrapper.get('[data-test=item-up-1]').trigger('click');
    expect(form.items.map((i) => i.name)).toEqual(['姓名', '公民身份号码', '']);
    await settle();
    await wrapper.get('[data-test=item-remove-0]').trigger('click');
    expect(form.items.map((i) => i.name)).toEqual(['公民身份号码', '']);
    expect(wrapper.text()).toContain('共 2 项');
    wrapper.unmount();
  });

  it('edits a name in place and keeps the stored id of an existing item', async () => {
    const { wrapper, form } = await setup();
    form.items[0].id = 41;
    await settle();
    const input = wrapper.get('[data-test=item-name-0]');
    await input.setValue('身份证件号码');
    expect(form.items[0]).toMatchObject({ id: 41, name: '身份证件号码' });
    wrapper.unmount();
  });

  it('clears 可为空 when an item becomes the primary key (a key is never empty)', async () => {
    const { wrapper, form } = await setup();
    expect(form.items[0].nullable).toBe(true);
    await wrapper.get('[data-test=item-pk-0] input').setValue(true);
    expect(form.items[0].primaryKey).toBe(true);
    expect(form.items[0].nullable).toBe(false);
    expect(validateForm(form)['items.0.nullable']).toBeUndefined();
    wrapper.unmount();
  });

  it('shows each rule’s message under the cell it concerns, and the list’s own message above', async () => {
    const { wrapper, form, errors } = await setup();
    form.items[1].name = '公民身份号码';
    Object.assign(errors, validateForm(form));
    await settle();
    expect(errors['items.1.name']).toBe('信息项名称“公民身份号码”与第 1 项重复');
    expect(wrapper.findAll('[data-test=item-error]').map((e) => e.text())).toEqual(['信息项名称“公民身份号码”与第 1 项重复']);

    form.items.splice(0, 2);
    Object.keys(errors).forEach((k) => delete errors[k]);
    Object.assign(errors, validateForm(form));
    await settle();
    expect(wrapper.get('[data-test=items-error]').text()).toContain('至少填写一个信息项');
    wrapper.unmount();
  });

  it('reads as a table of flags when not editing', async () => {
    const { wrapper } = await setup(false);
    expect(wrapper.find('[data-test=items-table]').exists()).toBe(false);
    expect(wrapper.find('[data-test=item-add]').exists()).toBe(false);
    expect(wrapper.get('[data-test=items-view]').text()).toContain('字符型(18)');
    wrapper.unmount();
  });
});
