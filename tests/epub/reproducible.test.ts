/**
 * Two builds of the same manuscript give the same bytes: fonts cut afresh (empty caches), cover rendered
 * afresh in Chromium, and a warm build from the caches. Entry dates come from the build's fixed date.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceDate } from '../../pipeline/source-date.ts';
import { BOOKS, build, transformed } from './book.ts';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function coldCache(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'folio-epub-fonts-'));
  temporary.push(dir);
  return dir;
}

describe.each(BOOKS)('reproducible EPUB of $name', ({ dir }) => {
  it('is byte-identical across cold builds and a warm one', async () => {
    const book = await transformed(dir);
    const firstCache = await coldCache();
    const first = await build(book, { fontCacheDir: firstCache, coverCache: false });
    const second = await build(await transformed(dir), { fontCacheDir: await coldCache(), coverCache: false });
    const warm = await build(await transformed(dir));
    expect(sha256(second)).toBe(sha256(first));
    expect(sha256(warm)).toBe(sha256(first));

    const zip = await JSZip.loadAsync(first);
    const fixed = sourceDate(book.book.meta.date, {});
    for (const entry of Object.values(zip.files)) {
      // DOS times have a 2-second resolution.
      expect(Math.abs(entry.date.getTime() - fixed.getTime()), entry.name).toBeLessThan(2000);
    }
  });
});
