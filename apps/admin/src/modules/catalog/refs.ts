import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { DepartmentSummary, LibraryLeadDto } from '@govdata/domain';
import { shanghaiDate } from '@govdata/workdays';
import { listDepartments } from '../../api/organisation';
import { fetchHealth } from '../../api/system';
import { showError } from '../../composables/feedback';
import { listLibraryLeads } from './api';

/**
 * What the catalog screens pick from — the departments, the base and thematic libraries with their leads — and the
 * platform's date (the clock may be pinned in demos; the browser's date is not the platform's). Loaded once.
 */
export const useCatalogRefs = defineStore('catalog-refs', () => {
  const departments = ref<DepartmentSummary[]>([]);
  const libraries = ref<LibraryLeadDto[]>([]);
  /** the platform's date, YYYY-MM-DD, Asia/Shanghai */
  const today = ref('');
  let loading: Promise<void> | null = null;

  async function loadDepartments(): Promise<DepartmentSummary[]> {
    const all: DepartmentSummary[] = [];
    for (let page = 1; ; page++) {
      const res = await listDepartments({ page, pageSize: 200 });
      all.push(...res.items.map((d) => ({ id: d.id, code: d.code, name: d.name })));
      if (all.length >= res.total || res.items.length === 0) return all;
    }
  }

  async function load(): Promise<void> {
    const [depts, libs, health] = await Promise.all([loadDepartments(), listLibraryLeads(), fetchHealth()]);
    departments.value = depts;
    libraries.value = libs;
    today.value = shanghaiDate(health.now);
  }

  /** loads once; a failure is shown and the next call tries again */
  function ensure(): Promise<void> {
    loading ??= load().catch((e) => {
      loading = null;
      showError(e);
    });
    return loading;
  }

  async function reloadLibraries(): Promise<void> {
    libraries.value = await listLibraryLeads();
  }

  const thematicLibraries = computed(() => libraries.value.filter((l) => l.resourceType === 'thematic').map((l) => l.library));
  const departmentName = (id: number | null | undefined): string => departments.value.find((d) => d.id === id)?.name ?? '';

  return { departments, libraries, today, thematicLibraries, ensure, reloadLibraries, departmentName, setLibraries: (l: LibraryLeadDto[]) => (libraries.value = l) };
});
