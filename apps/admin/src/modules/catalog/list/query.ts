import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { EntryQuery, EntryStatus, OpenType, SecurityGrade, ShareType, UpdateCycle } from '@govdata/domain';
import { parseLibraryFilter } from '../labels';

/** The list's filters as the form holds them; kept in the address so that “back” from an entry finds the same list. */
export type ListFilters = {
  q: string;
  departmentId: number | undefined;
  library: string | undefined;
  shareType: ShareType | undefined;
  openType: OpenType | undefined;
  securityGrade: SecurityGrade | undefined;
  status: EntryStatus | undefined;
  updateCycle: UpdateCycle | undefined;
  editable: boolean;
  sort: EntryQuery['sort'];
  order: EntryQuery['order'];
};

export const emptyFilters = (): ListFilters => ({
  q: '',
  departmentId: undefined,
  library: undefined,
  shareType: undefined,
  openType: undefined,
  securityGrade: undefined,
  status: undefined,
  updateCycle: undefined,
  editable: false,
  sort: 'updatedAt',
  order: 'desc',
});

/** The API query of the filters (the library filter packs the resource type and the library). */
export function toEntryQuery(f: ListFilters): Partial<EntryQuery> {
  return {
    q: f.q.trim() || undefined,
    departmentId: f.departmentId,
    ...parseLibraryFilter(f.library),
    shareType: f.shareType,
    openType: f.openType,
    securityGrade: f.securityGrade,
    status: f.status,
    updateCycle: f.updateCycle,
    editable: f.editable || undefined,
    sort: f.sort,
    order: f.order,
  };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

export function filtersFromRoute(q: LocationQuery): { filters: ListFilters; page: number } {
  const f = emptyFilters();
  const dept = Number(str(q.departmentId));
  return {
    filters: {
      ...f,
      q: str(q.q) ?? '',
      departmentId: Number.isInteger(dept) && dept > 0 ? dept : undefined,
      library: str(q.library),
      shareType: str(q.shareType) as ShareType | undefined,
      openType: str(q.openType) as OpenType | undefined,
      securityGrade: str(q.securityGrade) as SecurityGrade | undefined,
      status: str(q.status) as EntryStatus | undefined,
      updateCycle: str(q.updateCycle) as UpdateCycle | undefined,
      editable: q.editable === '1',
      sort: (str(q.sort) as ListFilters['sort'] | undefined) ?? f.sort,
      order: q.order === 'asc' ? 'asc' : 'desc',
    },
    page: Math.max(1, Number(str(q.page)) || 1),
  };
}

export function routeFromFilters(f: ListFilters, page: number): LocationQueryRaw {
  const d = emptyFilters();
  const out: LocationQueryRaw = {};
  if (f.q.trim()) out.q = f.q.trim();
  if (f.departmentId) out.departmentId = String(f.departmentId);
  for (const k of ['library', 'shareType', 'openType', 'securityGrade', 'status', 'updateCycle'] as const) if (f[k]) out[k] = f[k];
  if (f.editable) out.editable = '1';
  if (f.sort !== d.sort || f.order !== d.order) Object.assign(out, { sort: f.sort, order: f.order });
  if (page > 1) out.page = String(page);
  return out;
}
