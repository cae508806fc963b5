import type { FieldIssue, ProblemDetails } from '@govdata/domain';

/** An API failure as the user should see it: the problem's Chinese detail, plus field issues for forms. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly code: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(detail);
  }
}

type Query = Record<string, string | number | boolean | null | undefined | (string | number)[]>;

let onUnauthorized: (() => void) | null = null;
/** Called when a request comes back 401 (session expired): the router sends the user to the login page. */
export const setUnauthorizedHandler = (fn: () => void): void => {
  onUnauthorized = fn;
};

function url(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => params.append(k, String(x)));
    else params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

async function failure(res: Response): Promise<ApiError> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    const p = (await res.json().catch(() => null)) as ProblemDetails | null;
    if (p && typeof p.detail === 'string') return new ApiError(res.status, p.title, p.detail, p.code, p.errors ?? []);
  }
  if (res.status === 502 || res.status === 503 || res.status === 504) return new ApiError(res.status, '服务暂不可用', '服务器暂时无法访问，请稍后重试', 'unavailable');
  return new ApiError(res.status, '请求失败', `请求失败（HTTP ${res.status}）`, 'http_error');
}

async function send(method: string, path: string, options: { query?: Query; body?: unknown; raw?: BodyInit; contentType?: string } = {}): Promise<Response> {
  // X-Requested-With: the API's CSRF guard accepts state changes only from callers that can set it (same site)
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Requested-With': 'govdata' };
  let body: BodyInit | undefined;
  if (options.raw !== undefined) {
    body = options.raw;
    if (options.contentType) headers['Content-Type'] = options.contentType;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(url(path, options.query), { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, '网络错误', '无法连接服务器，请检查网络后重试', 'network');
  }
  if (!res.ok) {
    const err = await failure(res);
    if (res.status === 401 && !path.startsWith('/auth/login')) onUnauthorized?.();
    throw err;
  }
  return res;
}

async function json<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** The one configured HTTP client; every endpoint gets a tiny typed function in src/api or a module's api.ts. */
export const http = {
  get: async <T>(path: string, query?: Query) => json<T>(await send('GET', path, { query })),
  post: async <T>(path: string, body?: unknown, query?: Query) => json<T>(await send('POST', path, { body: body ?? {}, query })),
  put: async <T>(path: string, body?: unknown) => json<T>(await send('PUT', path, { body: body ?? {} })),
  patch: async <T>(path: string, body?: unknown) => json<T>(await send('PATCH', path, { body: body ?? {} })),
  delete: async <T>(path: string) => json<T>(await send('DELETE', path)),
  /** uploads a file as the raw request body */
  upload: async <T>(path: string, file: Blob, query?: Query) => json<T>(await send('POST', path, { raw: file, contentType: file.type || 'application/octet-stream', query })),
  /** uploads a file as the raw request body, reporting progress (0–100); fetch cannot report upload progress, XHR can */
  uploadWithProgress<T>(path: string, file: Blob, query: Query | undefined, onProgress: (percent: number) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url(path, query));
      xhr.withCredentials = true;
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('X-Requested-With', 'govdata');
      xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
      };
      xhr.onerror = () => reject(new ApiError(0, '网络错误', '无法连接服务器，请检查网络后重试', 'network'));
      xhr.onload = () => {
        const res = new Response(xhr.status === 204 ? null : xhr.responseText, { status: xhr.status, headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' } });
        if (res.ok) {
          onProgress(100);
          void json<T>(res).then(resolve, reject);
          return;
        }
        if (res.status === 401) onUnauthorized?.();
        void failure(res).then(reject, reject);
      };
      xhr.send(file);
    });
  },
  /** downloads a file and hands it to the browser under the server's file name */
  async download(path: string, query?: Query, fallbackName = 'download'): Promise<void> {
    const res = await send('GET', path, { query });
    const blob = await res.blob();
    const disposition = res.headers.get('content-disposition') ?? '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    const plain = /filename="?([^";]+)"?/i.exec(disposition);
    const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  },
};
