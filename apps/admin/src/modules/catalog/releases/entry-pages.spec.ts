import { describe, expect, it } from 'vitest';
import { releaseEntryCursor } from './entry-pages';

const items = (...positions: number[]) => positions.map((position) => ({ position }));

describe('the release entries’ keyset cursor', () => {
  it('gives the next page the last 序号 of the page shown, and nothing to any other page', () => {
    const cursor = releaseEntryCursor();
    expect(cursor.after('k', 1)).toBeUndefined();
    cursor.shown('k', 1, items(1, 2, 3));
    expect(cursor.after('k', 2)).toBe(3);
    expect(cursor.after('k', 3)).toBeUndefined();
    expect(cursor.after('k', 1)).toBeUndefined();
    cursor.shown('k', 2, items(4, 5, 6));
    expect(cursor.after('k', 3)).toBe(6);
    // a search's matches are not consecutive
    cursor.shown('q', 5, items(40, 77, 912));
    expect(cursor.after('q', 6)).toBe(912);
  });

  it('forgets the page when the filters or the page size change, or the page was empty', () => {
    const cursor = releaseEntryCursor();
    cursor.shown('a', 1, items(1, 2));
    expect(cursor.after('b', 2)).toBeUndefined();
    cursor.shown('a', 9, []);
    expect(cursor.after('a', 10)).toBeUndefined();
  });
});
