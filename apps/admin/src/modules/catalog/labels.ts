import {
  BASE_LIBRARY_LABELS,
  DEADLINE_STATE_LABELS,
  DUPLICATE_STATUS_LABELS,
  ENTRY_STATUS_LABELS,
  OPEN_TYPE_LABELS,
  SECURITY_GRADE_LABELS,
  SHARE_TYPE_LABELS,
  isBaseLibrary,
  type DeadlineState,
  type DuplicateStatus,
  type EntryStatus,
  type OpenType,
  type ResourceType,
  type SecurityGrade,
  type ShareType,
} from '@govdata/domain';

/** Element Plus tag colours. */
export type TagType = 'success' | 'warning' | 'danger' | 'info' | 'primary';

/**
 * How the catalog's enumerations look as tags. The labels are the regulation's own words (libs/domain); the colours
 * say how open a resource is: green shared/opened freely, amber with conditions, grey/red not at all.
 */
export const TAGS = {
  share: { labels: SHARE_TYPE_LABELS, types: { unconditional: 'success', conditional: 'warning', none: 'danger' } as Record<ShareType, TagType> },
  open: { labels: OPEN_TYPE_LABELS, types: { open: 'success', on_application: 'primary', closed: 'info' } as Record<OpenType, TagType> },
  grade: { labels: SECURITY_GRADE_LABELS, types: { core: 'danger', important: 'warning', general: 'info' } as Record<SecurityGrade, TagType> },
  status: { labels: ENTRY_STATUS_LABELS, types: { draft: 'info', published: 'success', retiring: 'warning', retired: 'info' } as Record<EntryStatus, TagType> },
  deadline: { labels: DEADLINE_STATE_LABELS, types: { open: 'primary', overdue: 'danger', met: 'success', missed: 'warning', cancelled: 'info' } as Record<DeadlineState, TagType> },
  duplicate: { labels: DUPLICATE_STATUS_LABELS, types: { candidate: 'warning', confirmed: 'danger', dismissed: 'info' } as Record<DuplicateStatus, TagType> },
} as const;
export type TagKind = keyof typeof TAGS;

export function tagOf(kind: TagKind, value: string): { label: string; type: TagType } {
  const t = TAGS[kind] as { labels: Record<string, string>; types: Record<string, TagType> };
  return { label: t.labels[value] ?? value, type: t.types[value] ?? 'info' };
}

/** 人口库 for a base library id, the theme's own name for a thematic library. */
export function libraryLabel(library: string | null | undefined): string {
  if (!library) return '';
  return isBaseLibrary(library) ? `${BASE_LIBRARY_LABELS[library]}库` : library;
}

/** The “所属库” filter packs the resource type and the library into one value: `department`, `base:population`, `thematic:<name>`. */
export function libraryFilterValue(resourceType: ResourceType, library?: string | null): string {
  return resourceType === 'department' ? 'department' : `${resourceType}:${library ?? ''}`;
}

export function parseLibraryFilter(value: string | undefined | null): { resourceType?: ResourceType; library?: string } {
  if (!value) return {};
  if (value === 'department') return { resourceType: 'department' };
  const i = value.indexOf(':');
  const type = value.slice(0, i) as ResourceType;
  const library = value.slice(i + 1);
  return library ? { resourceType: type, library } : { resourceType: type };
}
