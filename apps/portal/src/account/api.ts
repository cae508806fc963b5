import type {
  ApiKeyDto,
  CorrectionDto,
  CreatePublicCorrectionInput,
  DatasetFeedbackDto,
  ShowcaseDto,
  SubmitShowcaseInput,
  CreatedApiKeyDto,
  OpenApplicationDto,
  OpenApplicationFormDto,
  PublicMeDto,
  PublicRegisterInput,
  SubmitOpenApplicationInput,
} from '@govdata/domain';
import { ref } from 'vue';
import { ApiError } from '../api';

/** A refused request: the problem's message, and the fields it names (for the form). */
export class FormError extends ApiError {
  constructor(
    status: number,
    message: string,
    readonly fields: Record<string, string>,
  ) {
    super(status, message);
  }
}

/**
 * The portal's account calls. Same-origin JSON with the platform's client header (the CSRF guard's proof that the
 * portal, not a foreign page, sends it); the session is the HttpOnly cookie the API sets on /api/open.
 */
async function call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'x-requested-with': 'govdata', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new FormError(0, '网络连接失败，请检查网络后重试', {});
  }
  if (!res.ok) {
    const p = (await res.json().catch(() => null)) as { detail?: string; errors?: { path: string; message: string }[] } | null;
    const fields: Record<string, string> = {};
    for (const e of p?.errors ?? []) {
      const key = e.path.replace(/^body\./, '').split('.')[0];
      if (key && !fields[key]) fields[key] = e.message;
    }
    if (res.status === 401 && path !== '/api/open/account/login') me.value = null;
    throw new FormError(res.status, p?.detail ?? `服务暂时不可用（${res.status}），请稍后重试`, fields);
  }
  return (await res.json()) as T;
}

/** who is logged in on the portal: undefined until asked, null when nobody */
export const me = ref<PublicMeDto | null | undefined>(undefined);

export async function loadMe(): Promise<PublicMeDto | null> {
  if (me.value !== undefined) return me.value;
  try {
    me.value = await call<PublicMeDto>('GET', '/api/open/account/me');
  } catch {
    me.value = null;
  }
  return me.value;
}

export const account = {
  agreement: () => call<{ version: string; title: string; url: string }>('GET', '/api/open/account/agreement'),
  register: async (input: PublicRegisterInput) => (me.value = await call<PublicMeDto>('POST', '/api/open/account/register', input)),
  login: async (identifier: string, password: string) => (me.value = await call<PublicMeDto>('POST', '/api/open/account/login', { identifier, password })),
  logout: async () => {
    await call('POST', '/api/open/account/logout', {});
    me.value = null;
  },
  keys: () => call<ApiKeyDto[]>('GET', '/api/open/account/keys'),
  createKey: (name: string) => call<CreatedApiKeyDto>('POST', '/api/open/account/keys', { name }),
  revokeKey: (id: number) => call<ApiKeyDto>('POST', `/api/open/account/keys/${id}/revoke`, {}),
  form: (name: string) => call<OpenApplicationFormDto>('GET', `/api/open/applications/form/${encodeURIComponent(name)}`),
  apply: (input: SubmitOpenApplicationInput) => call<OpenApplicationDto>('POST', '/api/open/applications', input),
  applications: () => call<OpenApplicationDto[]>('GET', '/api/open/applications'),
  feedback: (name: string) => call<DatasetFeedbackDto>('GET', `/api/open/datasets/${encodeURIComponent(name)}/feedback`),
  rate: (name: string, score: number) => call<DatasetFeedbackDto>('PUT', `/api/open/datasets/${encodeURIComponent(name)}/rating`, { score }),
  showcase: (name: string, input: SubmitShowcaseInput) => call<ShowcaseDto>('POST', `/api/open/datasets/${encodeURIComponent(name)}/showcases`, input),
  // 纠错 (第十七条): a report on an open dataset, the user's own reports, one contest of an answer
  reportError: (name: string, input: CreatePublicCorrectionInput) => call<{ id: number; code: string; dueDate: string }>('POST', `/api/open/datasets/${encodeURIComponent(name)}/corrections`, input),
  corrections: () => call<{ items: CorrectionDto[] }>('GET', '/api/open/corrections'),
  contest: (id: number, reason: string) => call<CorrectionDto>('POST', `/api/open/corrections/${id}/contest`, { reason }),
};

export const CORRECTION_STATUS: Record<string, string> = { open: '待提供部门校核', answered: '已答复', contested: '异议待裁定', decided: '已裁定' };
export const CORRECTION_DECISION: Record<string, string> = { corrected: '确有错误，已更正', scheduled: '确有错误，限期更正', not_an_error: '经核实非数据错误' };

export const SHOWCASE_KINDS: Record<string, string> = { app: '应用', report: '报告', research: '研究', other: '其他' };
export const SHOWCASE_STATUS: Record<string, string> = { pending: '待审核', approved: '已展示', rejected: '未通过' };

export const STATUS_LABELS: Record<string, string> = { pending: '待答复', approved: '已同意开放', refused: '不同意开放' };
