import { defineStore } from 'pinia';
import { ref } from 'vue';
import { listNotifications } from '../api/notifications';

/** The unread badge in the header; refreshed on navigation and every minute. */
export const useInboxStore = defineStore('inbox', () => {
  const unread = ref(0);
  let timer: ReturnType<typeof setInterval> | null = null;

  async function refresh(): Promise<void> {
    try {
      unread.value = (await listNotifications({ page: 1, pageSize: 1, unread: true })).unread;
    } catch {
      // the badge is a convenience: a failed refresh keeps the last count
    }
  }

  function start(): void {
    if (timer) return;
    void refresh();
    timer = setInterval(() => void refresh(), 60_000);
  }

  function stop(): void {
    if (timer) clearInterval(timer);
    timer = null;
    unread.value = 0;
  }

  return { unread, refresh, start, stop };
});
