/**
 * The print edition after editing one chapter, with a warm browser: the PDF session renders the whole
 * book once, then the saved chapter is read and parsed again and transformed again (as the preview
 * does: withChapterTransformed) and the session renders again (re-paginating only the part that changed) and the PDF is written. Prints the in-process
 * time of that second render. Usage: pdf-chapter.ts <manuscript> <work dir>
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadBook } from '../../pipeline/book/load.ts';
import { parseMarkdown } from '../../pipeline/book/parse.ts';
import { readTextFile } from '../../pipeline/book/read-text.ts';
import { PrintSession } from '../../pipeline/render/pdf/index.ts';
import { transformBook, withChapterTransformed } from '../../pipeline/transform/index.ts';
import { editChapter, middleChapter, printMs, privateCopy } from './edit.ts';

const [manuscript, work] = process.argv.slice(2);
const dir = await privateCopy(manuscript!, work!, 'pdf-chapter-book');
const { book } = await loadBook(dir);
if (!book) throw new Error(`cannot load ${dir}`);
const options = { sourceDate: new Date(0), printMarks: false, progress: () => {} };
const session = await PrintSession.start(undefined, { plan: 'for-edits' });
try {
  const transformed = transformBook(book);
  await session.render(transformed, options);
  const chapter = middleChapter(book);
  const path = chapter.file!.path;
  await editChapter(path);
  const started = performance.now();
  const file = await readTextFile(path);
  file.data.chapterId = chapter.id;
  chapter.file = file;
  chapter.tree = parseMarkdown(file);
  const result = await session.render(withChapterTransformed(transformed, chapter), options);
  await writeFile(join(work!, 'pdf-chapter.pdf'), result.pdf);
  const ms = performance.now() - started;
  process.stderr.write(`pdf-chapter: re-paginated ${result.paginatedParts} of ${result.parts} parts, ${result.pages} pages\n`);
  printMs(ms);
} finally {
  await session.close();
}
