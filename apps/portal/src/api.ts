import type { DatasetPreviewDto, OpenDatasetDto, OpenDepartmentDto, OpenSearchResultDto, PortalHomeDto } from '@govdata/domain';

/** A problem+json answer, with the message a person can act on. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function get<T>(path: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError(0, '网络连接失败，请检查网络后重试');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { detail?: string } | null;
    throw new ApiError(res.status, body?.detail ?? `服务暂时不可用（${res.status}），请稍后重试`);
  }
  return (await res.json()) as T;
}

const qs = (params: Record<string, string | number | undefined>): string => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') s.set(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
};

export const api = {
  home: () => get<PortalHomeDto>('/api/open/home'),
  search: (params: Record<string, string | number | undefined>) => get<OpenSearchResultDto>(`/api/open/datasets${qs(params)}`),
  dataset: (name: string) => get<OpenDatasetDto>(`/api/open/datasets/${encodeURIComponent(name)}`),
  departments: () => get<OpenDepartmentDto[]>('/api/open/departments'),
  preview: (name: string) => get<DatasetPreviewDto>(`/api/open/datasets/${encodeURIComponent(name)}/preview`),
};

/** The calendar day in Beijing (UTC+8 all year, no daylight saving) of an instant — the portal's one place for it. */
export const shanghaiDay = (iso: string): string => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** 1234567 → "1.2 MB" (file sizes beside the download buttons). */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** 12345 → "12,345". */
export const count = (n: number): string => n.toLocaleString('zh-CN');
