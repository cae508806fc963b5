import { ref } from 'vue';
import { VIOLATION_STATUS_LABELS, VIOLATION_TYPE_SPECS, VIOLATION_TYPES, type DepartmentDto, type ViolationStatus, type ViolationType } from '@govdata/domain';
import { listDepartments } from '../../api/organisation';
import { fetchHealth } from '../../api/system';

/** 一、目录未编制或未更新 — the type as the filters and tags show it. */
export const typeLabel = (type: number): string => {
  const spec = VIOLATION_TYPE_SPECS[type as ViolationType];
  return spec ? `${spec.numeral}、${spec.short}` : String(type);
};
export const TYPE_OPTIONS = VIOLATION_TYPES.map((type) => ({ value: type, label: typeLabel(type), text: VIOLATION_TYPE_SPECS[type].text }));
export const STATUS_OPTIONS = (Object.keys(VIOLATION_STATUS_LABELS) as ViolationStatus[]).map((value) => ({ value, label: VIOLATION_STATUS_LABELS[value] }));

export const STATUS_TAG: Record<ViolationStatus, 'warning' | 'danger' | 'primary' | 'success' | 'info'> = {
  candidate: 'warning',
  confirmed: 'danger',
  noticed: 'primary',
  closed: 'success',
  dismissed: 'info',
};

let departmentsCache: Promise<DepartmentDto[]> | null = null;
/** The departments a filter offers (the bureau excluded: its lapses are on its service record). Loaded once. */
export function useDepartments() {
  const departments = ref<DepartmentDto[]>([]);
  departmentsCache ??= listDepartments({ page: 1, pageSize: 200 })
    .then((p) => p.items.filter((d) => !d.isBureau))
    .catch(() => {
      departmentsCache = null;
      return [];
    });
  void departmentsCache.then((list) => (departments.value = list));
  return departments;
}

/** The platform's time (the clock may be pinned in demos), not the browser's; null when the server cannot be asked. */
export async function platformNow(): Promise<{ now: Date; queue: 'bullmq' | 'in-process' } | null> {
  try {
    const h = await fetchHealth();
    return { now: new Date(h.now), queue: h.queue };
  } catch {
    return null;
  }
}
