/**
 * The EPUB edition on a cold cache, as a whole process: what `folio build --edition epub` does, but with
 * its font-cut cache in an empty folder and the cover rendered afresh (the warm case reuses
 * node_modules/.cache/folio, which other builds on this machine share, so it is never emptied).
 * Usage: epub-cold.ts <manuscript> <work dir>
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadBook } from '../../pipeline/book/load.ts';
import { buildEpub } from '../../pipeline/render/epub/index.ts';
import { transformBook } from '../../pipeline/transform/index.ts';

const [manuscript, work] = process.argv.slice(2);
const { book } = await loadBook(manuscript!);
if (!book) throw new Error(`cannot load ${manuscript}`);
const fontCacheDir = await mkdtemp(join(work!, 'epub-font-cache-'));
try {
  const epub = await buildEpub(transformBook(book), { sourceDate: new Date(0), progress: () => {} }, { fontCacheDir, coverCache: false });
  await writeFile(join(work!, 'folio-cold.epub'), epub);
} finally {
  await rm(fontCacheDir, { recursive: true, force: true });
}
