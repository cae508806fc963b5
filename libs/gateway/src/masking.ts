import { desensitize, valueKindOf, type Desensitization, type ValueKind } from '@govdata/domain';

/** One item as the gateway serves it: its field name, its rule and the kind of value it holds. */
export interface ServedItem {
  fieldName: string;
  desensitization: Desensitization;
  kind: ValueKind;
}

export const servedItem = (it: { fieldName: string; name: string; desensitization: Desensitization }): ServedItem => ({ fieldName: it.fieldName, desensitization: it.desensitization, kind: valueKindOf(it.name) });

/** A row as a consumer sees it: only the served items, each masked by its rule; removed items are left out. */
export function maskRow(row: Record<string, unknown>, items: readonly ServedItem[], hash: (text: string) => string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const it of items) {
    const v = desensitize(row[it.fieldName] ?? null, it.desensitization, it.kind, hash);
    if (v !== undefined) out[it.fieldName] = v;
  }
  return out;
}
