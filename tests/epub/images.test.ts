/**
 * A chapter's images go into the EPUB under names numbered in order (the library names them by random
 * uuids), referenced from the chapter and declared in the manifest, so builds stay byte-identical.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { build, ROOT, transformed } from './book.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
let dir: string;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('images in an EPUB chapter', () => {
  it('are packed as images/image-001.png, referenced and declared, the same in every build', async () => {
    dir = await mkdtemp(join(tmpdir(), 'folio-epub-images-'));
    await cp(join(ROOT, 'tests/fixtures/books/mini'), dir, { recursive: true });
    const chapter = join(dir, 'chapters/01-political-ecology.md');
    await writeFile(join(dir, 'chapters/figure.png'), PNG);
    await writeFile(chapter, `${await readFile(chapter, 'utf8')}\n![图1 乐山市县域政治生态](figure.png)\n`);

    const first = await build(await transformed(dir));
    const second = await build(await transformed(dir));
    expect(second.equals(first)).toBe(true);

    const zip = await JSZip.loadAsync(first);
    expect(await zip.file('OEBPS/images/image-001.png')?.async('nodebuffer')).toEqual(PNG);
    const xhtml = await zip.file('OEBPS/ch01.xhtml')!.async('string');
    expect(xhtml).toMatch(/<img src="images\/image-001.png" alt="图1 乐山市县域政治生态"\s*\/>/);
    const opf = await zip.file('OEBPS/content.opf')!.async('string');
    expect(opf).toContain('href="images/image-001.png" media-type="image/png"');
    expect(opf).toContain('<meta property="schema:accessMode">visual</meta>');
  });
});
