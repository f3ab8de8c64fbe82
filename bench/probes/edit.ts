/**
 * What the incremental probes share: a private copy of the book (the real manuscript is never edited)
 * and "an author saves one chapter": a paragraph appended to a chapter in the middle of the book.
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Book, Chapter } from '../../pipeline/book/types.ts';

export async function privateCopy(manuscriptDir: string, workDir: string, name: string): Promise<string> {
  const copy = join(workDir, name);
  await rm(copy, { recursive: true, force: true });
  await cp(manuscriptDir, copy, { recursive: true });
  return copy;
}

/** The written chapter in the middle of the book (its part is re-paginated, not the first or last). */
export function middleChapter(book: Book): Chapter {
  const written = book.chapters.filter((chapter) => chapter.status === 'written' && chapter.file?.path);
  const chapter = written[Math.floor(written.length / 2)];
  if (!chapter) throw new Error('the book has no written chapter to edit');
  return chapter;
}

let edits = 0;

/** Appends a new paragraph to the chapter's file, different on each call. */
export async function editChapter(path: string): Promise<void> {
  const text = await readFile(path, 'utf8');
  await writeFile(path, `${text.trimEnd()}\n\n作者在预览中修改了这一章，第${++edits}次保存。\n`);
}

/** The last line the harness reads. */
export function printMs(ms: number): void {
  process.stdout.write(`${JSON.stringify({ ms: Math.round(ms * 10) / 10 })}\n`);
}
