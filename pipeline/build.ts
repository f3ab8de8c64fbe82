/**
 * `folio build`: the stages in order.
 *   load manuscript -> check (stop on errors) -> shared transforms -> each edition renders
 * The editions share one TransformedBook: none parses the Markdown again.
 */
import { resolve } from 'node:path';
import { loadBook } from './book/load.ts';
import type { EditionContext, EditionName, TransformedBook } from './book/types.ts';
import { acquireBuildLock } from './build-lock.ts';
import type { FolioBrowser } from './render/browser.ts';
import { checkBook } from './check/engine.ts';
import { hasErrors, reportProblems } from './diagnostics.ts';
import { EXIT, type Io } from './io.ts';
import { EDITION_MODULES } from './render/editions.ts';
import { sourceDate } from './source-date.ts';
import { transformBook } from './transform/index.ts';

export interface BuildOptions {
  manuscript: string;
  out: string;
  editions: EditionName[];
  printMarks?: boolean;
}

export async function runBuild(io: Io, options: BuildOptions): Promise<number> {
  const started = Date.now();
  const { book, files } = await loadBook(options.manuscript, io.cwd);
  // The build checks what `folio check` checks: a manuscript with errors yields no edition.
  if (book) checkBook(book);
  const problems = reportProblems(files);
  if (problems) io.err(`${problems}\n`);
  if (!book || hasErrors(files)) {
    io.err('folio: the manuscript has errors (above); no edition was written\n');
    return EXIT.failed;
  }
  const transformed = transformBook(book);
  const outDir = resolve(io.cwd, options.out);
  let browser: Promise<FolioBrowser> | undefined;
  const context: EditionContext = {
    outDir,
    sourceDate: sourceDate(book.meta.date, io.env),
    progress: (line: string) => io.err(`${line}\n`),
    printMarks: Boolean(options.printMarks),
    browser: () => (browser ??= import('./render/browser.ts').then(({ launchBrowser }) => launchBrowser())),
  };
  const release = await acquireBuildLock(outDir, (pid) => io.err(`folio: waiting for the build of process ${pid} into the same folder\n`));
  let code: number = EXIT.ok;
  try {
    code = await renderEditions(io, transformed, options.editions, context);
  } finally {
    if (browser) await (await browser.catch(() => undefined))?.close();
    await release();
  }
  io.err(`folio: built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return code;
}

async function renderEditions(io: Io, transformed: TransformedBook, editions: EditionName[], context: EditionContext): Promise<number> {
  let code: number = EXIT.ok;
  for (const name of editions) {
    const editionStarted = Date.now();
    try {
      const { edition } = await EDITION_MODULES[name]();
      const written = await edition.render(transformed, context);
      const seconds = ((Date.now() - editionStarted) / 1000).toFixed(1);
      io.err(`folio: ${name} edition: ${written.map((p) => p.replace(`${io.cwd}/`, '')).join(', ')} (${seconds} s)\n`);
    } catch (error) {
      io.err(`folio: the ${name} edition failed: ${(error as Error).message}\n`);
      if (io.env.FOLIO_DEBUG) io.err(`${(error as Error).stack}\n`);
      code = EXIT.failed;
    }
  }
  return code;
}
