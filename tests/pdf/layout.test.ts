/** The pure parts of the print edition: page geometry, grouping chapters into parts, where parts fall. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MARGINS, toPoints } from '../../pipeline/config/page.ts';
import { pageCss, pageGeometry } from '../../pipeline/render/pdf/geometry.ts';
import { groupChapters, layoutBook } from '../../pipeline/render/pdf/parts.ts';
import type { BookMeta } from '../../pipeline/book/types.ts';

const chapters = (count: number) => Array.from({ length: count }, (_, i) => ({ id: `ch${String(i + 1).padStart(2, '0')}` }));

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
  it('gives every core work, and no part more than three chapters', () => {
    expect(groupChapters(chapters(1), 2).map((part) => part.length)).toEqual([1]);
    expect(groupChapters(chapters(2), 2).map((part) => part.length)).toEqual([1, 1]);
    expect(groupChapters(chapters(5), 2).map((part) => part.length)).toEqual([3, 2]);
    expect(groupChapters(chapters(29), 2).map((part) => part.length)).toEqual([3, 3, 3, 3, 3, 3, 3, 3, 3, 2]);
    expect(groupChapters(chapters(29), 2).flat().map((chapter) => chapter.id)).toEqual(chapters(29).map((chapter) => chapter.id));
  });

  it('starts every document on a right-hand page, with a blank page after an odd one', () => {
    const layout = layoutBook([3, 10, 9, 4]);
    expect(layout.starts).toEqual([0, 4, 14, 24]);
    expect(layout.blankAfter).toEqual([true, false, true, false]);
    expect(layout.totalPages).toBe(28);
    for (const start of layout.starts) expect(start % 2).toBe(0); // 0-based even = a recto
  });
});
