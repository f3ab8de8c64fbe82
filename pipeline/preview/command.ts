/**
 * `folio preview`: builds the HTML edition in memory, serves it on 127.0.0.1 and, on every save of a
 * manuscript file, re-renders what changed (one chapter, or the whole book for book.yaml), prints the
 * file's check messages and tells the open pages to reload. Ctrl-C (the signal from the CLI) stops it.
 */
import { relative, resolve } from 'node:path';
import type { Diagnostic } from '../book/types.ts';
import { EXIT, UsageError, type Io } from '../io.ts';
import { startServer } from './server.ts';
import { applyChange, currentDiagnostics, ManuscriptError, manuscriptFolders, openSession, type PreviewSession } from './session.ts';
import { watchFolders } from './watch.ts';

export interface PreviewOptions {
  manuscript: string;
  port: string | number;
  /** Aborted on Ctrl-C; without it the preview runs until `close()` of startPreview. */
  signal?: AbortSignal;
}

export interface RunningPreview {
  url: string;
  /** The manuscript folder being previewed (absolute). */
  manuscript: string;
  close(): Promise<void>;
}

export async function runPreview(io: Io, options: PreviewOptions): Promise<number> {
  let preview: RunningPreview;
  try {
    preview = await startPreview(io, options);
  } catch (error) {
    if (error instanceof ManuscriptError) {
      io.err(`${formatDiagnostics(error.diagnostics)}folio: the manuscript cannot be loaded (above); nothing to preview\n`);
      return EXIT.failed;
    }
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      io.err(`folio: port ${options.port} on 127.0.0.1 is not available (${code}); choose another with --port\n`);
      return EXIT.failed;
    }
    throw error;
  }
  io.err(`folio: preview of ${relative(io.cwd, preview.manuscript) || '.'} at ${preview.url} (Ctrl-C to stop)\n`);
  await new Promise<void>((resolvePromise) => {
    if (options.signal?.aborted) return resolvePromise();
    options.signal?.addEventListener('abort', () => resolvePromise(), { once: true });
  });
  await preview.close();
  io.err('folio: preview stopped\n');
  return EXIT.ok;
}

export async function startPreview(io: Io, options: Omit<PreviewOptions, 'signal'>): Promise<RunningPreview> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${options.port}"`);
  const session = await openSession(options.manuscript, io.cwd);
  await warmUp(session);
  const problems = currentDiagnostics(session).filter((d) => d.severity !== 'info');
  if (problems.length) io.err(formatDiagnostics(problems));
  const server = await startServer({ site: () => session.site, diagnostics: () => currentDiagnostics(session) }, port);

  // Changes are applied one at a time, in order: a save during a render waits for it.
  let queue = Promise.resolve();
  const watcher = watchFolders(manuscriptFolders(session), (path) => {
    queue = queue.then(async () => {
      try {
        const update = await applyChange(session, path);
        if (update.scope === 'none') return;
        if (update.scope === 'book') watcher.add(manuscriptFolders(session));
        const name = relative(io.cwd, path);
        const shown = update.diagnostics.filter((d) => d.severity !== 'info');
        io.err(`folio: ${name} changed: ${update.pages.length ? update.pages.join(', ') : 'no page'} updated in ${update.ms.toFixed(0)} ms\n${formatDiagnostics(shown)}`);
        if (update.pages.length) server.reload({ pages: update.pages, ms: update.ms });
        else server.notify(currentDiagnostics(session));
      } catch (error) {
        io.err(`folio: could not update the preview after a change to ${relative(io.cwd, path)}: ${(error as Error).message}\n`);
      }
    });
  });

  return {
    url: server.url,
    manuscript: session.manuscript,
    async close() {
      watcher.close();
      await queue;
      await server.close();
    },
  };
}

/**
 * Runs the incremental path once on the first written chapter (its text unchanged): the first save
 * otherwise pays the code's first-run cost (~0.2 s) on top of the update itself.
 */
async function warmUp(session: PreviewSession) {
  const chapter = session.book.chapters.find((c) => c.status === 'written' && c.path);
  if (chapter) await applyChange(session, resolve(session.book.root, chapter.path!));
}

function formatDiagnostics(diagnostics: Diagnostic[]): string {
  return diagnostics.map((d) => `  ${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.message}  ${d.ruleId}\n`).join('');
}
