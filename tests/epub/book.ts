/**
 * Builds a book's EPUB for the tests and unpacks it (jszip, the zip library epub-gen-memory uses).
 * The books: the mini test book, and the real manuscript once its book.yaml exists.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { loadBook } from '../../pipeline/book/load.ts';
import type { TransformedBook } from '../../pipeline/book/types.ts';
import { buildEpub, type EpubOptions } from '../../pipeline/render/epub/index.ts';
import { sourceDate } from '../../pipeline/source-date.ts';
import { transformBook } from '../../pipeline/transform/index.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const OUTPUT = join(ROOT, 'tests/output/epub');

export const BOOKS = [
  { name: 'mini', dir: join(ROOT, 'tests/fixtures/books/mini') },
  { name: 'manuscript', dir: join(ROOT, 'manuscript') },
].filter((book) => existsSync(join(book.dir, 'book.yaml')));

export async function transformed(dir: string): Promise<TransformedBook> {
  const { book } = await loadBook(dir, ROOT);
  if (!book) throw new Error(`${dir} did not load`);
  return transformBook(book);
}

export async function build(book: TransformedBook, options: EpubOptions = {}): Promise<Buffer> {
  return buildEpub(book, { sourceDate: sourceDate(book.book.meta.date, {}), progress: () => undefined }, options);
}

export interface Unpacked {
  /** Path inside the zip -> bytes, in zip order. */
  files: Map<string, Buffer>;
  text(path: string): string;
  /** Folder the EPUB was unpacked to (for Chromium and epubcheck). */
  dir: string;
  epubPath: string;
}

export async function unpack(epub: Buffer, name: string): Promise<Unpacked> {
  const dir = resolve(OUTPUT, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const epubPath = join(dir, `${name}.epub`);
  await writeFile(epubPath, epub);
  const zip = await JSZip.loadAsync(epub);
  const files = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const data = await entry.async('nodebuffer');
    files.set(entry.name, data);
    const path = join(dir, 'unpacked', entry.name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data);
  }
  return {
    files,
    dir: join(dir, 'unpacked'),
    epubPath,
    text(path: string) {
      const data = files.get(path);
      if (!data) throw new Error(`${path} is not in the EPUB`);
      return data.toString('utf8');
    },
  };
}
