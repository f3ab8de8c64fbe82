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
import { closeAllBrowsers } from './render/live-browsers.ts';
import { checkBook } from './check/engine.ts';
import { hasErrors, reportProblems } from './diagnostics.ts';
import { EXIT, type Io } from './io.ts';
import { EDITION_MODULES } from './render/editions.ts';
import { sourceDate } from './source-date.ts';
import { transformBook } from './transform/index.ts';

/** A hung render (a browser that never answers) is stopped after this bound; FOLIO_EDITION_TIMEOUT overrides it. */
const DEFAULT_TIMEOUT_SECONDS = 900;

function timeoutSeconds(io: Io): number {
  const value = Number(io.env.FOLIO_EDITION_TIMEOUT);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_TIMEOUT_SECONDS;
}

/**
 * Rejects when `work` takes longer than `seconds`. Then the build's signal is aborted (so the edition
 * writes nothing) and every browser is closed (so the render stops where it is).
 */
async function withinBound<T>(work: Promise<T>, seconds: number, name: string, abort: AbortController): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort(new Error(`the ${name} edition was stopped`));
      void closeAllBrowsers();
      reject(new Error(`stopped after ${seconds} s (FOLIO_EDITION_TIMEOUT); no ${name} file was written`));
    }, seconds * 1000);
  });
  work.catch(() => undefined); // once abandoned, its failure (the browser closing under it) is expected
  try {
    return await Promise.race([work, bound]);
  } finally {
    clearTimeout(timer);
  }
}

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
  const context: Omit<EditionContext, 'signal'> = {
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
    const launched = browser && (await browser.catch(() => undefined));
    if (launched) {
      // The renderers' pages may load only the build's own files: say what was refused, once each.
      const blocked = [...new Set(launched.blocked)];
      for (const url of blocked.slice(0, 20)) io.err(`folio: blocked a request to ${url.slice(0, 200)}\n`);
      if (blocked.length > 20) io.err(`folio: … and ${blocked.length - 20} more blocked requests\n`);
      await launched.close();
    }
    await release();
  }
  io.err(`folio: built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return code;
}

async function renderEditions(io: Io, transformed: TransformedBook, editions: EditionName[], context: Omit<EditionContext, 'signal'>): Promise<number> {
  let code: number = EXIT.ok;
  for (const name of editions) {
    const editionStarted = Date.now();
    try {
      const { edition } = await EDITION_MODULES[name]();
      const abort = new AbortController();
      const written = await withinBound(edition.render(transformed, { ...context, signal: abort.signal }), timeoutSeconds(io), name, abort);
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
