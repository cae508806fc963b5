import { reactive, ref, watch, type Ref } from 'vue';
import { useRoute, useRouter, type RouteLocationNormalizedLoaded } from 'vue-router';
import type { Page } from '@govdata/domain';
import { showError } from '../../composables/feedback';
import { apiFilters, foreignQuery, readFilters, readPaging, writeFilters, writePaging, type FilterSchema, type FilterValues } from './filters';

export type ListQuery<S extends FilterSchema> = Partial<FilterValues<S>> & { page: number; pageSize: number };

export interface ListOptions {
  pageSize?: number;
  pageSizes?: readonly number[];
  /**
   * What else decides the rows besides the address's query — a prop that differs between routes sharing the page
   * (我的申请 / 待我处理 / 审查与协调 / 全部申请 are one page with a `box`). A change reloads.
   */
  scope?: () => unknown;
}

/**
 * The state of a list page, held in the address: the filters and the page are read from the route's query, the
 * toolbar edits a draft (`filters`), and `search()` writes the draft to the address — which is what loads. So a
 * link, "back", a reload and moving between routes that share the page all show the list the address names, never
 * the rows of the last one (issue 14, defect 1). Query parameters the schema does not own (a tab) are left alone.
 */
export function useList<S extends FilterSchema, T>(schema: S, fetch: (q: ListQuery<S>) => Promise<Page<T>>, options: ListOptions = {}) {
  const route = useRoute();
  const router = useRouter();
  const pageSizes = options.pageSizes ?? [20, 50, 100];
  const defaultSize = options.pageSize ?? pageSizes[0];
  const home = leafOf(route);

  const filters = reactive(readFilters(schema, route.query)) as FilterValues<S>;
  const paging = reactive(readPaging(route.query, defaultSize, pageSizes));
  const rows = ref([]) as Ref<T[]>;
  const total = ref(0);
  /** the server stopped counting at `total`: at least that many match */
  const totalBounded = ref(false);
  const loading = ref(false);
  const loaded = ref(false);
  let sequence = 0;

  async function load(): Promise<void> {
    const mine = ++sequence;
    loading.value = true;
    try {
      const res = await fetch({ ...apiFilters(schema, filters), page: paging.page, pageSize: paging.size });
      if (mine !== sequence) return; // a newer address answered first
      rows.value = res.items;
      total.value = res.total;
      totalBounded.value = res.totalBounded === true;
      loaded.value = true;
    } catch (e) {
      if (mine === sequence) showError(e);
    } finally {
      if (mine === sequence) loading.value = false;
    }
  }

  /** the address of the draft filters at `page` — navigating there loads; the same address loads again */
  function go(page: number, size = paging.size): void {
    const query = { ...foreignQuery(schema, route.query), ...writeFilters(schema, filters), ...writePaging({ page, size }, defaultSize) };
    const next = router.resolve({ query }).fullPath;
    if (next === route.fullPath) void load();
    else void router.replace({ query });
  }

  const search = () => go(1);
  function reset(): void {
    for (const [key, f] of Object.entries(schema)) (filters as Record<string, unknown>)[key] = f.initial;
    go(1);
  }
  const setPage = (page: number) => go(page);
  const setSize = (size: number) => go(1, size);

  // the address → the state → the rows; only while this page is the one shown (leaving it changes the route too)
  const key = () => JSON.stringify([options.scope?.() ?? null, writeFilters(schema, readFilters(schema, route.query)), readPaging(route.query, defaultSize, pageSizes)]);
  watch(
    key,
    () => {
      if (leafOf(route) !== home) return;
      Object.assign(filters, readFilters(schema, route.query));
      Object.assign(paging, readPaging(route.query, defaultSize, pageSizes));
      void load();
    },
    { immediate: true },
  );

  return { schema, filters, paging, pageSizes, rows, total, totalBounded, loading, loaded, load, search, reset, setPage, setSize };
}

export type ListState = ReturnType<typeof useList<FilterSchema, unknown>>;

function leafOf(route: RouteLocationNormalizedLoaded): unknown {
  return route.matched[route.matched.length - 1]?.components?.default;
}
