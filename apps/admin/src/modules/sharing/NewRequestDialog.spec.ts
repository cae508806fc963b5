import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import ElementPlus from 'element-plus';
import type { ShareEntryDto } from '@govdata/domain';
import zhCN from '../../i18n/zh-CN';
import { answerFetch } from '../assessment/testing';
import { zhCN as shareMessages } from './messages';
import NewRequestDialog from './NewRequestDialog.vue';

const entry: ShareEntryDto = {
  id: 41,
  code: '111406000114079197/00041',
  name: '人口基本信息',
  summary: '户籍人口的基本信息',
  provider: { id: 11, code: '111406000114079197', name: '朔州市公安局' },
  shareType: 'conditional',
  shareConditions: '仅限履行法定职责时使用',
  noShareReason: null,
  noShareBasis: null,
  version: 3,
  access: 'request',
  items: [
    { id: 1, name: '公民身份号码', sensitive: true },
    { id: 2, name: '姓名', sensitive: false },
    { id: 3, name: '户籍地址', sensitive: false },
  ],
};

afterEach(() => vi.unstubAllGlobals());

/** Issue 14, defect 5: 申请共享 on an entry's page opens the dialog on that entry, with no data item ticked. */
describe('the new-request dialog opened from a catalog entry', () => {
  it('starts on the entry and ticks no data item', async () => {
    const api = answerFetch({ '/api/share-entries/41': entry });
    vi.stubGlobal('fetch', api.fetch);
    const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': { ...zhCN, ...shareMessages } } });
    const w = mount(NewRequestDialog, { props: { modelValue: false, presetEntryId: 41 }, global: { plugins: [ElementPlus, i18n] }, attachTo: document.body });
    await w.setProps({ modelValue: true });
    await flushPromises();
    expect(api.urls).toContain('/api/share-entries/41');
    expect(api.urls.some((u) => u.startsWith('/api/share-entries?'))).toBe(false);
    const body = document.body.textContent ?? '';
    expect(body).toContain('朔州市公安局');
    expect(body).toContain('公民身份号码');
    const boxes = [...document.body.querySelectorAll<HTMLInputElement>('.el-checkbox-group input[type=checkbox]')];
    expect(boxes).toHaveLength(3);
    expect(boxes.filter((b) => b.checked)).toHaveLength(0);
    w.unmount();
  }, 60_000);
});
