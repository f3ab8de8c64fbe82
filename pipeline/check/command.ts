/**
 * `folio check [PATH...]`: load (a manuscript folder with book.yaml, or single Markdown/text files),
 * optionally apply the safe fixes, check, print in the chosen format, and return the exit code.
 */
import { statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { VFile } from 'vfile';
import { loadBook } from '../book/load.ts';
import { readTextFile } from '../book/read-text.ts';
import { hasErrors } from '../diagnostics.ts';
import { EXIT, UsageError, type Io } from '../io.ts';
import { bookCheckSettings, checkBook, checkFiles, type CheckOptions } from './engine.ts';
import { fixText } from './fix.ts';
import { formatResults, type Format } from './format.ts';

export interface CheckCommandOptions {
  paths: string[];
  format: Format;
  fix?: boolean;
  strict?: boolean;
}

type Target = { kind: 'book'; dir: string } | { kind: 'file'; path: string };

function targetOf(cwd: string, path: string): Target {
  const absolute = resolve(cwd, path);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `cannot check \`${path}\`: no such file or folder` : `cannot check \`${path}\`: ${(error as Error).message}`);
  }
  // A folder without book.yaml is a manuscript defect, reported by the loader at book.yaml (exit 1).
  return isDirectory ? { kind: 'book', dir: absolute } : { kind: 'file', path: absolute };
}

async function writeIfChanged(file: VFile, options: CheckOptions): Promise<void> {
  const fixed = fixText(file, options);
  if (fixed !== String(file.value) && file.path) await writeFile(file.path, fixed);
}

async function checkTarget(target: Target, io: Io, fix: boolean): Promise<VFile[]> {
  if (target.kind === 'file') {
    let file = await readTextFile(target.path, io.cwd);
    if (fix && !file.messages.some((m) => m.fatal)) {
      await writeIfChanged(file, {});
      file = await readTextFile(target.path, io.cwd);
    }
    return checkFiles([file]);
  }
  let loaded = await loadBook(target.dir, io.cwd);
  if (fix && loaded.book) {
    const { book } = loaded;
    const { options } = bookCheckSettings(book);
    for (const chapter of book.chapters) {
      if (chapter.file && chapter.tree) await writeIfChanged(chapter.file, options);
    }
    loaded = await loadBook(target.dir, io.cwd);
  }
  if (!loaded.book) return loaded.files;
  const checked = new Set(checkBook(loaded.book));
  // Files the loader could not use (unreadable chapters) still carry their messages.
  return [...checked, ...loaded.files.filter((file) => !checked.has(file))];
}

export async function runCheck(io: Io, options: CheckCommandOptions): Promise<number> {
  let targets: Target[];
  try {
    targets = options.paths.map((path) => targetOf(io.cwd, path));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`folio: ${error.message}\n`);
    return EXIT.usage;
  }
  const files: VFile[] = [];
  for (const target of targets) files.push(...(await checkTarget(target, io, Boolean(options.fix))));
  io.out(formatResults(options.format, files, io.cwd, io.env));
  return hasErrors(files, options.strict) ? EXIT.failed : EXIT.ok;
}
