/**
 * `folio check` of one changed chapter, as the preview does it on save: the book is loaded and checked
 * once (warm), then the saved chapter alone is read, parsed and re-checked with the book's rules.
 * Prints the in-process time of that re-check. Usage: check-chapter.ts <manuscript> <work dir>
 */
import { performance } from 'node:perf_hooks';
import { loadBook } from '../../pipeline/book/load.ts';
import { parseMarkdown } from '../../pipeline/book/parse.ts';
import { readTextFile } from '../../pipeline/book/read-text.ts';
import { checkBook, checkTree, type CheckOptions } from '../../pipeline/check/engine.ts';
import { editChapter, middleChapter, printMs, privateCopy } from './edit.ts';

const [manuscript, work] = process.argv.slice(2);
const dir = await privateCopy(manuscript!, work!, 'check-chapter-book');
const { book } = await loadBook(dir);
if (!book) throw new Error(`cannot load ${dir}`);
checkBook(book);
const chapter = middleChapter(book);
const path = chapter.file!.path;
const options: CheckOptions = { rules: book.meta.rules, spacing: book.meta.spacing ?? 'none', root: book.root };
const context = { root: book.root, spacing: options.spacing ?? 'none', loose: false };

async function recheck(): Promise<number> {
  await editChapter(path);
  const started = performance.now();
  const file = await readTextFile(path);
  file.data.chapterId = chapter.id;
  checkTree(file, parseMarkdown(file), context, options);
  return performance.now() - started;
}

await recheck(); // the first re-check compiles the rules' code paths
printMs(await recheck());
