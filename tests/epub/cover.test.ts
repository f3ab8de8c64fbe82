/**
 * The cover: generated from book.yaml at the 185:260 trim (1600 × 2263 px JPEG), or the file book.yaml
 * names. (That two renders give the same bytes is part of reproducible.test.ts.)
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { COVER_SIZE } from '../../pipeline/render/epub/cover.ts';
import { build, ROOT, transformed } from './book.ts';

const MINI = join(ROOT, 'tests/fixtures/books/mini');
/** A 1 × 1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

/** Width and height from a JPEG's start-of-frame segment. */
function jpegSize(jpeg: Buffer): { width: number; height: number } {
  let at = 2;
  while (at < jpeg.length) {
    const marker = jpeg.readUInt16BE(at);
    if (marker >= 0xffc0 && marker <= 0xffc3) return { height: jpeg.readUInt16BE(at + 5), width: jpeg.readUInt16BE(at + 7) };
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  throw new Error('no JPEG frame');
}

const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('EPUB cover', () => {
  it('is generated at 1600 × 2263 px and declared as the cover image', async () => {
    const zip = await JSZip.loadAsync(await build(await transformed(MINI)));
    const jpeg = await zip.file('OEBPS/images/cover.jpg')!.async('nodebuffer');
    expect(jpegSize(jpeg)).toEqual(COVER_SIZE);
    const opf = await zip.file('OEBPS/content.opf')!.async('string');
    expect(opf).toMatch(/<item id="cover-image" href="images\/cover.jpg" media-type="image\/jpeg" properties="cover-image" \/>/);
    const page = await zip.file('OEBPS/cover.xhtml')!.async('string');
    expect(page).toContain('src="images/cover.jpg"');
    expect(page).toMatch(/alt="封面：决胜全面小康 助力文旅发展"/);
  });

  it('is the file named by book.yaml `cover` when there is one', async () => {
    const book = await transformed(MINI);
    const dir = await mkdtemp(join(tmpdir(), 'folio-epub-cover-'));
    temporary.push(dir);
    await writeFile(join(dir, 'cover.png'), PNG);
    book.book.root = dir;
    book.book.meta.cover = 'cover.png';
    const zip = await JSZip.loadAsync(await build(book));
    expect(await zip.file('OEBPS/images/cover.png')!.async('nodebuffer')).toEqual(PNG);
    expect(zip.file('OEBPS/images/cover.jpg')).toBeNull();
    expect(await zip.file('OEBPS/content.opf')!.async('string')).toContain('href="images/cover.png" media-type="image/png" properties="cover-image"');
  });

  it('says in one line what is wrong with an unusable cover file', async () => {
    const book = await transformed(MINI);
    book.book.meta.cover = 'cover.gif';
    await expect(build(book)).rejects.toThrow('book.yaml cover: cover.gif must be a .jpg or .png image');
    book.book.meta.cover = 'missing.png';
    await expect(build(book)).rejects.toThrow('book.yaml cover: cannot read missing.png');
    book.book.meta.cover = '../outside.png';
    await expect(build(book)).rejects.toThrow('book.yaml cover: ../outside.png must be inside the manuscript folder');
  });
});
