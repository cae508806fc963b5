import { computed } from 'vue';
import { can as roleCan, readsAllDepartments, readsOnly, type Capability } from '@govdata/domain';
import { useAuthStore } from '../stores/auth';

/**
 * What the person logged in may do, asked by name: one place instead of role lists in every page. The rules are the
 * domain's (`CAPABILITIES`, `readsAllDepartments`); what depends on a record (whose department it is, its state)
 * comes with the record as its server-computed `permissions` — never re-implemented here.
 */
export function useAccess() {
  const auth = useAuthStore();
  const actor = () => ({ roles: auth.roles });
  return {
    /** a named capability of `libs/domain` (capabilities.ts) */
    can: (capability: Capability): boolean => roleCan(actor(), capability),
    /** the bureau and the leadership group read every department's records (第四条) */
    readsAll: computed(() => readsAllDepartments(actor())),
    /** only reads: the leadership group without another role */
    readsOnly: computed(() => readsOnly(actor())),
    /** the record belongs to the person's own department */
    ownDepartment: (departmentId: number | undefined): boolean => departmentId !== undefined && auth.me?.department.id === departmentId,
  };
}
