/**
 * A search text that names a record by its number (issue 14, defect 2): "#12" or a bare "12" is record 12 — how the
 * console links a trigger or a duplicate lead, and how staff type an id they read in a notification. Null otherwise.
 */
export function recordIdIn(q: string | undefined): number | null {
  const m = /^#?\s*(\d{1,9})$/.exec((q ?? '').trim());
  return m && Number(m[1]) > 0 ? Number(m[1]) : null;
}
