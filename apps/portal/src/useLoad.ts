import { ref, type Ref } from 'vue';
import { ApiError } from './api';

/** Loads data for a page: the value, a loading flag and a message a person can read when it fails. */
export function useLoad<T>(load: () => Promise<T>): { data: Ref<T | null>; loading: Ref<boolean>; error: Ref<string | null>; reload: () => Promise<void> } {
  const data = ref<T | null>(null) as Ref<T | null>;
  const loading = ref(true);
  const error = ref<string | null>(null);
  async function reload() {
    loading.value = true;
    error.value = null;
    try {
      data.value = await load();
    } catch (e) {
      error.value = e instanceof ApiError ? e.message : '加载失败，请稍后重试';
    } finally {
      loading.value = false;
    }
  }
  void reload();
  return { data, loading, error, reload };
}
