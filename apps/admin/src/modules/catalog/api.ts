import type { z } from 'zod';
import type {
  DuplicateDto,
  DuplicateStatus,
  EntryDetailDto,
  EntryInputDraft,
  EntryPatch,
  EntryQuery,
  EntrySummaryDto,
  ImportPreviewDto,
  ImportResultDto,
  LibraryLeadDto,
  LibraryLeadInput,
  Page,
  ReleaseDiffDto,
  ReleaseDto,
  ReleaseExportFormat,
  TriggerDto,
  TriggerInput,
  TriggerKind,
  VersionSummaryDto,
  entryCreatedSchema,
  entryDiffSchema,
  releaseEntrySchema,
  scanResultSchema,
  triggerCreatedSchema,
  versionDetailSchema,
} from '@govdata/domain';
import { http } from '../../api/http';

/** One tiny typed function per catalog endpoint (docs/catalog.md, “Endpoints”). */

export type EntryCreated = z.infer<typeof entryCreatedSchema>;
export type EntryDiff = z.infer<typeof entryDiffSchema>;
export type VersionDetail = z.infer<typeof versionDetailSchema>;
export type ReleaseEntry = z.infer<typeof releaseEntrySchema>;
export type ScanResult = z.infer<typeof scanResultSchema>;
export type TriggerCreated = z.infer<typeof triggerCreatedSchema>;
export type TriggerState = 'open' | 'overdue' | 'met' | 'missed' | 'cancelled';
export interface LinkableVersion {
  versionId: number;
  entryId: number;
  code: string;
  name: string;
  version: number;
  changedAt: string;
  note: string | null;
  changeCount: number;
}
type Paging = { page: number; pageSize: number };

// ---- entries -------------------------------------------------------------------------------------------------
export const listEntries = (q: Partial<EntryQuery>) => http.get<Page<EntrySummaryDto>>('/catalog/entries', q as Record<string, string | number | boolean | undefined>);
export const getEntry = (id: number) => http.get<EntryDetailDto>(`/catalog/entries/${id}`);
export const createEntry = (input: EntryInputDraft) => http.post<EntryCreated>('/catalog/entries', input);
export const updateEntry = (id: number, patch: EntryPatch) => http.patch<EntryDetailDto>(`/catalog/entries/${id}`, patch);
export const deleteEntry = (id: number) => http.delete<void>(`/catalog/entries/${id}`);
export const publishEntry = (id: number, note: string | null) => http.post<EntryDetailDto>(`/catalog/entries/${id}/publish`, { note });
export const listVersions = (id: number) => http.get<VersionSummaryDto[]>(`/catalog/entries/${id}/versions`);
export const getVersion = (id: number, version: number) => http.get<VersionDetail>(`/catalog/entries/${id}/versions/${version}`);
export const diffVersions = (id: number, from: number, to: number) => http.get<EntryDiff>(`/catalog/entries/${id}/diff`, { from, to });

// ---- library leads (第六条) -------------------------------------------------------------------------------------
export const listLibraryLeads = () => http.get<LibraryLeadDto[]>('/catalog/library-leads');
export const setLibraryLead = (input: LibraryLeadInput) => http.put<LibraryLeadDto[]>('/catalog/library-leads', input);

// ---- update triggers (第七条) -----------------------------------------------------------------------------------
export const listTriggers = (q: Paging & { state?: TriggerState; departmentId?: number; kind?: TriggerKind; q?: string }) => http.get<Page<TriggerDto>>('/catalog/update-triggers', q);
export const registerTrigger = (input: TriggerInput) => http.post<TriggerCreated>('/catalog/update-triggers', input);
export const linkableVersions = (id: number) => http.get<LinkableVersion[]>(`/catalog/update-triggers/${id}/linkable-versions`);
export const resolveTrigger = (id: number, body: { versionIds: number[]; note: string | null }) => http.post<TriggerDto>(`/catalog/update-triggers/${id}/resolve`, body);
export const cancelTrigger = (id: number, reason: string) => http.post<TriggerDto>(`/catalog/update-triggers/${id}/cancel`, { reason });

// ---- city releases (第八条) -------------------------------------------------------------------------------------
export const listReleases = (q: Paging) => http.get<Page<ReleaseDto>>('/catalog/releases', q);
export const getRelease = (id: number) => http.get<ReleaseDto>(`/catalog/releases/${id}`);
export const createRelease = (input: { title: string | null; note: string | null }) => http.post<ReleaseDto>('/catalog/releases', input);
/** `after`: the 序号 of the previous page's last entry — the page starts after it (keyset paging) */
export const listReleaseEntries = (id: number, q: Paging & { q?: string; departmentId?: number; after?: number }) => http.get<Page<ReleaseEntry>>(`/catalog/releases/${id}/entries`, q);
export const diffRelease = (id: number, against?: number) => http.get<ReleaseDiffDto>(`/catalog/releases/${id}/diff`, { against });
export const fileRelease = (id: number, input: { filedAt: string; filingReference: string }) => http.post<ReleaseDto>(`/catalog/releases/${id}/filing`, input);
/** Starts the release's export as a job (XLSX in the 指南 layout or JSON); its progress and file via src/api/exports. */
export const startReleaseExport = (id: number, format: ReleaseExportFormat) => http.post<{ jobId: number }>(`/catalog/releases/${id}/exports`, { format });

// ---- 一数一源 (第九条) -----------------------------------------------------------------------------------------
export const listDuplicates = (q: Paging & { status?: DuplicateStatus; departmentId?: number; q?: string }) => http.get<Page<DuplicateDto>>('/catalog/duplicates', q);
export const scanDuplicates = () => http.post<ScanResult>('/catalog/duplicates/scan');
export const confirmDuplicate = (id: number, note: string | null) => http.post<DuplicateDto>(`/catalog/duplicates/${id}/confirm`, { note });
export const dismissDuplicate = (id: number, reason: string) => http.post<DuplicateDto>(`/catalog/duplicates/${id}/dismiss`, { reason });

// ---- Excel ---------------------------------------------------------------------------------------------------
export const downloadTemplate = () => http.download('/catalog/excel/template.xlsx', undefined, 'template.xlsx');
export const downloadCatalogExport = (departmentId?: number) => http.download('/catalog/excel/export.xlsx', { departmentId }, 'catalog.xlsx');
export const previewImport = (file: Blob, departmentId?: number) => http.upload<ImportPreviewDto>('/catalog/excel/preview', file, { departmentId });
export const importCatalog = (file: Blob, options: { validOnly: boolean; departmentId?: number }) =>
  http.upload<ImportResultDto>('/catalog/excel/import', file, { validOnly: options.validOnly ? 'true' : undefined, departmentId: options.departmentId });
