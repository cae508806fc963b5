import type { LocationQuery, LocationQueryRaw } from 'vue-router';

/** What a filter's options are drawn with: vue-i18n's `t` (labels follow the language). */
export type Translate = (key: string, named?: Record<string, unknown>) => string;

export interface Option<V extends string | number | boolean = string | number | boolean> {
  value: V;
  label: string;
  /** a longer text for the option's tooltip */
  title?: string;
  disabled?: boolean;
}

/** How the toolbar shows a filter; `slot` leaves it to the page (`#filter-<key>`). Texts are i18n keys. */
export type Control =
  | { type: 'text'; placeholder: string; width?: number }
  | { type: 'select'; placeholder: string; width?: number; filterable?: boolean; options: (t: Translate) => readonly Option[] }
  | { type: 'radio'; options: (t: Translate) => readonly Option[]; all?: string }
  | { type: 'check'; label: string }
  | { type: 'slot' };

/**
 * One filter of a list: how its value reads from and writes to the address (`?key=text`), the value when the
 * address says nothing (`initial`), and its control. `visible` hides it (and leaves it out of the query) for people
 * it does not concern, e.g. the department filter for a department's own staff.
 */
export interface Filter<V extends string | number | boolean> {
  parse(raw: string): V | undefined;
  format(value: V): string;
  initial?: V;
  control: Control;
  visible?: () => boolean;
}

export type FilterSchema = Record<string, Filter<string> | Filter<number> | Filter<boolean>>;
export type FilterValues<S extends FilterSchema> = { [K in keyof S]: S[K] extends Filter<infer V> ? V | undefined : never };

type Common<V> = { initial?: V; visible?: () => boolean; width?: number };

/** free text (searched by the server: names, codes, record numbers) — `?q=…` */
export function text(placeholder: string, o: Common<string> = {}): Filter<string> {
  return { parse: (raw) => raw.trim() || undefined, format: (v) => v.trim(), initial: o.initial, visible: o.visible, control: { type: 'text', placeholder, width: o.width } };
}

/**
 * One value of a closed list (an enumeration of `libs/domain`): values outside the list in the address are ignored.
 * `label` names a value — usually through i18n (`enums.<name>.<value>`), see `enumOptions`.
 */
export function choice<V extends string>(
  values: readonly V[] | (() => readonly V[]),
  label: (v: V, t: Translate) => string,
  o: Common<V> & { placeholder?: string; radio?: boolean; all?: string; filterable?: boolean; title?: (v: V, t: Translate) => string; disabled?: (v: V) => boolean } = {},
): Filter<V> {
  const list = typeof values === 'function' ? values : () => values;
  const options = (t: Translate) => list().map((value) => ({ value, label: label(value, t), title: o.title?.(value, t), disabled: o.disabled?.(value) }));
  return {
    parse: (raw) => (list().includes(raw as V) ? (raw as V) : undefined),
    format: (v) => v,
    initial: o.initial,
    visible: o.visible,
    control: o.radio ? { type: 'radio', options, all: o.all } : { type: 'select', placeholder: o.placeholder ?? '', width: o.width, filterable: o.filterable, options },
  };
}

/** A numeric id or number picked from options loaded at run time (departments, years). */
export function numberChoice(options: (t: Translate) => readonly Option<number>[], o: Common<number> & { placeholder: string; filterable?: boolean }): Filter<number> {
  return {
    parse: (raw) => (/^\d+$/.test(raw) && Number(raw) > 0 ? Number(raw) : undefined),
    format: (v) => String(v),
    initial: o.initial,
    visible: o.visible,
    control: { type: 'select', placeholder: o.placeholder, width: o.width, filterable: o.filterable ?? true, options },
  };
}

/** A yes/no switch shown as a check box (`?overdue=1`); unticked is "no filter". */
export function flag(label: string, o: { visible?: () => boolean } = {}): Filter<boolean> {
  return { parse: (raw) => (raw === '1' || raw === 'true' ? true : undefined), format: () => '1', visible: o.visible, control: { type: 'check', label } };
}

/** yes / no / either, for a select (`?manual=true|false`) */
export function yesNo(placeholder: string, labels: { yes: string; no: string }, o: Common<boolean> = {}): Filter<boolean> {
  return {
    parse: (raw) => (raw === 'true' ? true : raw === 'false' ? false : undefined),
    format: (v) => String(v),
    initial: o.initial,
    visible: o.visible,
    control: { type: 'select', placeholder, width: o.width, options: (t) => [{ value: true, label: t(labels.yes) }, { value: false, label: t(labels.no) }] },
  };
}

/** A filter the page draws itself (`#filter-<key>` slot) whose value is text. */
export function custom<V extends string>(o: Common<V> & { values?: readonly V[] } = {}): Filter<V> {
  return { parse: (raw) => (!o.values || o.values.includes(raw as V) ? (raw as V) : undefined), format: (v) => v, initial: o.initial, visible: o.visible, control: { type: 'slot' } };
}

/** The address's word for "all" when a filter has a default: `?state=all` is "no filter", no `state` is the default. */
export const ALL = 'all';

const first = (v: LocationQuery[string] | undefined): string | undefined => {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s : undefined;
};
const shown = (f: Filter<never> | FilterSchema[string]) => !f.visible || f.visible();

/** The values the address asks for (defaults where it says nothing). */
export function readFilters<S extends FilterSchema>(schema: S, query: LocationQuery): FilterValues<S> {
  const out: Record<string, unknown> = {};
  for (const [key, f] of Object.entries(schema)) {
    const raw = first(query[key]);
    if (!shown(f)) out[key] = undefined;
    else if (raw === undefined) out[key] = f.initial;
    else if (raw === ALL && f.initial !== undefined) out[key] = undefined;
    else out[key] = f.parse(raw) ?? f.initial;
  }
  return out as FilterValues<S>;
}

/** The address of the values: defaults left out, so a plain link to the list and its default state are one address. */
export function writeFilters<S extends FilterSchema>(schema: S, values: FilterValues<S>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, f] of Object.entries(schema)) {
    if (!shown(f)) continue;
    const v = (values as Record<string, string | number | boolean | undefined>)[key];
    const empty = v === undefined || v === '' || (f.control.type === 'check' && v === false);
    if (empty) {
      if (f.initial !== undefined) out[key] = ALL;
    } else if (v !== f.initial) out[key] = (f as Filter<typeof v>).format(v as never);
  }
  return out;
}

/** The values as the API takes them: empty ones left out, text trimmed. */
export function apiFilters<S extends FilterSchema>(schema: S, values: FilterValues<S>): Partial<FilterValues<S>> {
  const out: Record<string, unknown> = {};
  for (const [key, f] of Object.entries(schema)) {
    let v = (values as Record<string, unknown>)[key];
    if (typeof v === 'string') v = v.trim();
    if (!shown(f) || v === undefined || v === '' || (f.control.type === 'check' && v === false)) continue;
    out[key] = v;
  }
  return out as Partial<FilterValues<S>>;
}

export interface Paging {
  page: number;
  size: number;
}

/** `?page=&size=` (left out at page 1 and the list's default size) */
export function readPaging(query: LocationQuery, defaultSize: number, sizes: readonly number[]): Paging {
  const page = Number(first(query.page));
  const size = Number(first(query.size));
  return { page: Number.isInteger(page) && page > 1 ? page : 1, size: sizes.includes(size) ? size : defaultSize };
}

export function writePaging(p: Paging, defaultSize: number): Record<string, string> {
  const out: Record<string, string> = {};
  if (p.page > 1) out.page = String(p.page);
  if (p.size !== defaultSize) out.size = String(p.size);
  return out;
}

/** The address's other parameters (a tab, an opened record), which the list leaves as they are. */
export function foreignQuery(schema: FilterSchema, query: LocationQuery): LocationQueryRaw {
  const own = new Set([...Object.keys(schema), 'page', 'size']);
  return Object.fromEntries(Object.entries(query).filter(([k]) => !own.has(k)));
}
