/**
 * The book's chapters grouped into print documents ("parts"), paginated in parallel by a pool of one
 * window per core. Groups are contiguous. How big they are depends on whether the session renders again:
 *
 * - A session that re-renders after edits (the bench's one-chapter edit, bench/probes/pdf-chapter.ts)
 *   keeps parts of three chapters (~30 pages), so an edit re-paginates only its part: 1.6–1.9 s with a
 *   warm browser (five chapters: 2.1–2.2 s). The cost is the whole book's time and size: each part
 *   pays Paged.js's start and embeds its own font subsets (8.4 MB for the benchmark book's 296 pages).
 * - A render done once (`folio build`) gives each core one part of about equal text, as long as a part
 *   stays under MAX_PART_CHARACTERS: the benchmark book 0.5–1.3 s faster than with parts of three
 *   chapters (alternating runs at different hours, 2 cores; parts of eight were no faster than three).
 */
import { toString } from 'hast-util-to-string';
import type { TransformedChapter } from '../../book/types.ts';

export const CHAPTERS_PER_PART = 3;

/**
 * Most text in one part of a render done once (~220 pages of this book's format): a longer book gets
 * more parts, a multiple of the cores, so no window holds a document of thousands of pages.
 */
export const MAX_PART_CHARACTERS = 200_000;

export type PartPlan = 'for-edits' | 'once';

type Groupable = Pick<TransformedChapter, 'id' | 'body' | 'notes'>;

export function groupChapters<T extends Groupable>(chapters: T[], cores: number, plan: PartPlan): T[][] {
  if (chapters.length === 0) return [];
  if (plan === 'for-edits') {
    // Never fewer groups than cores (when there are enough chapters): every core gets work.
    const size = Math.max(1, Math.min(CHAPTERS_PER_PART, Math.ceil(chapters.length / cores)));
    const parts: T[][] = [];
    for (let start = 0; start < chapters.length; start += size) parts.push(chapters.slice(start, start + size));
    return parts;
  }
  const sizes = chapters.map(textLength);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const count = Math.min(chapters.length, cores * Math.max(1, Math.ceil(total / (cores * MAX_PART_CHARACTERS))));
  return splitEvenly(chapters, sizes, total, count);
}

/** The characters a chapter prints (text and notes): what its pagination costs. */
function textLength(chapter: Groupable): number {
  return toString(chapter.body).length + chapter.notes.reduce((sum, note) => sum + note.content.reduce((length, node) => length + toString(node).length, 0), 0);
}

/** Cuts `items` (of `sizes`, summing to `total`) into `count` contiguous non-empty groups, each cut at the boundary nearest its share. */
function splitEvenly<T>(items: T[], sizes: number[], total: number, count: number): T[][] {
  const groups: T[][] = [];
  let start = 0;
  let before = 0;
  for (let group = 1; group < count; group++) {
    const share = (total * group) / count;
    // Leave at least one item for each group still to come.
    let end = start + 1;
    before += sizes[start]!;
    while (end < items.length - (count - group) && Math.abs(before + sizes[end]! - share) < Math.abs(before - share)) {
      before += sizes[end]!;
      end++;
    }
    groups.push(items.slice(start, end));
    start = end;
  }
  groups.push(items.slice(start));
  return groups;
}

/** Page layout of the joined book: where each document starts, and the blank pages between them. */
export interface BookLayout {
  /** 0-based physical page where each document (front matter first) starts. */
  starts: number[];
  /** Whether a blank page follows each document, so the next one starts on a right-hand page. */
  blankAfter: boolean[];
  totalPages: number;
}

/**
 * Every document starts on a right-hand page: a blank page follows one with an odd page count. The
 * front matter is followed by one too, so the text's page 1 is a recto.
 */
export function layoutBook(pageCounts: number[]): BookLayout {
  const starts: number[] = [];
  const blankAfter: boolean[] = [];
  let next = 0;
  pageCounts.forEach((count, index) => {
    starts.push(next);
    const last = index === pageCounts.length - 1;
    const blank = !last && count % 2 === 1;
    blankAfter.push(blank);
    next += count + (blank ? 1 : 0);
  });
  return { starts, blankAfter, totalPages: next };
}

/** The folio printed on a physical page of the text: the text's first page is 1, and counting runs on. */
export function folioOf(layout: BookLayout, physicalPage: number): number {
  return physicalPage - layout.starts[1]! + 1;
}
