import type { RouteLocationNormalizedLoaded, RouteRecordRaw } from 'vue-router';
import type { Role } from '@govdata/domain';
import { MENU_GROUPS } from '../modules/types';

export interface MenuEntry {
  name: string;
  /** i18n key */
  title: string;
  icon: string;
  order: number;
}
export interface MenuGroup {
  /** i18n key of the group */
  key: string;
  items: MenuEntry[];
}
export interface Menu {
  top: MenuEntry[];
  groups: MenuGroup[];
}

const mayOpen = (r: RouteRecordRaw, roles: readonly Role[]) => !r.meta?.roles || r.meta.roles.some((role) => roles.includes(role));

/**
 * The sidebar of a user: every console page with `meta.menu` that the user's roles may open (the route guard applies
 * the same `meta.roles`), in the groups of MENU_GROUPS, each group ordered; empty groups are left out.
 */
export function menuFor(pages: readonly RouteRecordRaw[], roles: readonly Role[]): Menu {
  const visible = pages.filter((r) => r.meta?.menu && mayOpen(r, roles));
  const entry = (r: RouteRecordRaw): MenuEntry => ({ name: String(r.name), title: r.meta!.title!, icon: r.meta!.menu!.icon, order: r.meta!.menu!.order });
  const byOrder = (a: MenuEntry, b: MenuEntry) => a.order - b.order;
  return {
    top: visible.filter((r) => !r.meta!.menu!.group).map(entry).sort(byOrder),
    groups: MENU_GROUPS.map((key) => ({ key, items: visible.filter((r) => r.meta!.menu!.group === key).map(entry).sort(byOrder) })).filter((g) => g.items.length),
  };
}

/** The menu page a page belongs to: itself, or the menu page whose path is the longest prefix of its path (an entry → the list). */
export function menuPageOf(pages: readonly RouteRecordRaw[], route: Pick<RouteLocationNormalizedLoaded, 'name' | 'path'>): RouteRecordRaw | null {
  const self = pages.find((r) => r.name === route.name);
  if (self?.meta?.menu) return self;
  const path = route.path.replace(/^\//, '');
  let best: RouteRecordRaw | null = null;
  for (const r of pages) {
    if (!r.meta?.menu || !r.path) continue;
    const base = r.path.replace(/\/:.*$/, '').replace(/\?$/, '');
    if ((path === base || path.startsWith(`${base}/`)) && (!best || base.length > best.path.length)) best = r;
  }
  return best;
}

export interface Crumb {
  /** i18n key */
  title: string;
  /** route name to link to; absent for the current page and for groups */
  to?: string;
}

/** 工作台 / group / list page / this page — the breadcrumb trail of a console page. */
export function breadcrumbFor(pages: readonly RouteRecordRaw[], route: Pick<RouteLocationNormalizedLoaded, 'name' | 'path' | 'meta'>): Crumb[] {
  if (route.name === 'home') return [{ title: 'nav.home' }];
  const crumbs: Crumb[] = [{ title: 'nav.home', to: 'home' }];
  const parent = menuPageOf(pages, route);
  if (parent?.meta?.menu?.group) crumbs.push({ title: parent.meta.menu.group });
  if (parent && parent.name !== route.name) crumbs.push({ title: parent.meta!.title!, to: String(parent.name) });
  // a record shown under its list's own title (违规线索与记录 → one violation) needs no second crumb
  if (route.meta?.title && route.meta.title !== crumbs[crumbs.length - 1].title) crumbs.push({ title: route.meta.title });
  return crumbs;
}
