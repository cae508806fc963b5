import type { Desensitization } from '../catalog/enums';
import { normalizeItemName } from '../catalog/one-source';

/**
 * 脱敏 at access (第十一条): how an item's values leave the gateway. `partial_mask` keeps what people use to recognise
 * a record without revealing it: an ID number its first 6 and last 4 characters, a name its surname, a phone number
 * its first 3 and last 4 digits; anything else its first and last quarter. `hash` is keyed by the platform (the
 * caller passes the function, as hashing needs the server's key); `remove` leaves the field out altogether.
 */
export type ValueKind = 'id_number' | 'person_name' | 'phone' | 'other';

export function valueKindOf(itemName: string): ValueKind {
  const n = normalizeItemName(itemName.replace(/\s+/g, ''));
  if (n === '公民身份号码' || /身份证|证件号/.test(itemName)) return 'id_number';
  if (n === '联系电话' || /电话|手机/.test(itemName)) return 'phone';
  if (n === '姓名' || /姓名$/.test(itemName) || itemName === '法定代表人') return 'person_name';
  return 'other';
}

const stars = (n: number): string => '*'.repeat(Math.max(n, 0));

/** Characters from..to of a value: a string when it has no character outside the BMP, else its code points. */
const part = (chars: string | string[], from: number, to: number): string => (typeof chars === 'string' ? chars.slice(from, to) : chars.slice(from, to).join(''));

/** The first `head` and last `tail` characters, stars between (all stars when the value is that short). */
function keepEnds(chars: string | string[], head: number, tail: number): string {
  const len = chars.length;
  return len <= head + tail ? stars(len) : part(chars, 0, head) + stars(len - head - tail) + part(chars, len - tail, len);
}

/** Surrogate halves: a character outside the BMP (counted as one character, not two UTF-16 units). */
const ASTRAL = /[\uD800-\uDFFF]/;

export function partialMask(value: string, kind: ValueKind): string {
  // a downloaded file masks millions of values: plain string slicing unless a character needs its code point
  const chars = ASTRAL.test(value) ? [...value] : value;
  const len = chars.length;
  if (len === 0) return value;
  switch (kind) {
    case 'id_number':
      return keepEnds(chars, 6, 4);
    case 'phone':
      return keepEnds(chars, 3, 4);
    case 'person_name':
      // the surname: two characters for the common two-character surnames is not knowable here; keep the first
      return len === 1 ? '*' : chars[0] + stars(len - 1);
    default: {
      const q = Math.floor(len / 4);
      return q === 0 ? chars[0] + stars(len - 1) : keepEnds(chars, q, q);
    }
  }
}

/** The masked value, or `undefined` when the rule removes the field. Null stays null. */
export function desensitize(value: unknown, rule: Desensitization, kind: ValueKind, hash: (text: string) => string): unknown {
  if (rule === 'remove') return undefined;
  if (value === null || value === undefined || rule === 'none') return value ?? null;
  const text = String(value);
  switch (rule) {
    case 'mask':
      return stars([...text].length);
    case 'partial_mask':
      return partialMask(text, kind);
    case 'hash':
      return hash(text);
  }
}
