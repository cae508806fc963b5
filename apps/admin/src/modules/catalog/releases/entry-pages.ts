/**
 * Keyset paging of a release's entries (issue 19, finding 1): the page shown is remembered with its last entry's 序号,
 * so turning to the next page — same release, filters and page size — asks for the entries after it (`after`), which
 * the server reads from there however deep the page is. Any other page is asked for by its number.
 */
export function releaseEntryCursor() {
  let shown: { key: string; page: number; last: number } | null = null;
  return {
    /** the `after` for `page` of the list under `key` (release, filters, page size), if it follows the page shown */
    after(key: string, page: number): number | undefined {
      return shown?.key === key && page === shown.page + 1 ? shown.last : undefined;
    },
    /** the page now shown, with its entries' 序号 */
    shown(key: string, page: number, items: readonly { position: number }[]): void {
      const last = items.at(-1)?.position;
      shown = last === undefined ? null : { key, page, last };
    },
  };
}
