/**
 * The n-grams of the catalog search on PostgreSQL (issue 19, finding 2; Migration20261204090000_catalog_search_grams).
 *
 * `catalog_entries.search_grams`: every character and every pair of adjacent characters of the entry's search text,
 * split at spaces, tabs and line breaks, each as one integer — code point × 65,536 + the next code point (0 for a
 * single character) − 2³¹. Code points above U+FFFE all count as U+FFFF, so a word with one of them is only a
 * candidate, never an exact match.
 *
 * The column holds the entry's facets too — its status, share type, open type, security grade, update cycle and
 * resource type, one code each (kept by a trigger on catalog_entries) — so a word and the list's usual filters are one
 * lookup in its GIN index. A facet's code starts with U+D800, a surrogate, which no text holds: facet and text codes
 * never meet.
 */

const LAST = 0xffff;
const gram = (a: number, b = 0): number => Math.min(a, LAST) * 65_536 + (b ? Math.min(b, LAST) : 0) - 2 ** 31;
const codePoints = (s: string): number[] => Array.from(s, (c) => c.codePointAt(0) as number);

/** What `catalog_search_grams(text)` stores for a search text, ascending (as the SQL function returns it). */
export function textGrams(text: string): number[] {
  const out = new Set<number>();
  for (const word of text.split(/[ \t\n\r]+/)) {
    const cps = codePoints(word);
    cps.forEach((c, i) => {
      out.add(gram(c));
      if (i + 1 < cps.length) out.add(gram(c, cps[i + 1] as number));
    });
  }
  return [...out].sort((x, y) => x - y);
}

/**
 * The grams every entry containing the word has: its character, or each pair of its adjacent characters. `exact`
 * when having them means containing the word (one or two characters of the Basic Multilingual Plane); a longer word's
 * pairs may stand apart in a text, so its candidates are read again.
 */
export function wordGrams(word: string): { grams: number[]; exact: boolean } {
  const cps = codePoints(word);
  const plain = cps.every((c) => c < LAST);
  if (cps.length === 1) return { grams: [gram(cps[0] as number)], exact: plain };
  return { grams: cps.slice(1).map((c, i) => gram(cps[i] as number, c)), exact: cps.length === 2 && plain };
}

/**
 * The facets in the index, as the migration wrote them into `catalog_entry_facets(…)`: a column's values in this
 * order, frozen — a value added to the domain later has no code (the list then filters it as a column) until a
 * migration adds it to the SQL function and rebuilds the index.
 */
export const FACETS = {
  status: ['draft', 'published', 'retiring', 'retired'],
  share_type: ['unconditional', 'conditional', 'none'],
  open_type: ['open', 'on_application', 'closed'],
  security_grade: ['core', 'important', 'general'],
  update_cycle: ['realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'semiannual', 'annual', 'irregular'],
  resource_type: ['base', 'thematic', 'department'],
} as const satisfies Record<string, readonly string[]>;

export type FacetColumn = keyof typeof FACETS;

/** U+D800 × 65,536 − 2³¹: the first facet code */
const FACET_BASE = 0xd800 * 65_536 - 2 ** 31;

/** The code of a column's value in the index, or null for a value the index does not know. */
export function facetCode(column: FacetColumn, value: string): number | null {
  const i = (FACETS[column] as readonly string[]).indexOf(value);
  return i < 0 ? null : FACET_BASE + 16 * Object.keys(FACETS).indexOf(column) + i + 1;
}

/** The body of the SQL function `catalog_entry_facets(status, share_type, …)` (the migration's, for its spec). */
export function facetsSqlBody(): string {
  const cases = (Object.keys(FACETS) as FacetColumn[]).map((c) => `case ${c} ${FACETS[c].map((v) => `when '${v}' then ${facetCode(c, v)}`).join(' ')} end`);
  return `select array_remove(array[${cases.join(', ')}], null)`;
}
