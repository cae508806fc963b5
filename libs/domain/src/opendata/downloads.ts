import { z } from 'zod';
import type { Desensitization, OpenType } from '../catalog/enums';
import { ConflictError, ForbiddenError } from '../errors';
import { isOpenItem, type OpenItemInput } from './rules';

/**
 * 数据下载 (第二十三条, 第二十六条): what the public may download of an open dataset, and in which columns. One function
 * decides the columns — the portal's item list, the preview and every download file read it, so they never disagree.
 */
export const OPEN_DOWNLOAD_FORMATS = ['CSV', 'XLSX', 'JSON'] as const;
export type OpenDownloadFormat = (typeof OPEN_DOWNLOAD_FORMATS)[number];

export const OPEN_DOWNLOAD_MEDIA: Record<OpenDownloadFormat, string> = {
  CSV: 'text/csv',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  JSON: 'application/json',
};

/** Downloads per client address and minute (per API process): a person clicks a few; a scraper is slowed. */
export const OPEN_DOWNLOAD_RATE = { perMinute: 30 } as const;
/** Previews per client address and minute. */
export const OPEN_PREVIEW_RATE = { perMinute: 120 } as const;
/** Rows in the public preview. */
export const OPEN_PREVIEW_ROWS = 20;

/** The download URL of a format (also the CKAN resource and the DCAT distribution's downloadURL). */
export const openDownloadPath = (name: string, format: OpenDownloadFormat): string => `/api/open/datasets/${name}/download.${format.toLowerCase()}`;

export interface PublicItemInput extends OpenItemInput {
  id: number;
}

/**
 * The items the public gets, in their order, each with the rule it is served under: 涉密 never, 删除 never, a
 * sensitive item only masked (`isOpenItem`), and any masking rule on an item applies to the public as it does to the
 * gateway's consumers.
 */
export function publicItems<T extends PublicItemInput>(items: readonly T[]): Array<T & { served: Desensitization }> {
  return items.filter(isOpenItem).map((i) => ({ ...i, served: i.desensitization }));
}

/**
 * May the public download (or preview) the data of an open dataset? Only 无条件开放 entries (第二十三条); 依申请开放
 * data needs an application answered by the provider (第二十四条); without a live version there is nothing to serve.
 */
export function assertPublicDownload(openType: OpenType, hasLiveVersion: boolean, providerName: string): void {
  if (openType !== 'open') {
    throw new ForbiddenError('该数据集依申请开放（第二十四条）：不提供免登录下载，请注册账号后在门户提交开放申请，经提供部门同意后通过开放接口获取', 'opendata.application_required');
  }
  if (!hasLiveVersion) {
    throw new ConflictError(`该数据集的目录信息已开放，但${providerName}尚未在平台发布数据文件，暂无可下载的数据；发布后即可下载`, 'opendata.no_data');
  }
}

export const openDownloadParamsSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9_-]{2,100}$/, '数据集名称只含小写字母、数字、- 和 _'),
  format: z.enum(['csv', 'xlsx', 'json'], { message: '下载格式应为 csv、xlsx 或 json' }),
});

export const openDataFileSchema = z.object({
  format: z.enum(OPEN_DOWNLOAD_FORMATS),
  url: z.string(),
  mediaType: z.string(),
  /** the size of the file as last served in full, null until someone downloaded it once */
  bytes: z.number().int().nullable(),
});
export type OpenDataFileDto = z.infer<typeof openDataFileSchema>;

/** The data behind an open dataset: its live version and the files the public may download. */
export const openDataSchema = z.object({
  version: z.number().int(),
  rows: z.number().int(),
  publishedAt: z.string(),
  /** public columns (items the public gets) */
  columns: z.number().int(),
  files: z.array(openDataFileSchema),
});
export type OpenDataDto = z.infer<typeof openDataSchema>;

/** 数据更新记录: the published versions of the data, newest first. */
export const openDataVersionSchema = z.object({
  version: z.number().int(),
  rows: z.number().int(),
  publishedAt: z.string(),
  live: z.boolean(),
});

export const openUsageSchema = z.object({
  views: z.number().int(),
  downloads: z.number().int(),
  /** answered gateway calls on the entry (第十六条(四)'s call records) */
  apiCalls: z.number().int(),
  /** the last 30 days (Shanghai dates), from the daily usage table */
  last30Days: z.object({ views: z.number().int(), downloads: z.number().int() }),
});
export type OpenUsageDto = z.infer<typeof openUsageSchema>;
