/**
 * The benchmark book generator: a book the size of the real one that folio itself loads without
 * errors, whose every note reference resolves, and that grows linearly with `scale`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchmarkBookFiles, generateBenchmarkBook, readManuscript, REAL_BOOK } from '../../bench/generate-book.ts';
import { loadBook } from '../../pipeline/book/load.ts';
import { checkBook } from '../../pipeline/check/engine.ts';
import { transformBook } from '../../pipeline/transform/index.ts';

const MINI = resolve(import.meta.dirname, '../fixtures/books/mini');

describe('generateBenchmarkBook', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'folio-bench-book-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('makes a 29-chapter book of about the real size that folio loads, checks without errors and transforms', async () => {
    const summary = await generateBenchmarkBook(MINI, join(dir, 'x1'));
    expect(summary.chapters).toBe(REAL_BOOK.chapters);
    expect(summary.characters).toBeGreaterThan(REAL_BOOK.characters * 0.85);
    expect(summary.characters).toBeLessThan(REAL_BOOK.characters * 1.15);

    const { book, files } = await loadBook(summary.dir);
    expect(files.flatMap((file) => file.messages.filter((m) => m.fatal))).toEqual([]);
    expect(book!.chapters.filter((c) => c.status === 'written')).toHaveLength(29);
    // folio builds no edition from a manuscript with errors: the repeats must keep numbering in sequence
    expect(checkBook(book!).flatMap((file) => file.messages.filter((m) => m.fatal).map((m) => `${file.path}: ${m.reason}`))).toEqual([]);
    const titles = book!.chapters.map((c) => c.title);
    expect(new Set(titles).size).toBe(29);

    const transformed = transformBook(book!);
    const notes = transformed.chapters.reduce((sum, chapter) => sum + chapter.notes.length, 0);
    expect(notes).toBe(summary.footnotes);
    const headingIds = transformed.chapters.flatMap((chapter) => chapter.headings.map((heading) => heading.id));
    expect(new Set(headingIds).size).toBe(headingIds.length);
  });

  it('grows linearly with scale, note ids staying unique in each chapter', async () => {
    const source = await readManuscript(MINI);
    const one = benchmarkBookFiles(source, { scale: 1 });
    const two = benchmarkBookFiles(source, { scale: 2 });
    expect(two.footnotes).toBe(one.footnotes * 2);
    expect(two.characters / one.characters).toBeGreaterThan(1.95);
    expect(two.characters / one.characters).toBeLessThan(2.05);

    const summary = await generateBenchmarkBook(MINI, join(dir, 'x2'), { scale: 2 });
    const { book } = await loadBook(summary.dir);
    expect(checkBook(book!).flatMap((file) => file.messages.filter((m) => m.fatal).map((m) => `${file.path}: ${m.reason}`))).toEqual([]);
    const transformed = transformBook(book!);
    for (const chapter of transformed.chapters) {
      const ids = chapter.notes.map((note) => note.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(transformed.chapters.reduce((sum, chapter) => sum + chapter.notes.length, 0)).toBe(two.footnotes);
  });

  it('rejects a scale that is not a whole number', async () => {
    const source = await readManuscript(MINI);
    expect(() => benchmarkBookFiles(source, { scale: 1.5 })).toThrow(/whole number/);
  });
});
