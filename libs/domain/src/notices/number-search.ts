/**
 * A 发文字号 as people type it in a search box — 〔2026〕4号, [2026]4, (2026)4号, 2026年4号, 朔政数通2026-4 — read as
 * the form numbers are written in (〔2026〕4号, GB/T 9704 六角括号), so the register finds the notice (issue 14,
 * defect 2). Null when the text names no year and sequence.
 */
export function noticeNumberSearch(q: string): string | null {
  const m = /(\d{4})\s*[〕\])）】]?\s*[年\-－第]?\s*(\d{1,4})\s*号?\s*$/.exec(q.trim());
  if (!m || !/[〔[(（【]|年|号|-|－|\s/.test(q) || Number(m[2]) <= 0) return null;
  return `〔${m[1]}〕${Number(m[2])}号`;
}
