import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Me, Role } from '@govdata/domain';
import * as api from '../api/organisation';
import { ApiError } from '../api/http';

/** The logged-in user. `ensure()` asks the server once per page load; a 401 means "not logged in". */
export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null);
  const checked = ref(false);

  const loggedIn = computed(() => me.value !== null);
  const roles = computed<Role[]>(() => me.value?.roles ?? []);
  const hasRole = (...wanted: readonly Role[]) => wanted.some((r) => roles.value.includes(r));

  async function ensure(): Promise<Me | null> {
    if (checked.value) return me.value;
    try {
      me.value = await api.fetchMe();
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      me.value = null;
    }
    checked.value = true;
    return me.value;
  }

  async function login(username: string, password: string): Promise<Me> {
    me.value = await api.login(username, password);
    checked.value = true;
    return me.value;
  }

  async function logout(): Promise<void> {
    try {
      await api.logout();
    } finally {
      forget();
    }
  }

  /** the server said 401: the session is gone */
  function forget(): void {
    me.value = null;
    checked.value = true;
  }

  return { me, checked, loggedIn, roles, hasRole, ensure, login, logout, forget };
});
