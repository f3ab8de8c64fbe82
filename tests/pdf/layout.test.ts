/** The pure parts of the print edition: page geometry, grouping chapters into parts, where parts fall. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MARGINS, toPoints } from '../../pipeline/config/page.ts';
import { pageCss, pageGeometry } from '../../pipeline/render/pdf/geometry.ts';
import { groupChapters, layoutBook, MAX_PART_CHARACTERS } from '../../pipeline/render/pdf/parts.ts';
import type { BookMeta } from '../../pipeline/book/types.ts';

/** Chapters of `length(i)` characters of text each (no notes). */
const chapters = (count: number, length: (index: number) => number = () => 1000) =>
  Array.from({ length: count }, (_, i) => ({
    id: `ch${String(i + 1).padStart(2, '0')}`,
    body: { type: 'root' as const, children: [{ type: 'text' as const, value: '字'.repeat(length(i)) }] },
    notes: [],
  }));

describe('page geometry', () => {
  it('converts the trim to the exact points of the PDF boxes', () => {
    expect(toPoints('185mm')).toBeCloseTo(524.409, 3);
    expect(toPoints('260mm')).toBeCloseTo(737.008, 3);
    expect(toPoints('12pt')).toBe(12);
  });

  it('refuses a length it cannot read, in one line', () => {
    expect(() => toPoints('wide')).toThrow(/"wide" is not a length/);
  });

  it('uses the default margins when book.yaml has none, mirrored for left and right pages', () => {
    const geometry = pageGeometry({ trim: { width: '185mm', height: '260mm' } } as BookMeta);
    expect(geometry.margins).toEqual(DEFAULT_MARGINS);
    const css = pageCss(geometry);
    expect(css).toContain('@page :left { margin-left: 18mm; margin-right: 22mm; }');
    expect(css).toContain('@page :right { margin-left: 22mm; margin-right: 18mm; }');
  });
});

describe('parts', () => {
  it('for a session that renders again: gives every core work, and no part more than three chapters', () => {
    const lengths = (count: number) => groupChapters(chapters(count), 2, 'for-edits').map((part) => part.length);
    expect(lengths(1)).toEqual([1]);
    expect(lengths(2)).toEqual([1, 1]);
    expect(lengths(5)).toEqual([3, 2]);
    expect(lengths(29)).toEqual([3, 3, 3, 3, 3, 3, 3, 3, 3, 2]);
    expect(groupChapters(chapters(29), 2, 'for-edits').flat().map((chapter) => chapter.id)).toEqual(chapters(29).map((chapter) => chapter.id));
  });

  it('for a render done once: one part per core, of about equal text, in order', () => {
    const book = chapters(29, (i) => (i < 5 ? 31_000 : 5_000)); // 275,000 characters, the first five chapters 155,000
    const parts = groupChapters(book, 2, 'once');
    expect(parts.map((part) => part.length)).toEqual([4, 25]);
    expect(parts.flat().map((chapter) => chapter.id)).toEqual(book.map((chapter) => chapter.id));
    expect(groupChapters(chapters(1, () => 300_000), 2, 'once').map((part) => part.length)).toEqual([1]);
    expect(groupChapters(chapters(3, () => 10), 4, 'once').map((part) => part.length)).toEqual([1, 1, 1]);
  });

  it('for a render done once: more parts, a multiple of the cores, once a part would pass MAX_PART_CHARACTERS', () => {
    const book = chapters(290, () => MAX_PART_CHARACTERS / 20);
    const parts = groupChapters(book, 2, 'once');
    expect(parts).toHaveLength(16); // 14.5 parts' worth of text, rounded up to whole parts for each core
    expect(Math.max(...parts.map((part) => part.length)) - Math.min(...parts.map((part) => part.length))).toBeLessThanOrEqual(1);
    expect(parts.flat()).toHaveLength(290);
  });

  it('starts every document on a right-hand page, with a blank page after an odd one', () => {
    const layout = layoutBook([3, 10, 9, 4]);
    expect(layout.starts).toEqual([0, 4, 14, 24]);
    expect(layout.blankAfter).toEqual([true, false, true, false]);
    expect(layout.totalPages).toBe(28);
    for (const start of layout.starts) expect(start % 2).toBe(0); // 0-based even = a recto
  });
});
