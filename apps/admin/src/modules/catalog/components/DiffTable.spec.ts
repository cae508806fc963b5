import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { flushPromises, mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import ElementPlus from 'element-plus';
import base from '../../../i18n/zh-CN';
import { zhCN } from '../messages';
import DiffTable from './DiffTable.vue';

const i18n = () => createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': { ...base, ...zhCN } } });
async function render(changes: unknown[]) {
  const wrapper = mount(DiffTable, { props: { changes: changes as never }, global: { plugins: [ElementPlus, i18n()] }, attachTo: document.body });
  await flushPromises();
  await nextTick();
  await new Promise((r) => setTimeout(r, 0));
  return wrapper;
}

describe('DiffTable (逐字段差异)', () => {
  it('shows each changed field with its label, before and after in words', async () => {
    const wrapper = await render([
      { field: 'updateCycle', label: '更新周期', before: 'daily', after: 'realtime' },
      { field: 'items.61', label: '新增信息项「犬只品种」', before: null, after: { id: 61, name: '犬只品种', dataType: 'string', length: 50, nullable: true, primaryKey: false, sensitive: false, secret: false, desensitization: 'none', description: null } },
      { field: 'securityAgreementRequired', label: '需签订安全协议', before: false, after: true },
    ]);
    const text = wrapper.text();
    expect(text).toContain('更新周期');
    expect(wrapper.findAll('[data-test=diff-before]').map((c) => c.text())).toEqual(['每日', '（空）', '否']);
    expect(wrapper.findAll('[data-test=diff-after]').map((c) => c.text())).toEqual(['实时', '犬只品种 · 字符型(50)', '是']);
    expect(text).toContain('新增');
    wrapper.unmount();
  });

  it('says so when two versions do not differ', async () => {
    const wrapper = await render([]);
    expect(wrapper.text()).toContain('两个版本没有差异');
    wrapper.unmount();
  });
});
