import { reactive, ref, watch } from 'vue';
import type { Page } from '@govdata/domain';
import { showError } from './feedback';

/**
 * A paginated, filtered list bound to an API call: filters and page in, rows and total out. Changing a filter goes
 * back to page 1; `load()` refetches.
 */
export function usePagedList<T, F extends Record<string, unknown>>(fetch: (q: F & { page: number; pageSize: number }) => Promise<Page<T>>, initialFilters: F, pageSize = 20) {
  const filters = reactive({ ...initialFilters }) as F;
  const page = ref(1);
  const size = ref(pageSize);
  const rows = ref<T[]>([]) as { value: T[] };
  const total = ref(0);
  const loading = ref(false);

  async function load() {
    loading.value = true;
    try {
      const res = await fetch({ ...(filters as F), page: page.value, pageSize: size.value });
      rows.value = res.items;
      total.value = res.total;
    } catch (e) {
      showError(e);
    } finally {
      loading.value = false;
    }
  }

  function search() {
    if (page.value !== 1) page.value = 1;
    else void load();
  }

  function reset() {
    Object.assign(filters, initialFilters);
    search();
  }

  watch([page, size], () => void load());
  return { filters, page, size, rows, total, loading, load, search, reset };
}
