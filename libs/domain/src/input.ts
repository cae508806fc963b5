import { ValidationError } from './errors';

/**
 * Input hygiene applied to every request's params, query and JSON body before the route's schema sees it
 * (issue 13 items 2 and 6; docs/security.md).
 *
 * - C0 control characters (U+0000–U+001F) have no place in anything a person types: PostgreSQL refuses U+0000 in
 *   text, and the others break exports, logs and terminals. Tab, line feed and carriage return stay allowed —
 *   text areas (reasons, descriptions) send them.
 * - Free-form JSON fields (evidence `details`, before/after snapshots) are bounded in depth: a document nested
 *   thousands deep costs recursion everywhere it is read, validated or serialised.
 */
export const INPUT_LIMITS = {
  /** objects and arrays inside one another; the deepest payload of the API needs about 6 */
  maxDepth: 32,
} as const;

// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

const codePoint = (ch: string) => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The first forbidden control character of a string, as `U+0000`, or null. */
export function controlCharacterIn(text: string): string | null {
  const m = FORBIDDEN_CONTROL.exec(text);
  return m ? codePoint(m[0]) : null;
}

/**
 * Walks a parsed request part (iteratively: a hostile depth must not overflow the stack) and throws a 400
 * naming the field when a string or key holds a C0 control character or the nesting is deeper than allowed.
 */
export function assertCleanInput(value: unknown, location: string): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: location, depth: 0 }];
  while (stack.length) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const bad = controlCharacterIn(v);
      if (bad) {
        const message = `不能包含控制字符（${bad}），请删除后重新输入`;
        throw new ValidationError(`${path}：${message}`, [{ path, message }], 'input.control_character');
      }
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= INPUT_LIMITS.maxDepth) {
      const message = `嵌套层级超过 ${INPUT_LIMITS.maxDepth} 层，请精简数据结构`;
      throw new ValidationError(`${path}：${message}`, [{ path, message }], 'input.too_deep');
    }
    for (const [key, child] of Object.entries(v)) {
      const bad = controlCharacterIn(key);
      if (bad) {
        const message = `字段名不能包含控制字符（${bad}）`;
        throw new ValidationError(`${path}：${message}`, [{ path, message }], 'input.control_character');
      }
      stack.push({ value: child, path: `${path}.${key}`, depth: depth + 1 });
    }
  }
}
