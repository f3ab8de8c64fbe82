/**
 * The HTML edition: `dist/html/` with the contents page, the copyright page, one page per chapter, the
 * single-page book, the stylesheet, the search script and index, the font slices the book uses and its images.
 * The folder is replaced as a whole (a failed build leaves the previous edition in place).
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Edition } from '../../book/types.ts';
import { replaceDirectory } from '../write.ts';
import { renderSite } from './site.ts';

export const edition: Edition = {
  name: 'html',
  async render(book, context) {
    const site = renderSite(book);
    const root = join(context.outDir, 'html');
    await replaceDirectory(root, async (dir) => {
      const writes = [...site.files].map(async ([path, text]) => {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), text);
      });
      const copies = [...site.copies].map(async ([path, source]) => {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await copyFile(source, join(dir, path));
      });
      await Promise.all([...writes, ...copies]);
    }, context.signal);
    context.progress(`folio: html: ${site.files.size} files, ${site.copies.size} fonts and images`);
    return [root];
  },
};
