/**
 * Speed: a 29-chapter book (~270,000 characters, the seed chapter copied) is checked in one parse per
 * chapter; one chapter re-checks fast enough for the preview server.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { loadBook } from '../../pipeline/book/load.ts';
import { parseMarkdown } from '../../pipeline/book/parse.ts';
import { checkBook, checkTree } from '../../pipeline/check/engine.ts';
import { BOOK } from './helpers.ts';

export async function makeBigBook(dir: string, chapters = 29): Promise<number> {
  const chapter = await readFile(join(BOOK, 'chapters/01-good.md'), 'utf8');
  const yaml = (await readFile(join(BOOK, 'book.yaml'), 'utf8')).split('\nchapters:')[0]!;
  await mkdir(join(dir, 'chapters'), { recursive: true });
  const files = Array.from({ length: chapters }, (_, i) => `chapters/${String(i + 1).padStart(2, '0')}.md`);
  await Promise.all(files.map((file) => writeFile(join(dir, file), chapter)));
  await writeFile(join(dir, 'book.yaml'), `${yaml}\nchapters:\n${files.map((f) => `  - file: ${f}`).join('\n')}\n`);
  return chapter.length * chapters;
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'folio-check-speed-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('speed', () => {
  it('checks a 29-chapter book of ~270,000 characters well under a second', async () => {
    const size = await makeBigBook(tmp);
    expect(size).toBeGreaterThan(260_000);
    const { book } = await loadBook(tmp, tmp);
    checkBook(book!); // warm up the JIT as a long-running process would be
    const { book: fresh } = await loadBook(tmp, tmp);
    const start = performance.now();
    checkBook(fresh!);
    // Generous for a loaded 2-core CI machine; typically ~60 ms here.
    expect(performance.now() - start).toBeLessThan(600);
  });

  it('re-checks one chapter in under 100 ms (the preview server)', async () => {
    const value = await readFile(join(BOOK, 'chapters/02-defects.md'), 'utf8');
    const run = () => {
      const file = new VFile({ path: join(BOOK, 'chapters/02-defects.md'), value });
      checkTree(file, parseMarkdown(file), { root: BOOK, spacing: 'none', loose: false });
      return file;
    };
    run();
    const start = performance.now();
    expect(run().messages.length).toBeGreaterThan(0);
    expect(performance.now() - start).toBeLessThan(100);
  });
});

