/**
 * Two builds of the same manuscript give the same bytes: fonts cut afresh (empty caches), cover rendered
 * afresh in Chromium, and a warm build from the caches. Entry dates come from the build's fixed date.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceDate } from '../../pipeline/source-date.ts';
import { BOOKS, build, ROOT, transformed } from './book.ts';

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

describe('folio build with FOLIO_CACHE_DIR', () => {
  it('keeps its font cuts and cover in that folder, and writes the same EPUB as from the default cache', async () => {
    const [book] = BOOKS;
    const cache = await coldCache();
    const out = await coldCache();
    const folio = (env: NodeJS.ProcessEnv, to: string) =>
      promisify(execFile)(process.execPath, [join(ROOT, 'bin/folio.mjs'), 'build', '--edition', 'epub', '--manuscript', book!.dir, '--out', to], { env });
    await folio({ ...process.env, FOLIO_CACHE_DIR: cache }, join(out, 'cold'));
    expect((await readdir(join(cache, 'fonts'))).filter((name) => name.endsWith('.ttf')).length).toBeGreaterThan(0);
    expect(await readdir(join(cache, 'covers'))).toHaveLength(1);

    const { FOLIO_CACHE_DIR: _, ...defaultEnv } = process.env;
    await folio(defaultEnv, join(out, 'default'));
    const [file] = await readdir(join(out, 'cold'));
    expect(sha256(await readFile(join(out, 'default', file!)))).toBe(sha256(await readFile(join(out, 'cold', file!))));
  });
});
