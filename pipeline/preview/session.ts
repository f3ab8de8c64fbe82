/**
 * The state of a preview: the loaded book, its transformed tree, the HTML edition in memory and the
 * check messages of every file. A change to one chapter file re-reads, re-checks and re-transforms
 * that chapter only (and checks the links of the chapters that link to it again); the other chapters
 * keep their transformed trees and their rendered articles (renderSite caches per TransformedChapter).
 * A change to book.yaml reloads the whole book.
 */
import { basename, dirname, resolve } from 'node:path';
import { VFile } from 'vfile';
import { BOOK_FILE, loadBook, readChapter } from '../book/load.ts';
import type { Book, Chapter, Diagnostic, TransformedBook } from '../book/types.ts';
import { bookCheckSettings, checkBook, checkChapter } from '../check/engine.ts';
import { linkTarget } from '../check/rules/link-target.ts';
import { hasErrors, toDiagnostics } from '../diagnostics.ts';
import { renderSite, type Site } from '../render/html/site.ts';
import { transformBook, withChapterTransformed } from '../transform/index.ts';

/** The search index is built when a page first asks for it, not on every save. */
const PREVIEW_SITE = { searchIndex: 'on-request' } as const;
const LINK_TARGET = linkTarget.id;

export interface PreviewSession {
  manuscript: string;
  cwd: string;
  book: Book;
  transformed: TransformedBook;
  site: Site;
  /** Check messages by file path (absolute), errors and warnings and infos alike. */
  diagnostics: Map<string, Diagnostic[]>;
}

export interface Update {
  /** What was redone: one chapter, the whole book, or nothing (a file the book does not use). */
  scope: 'chapter' | 'book' | 'none';
  /** Pages whose content changed (site paths), for the reload event. */
  pages: string[];
  /** Messages of the files re-read by this change, and the link messages of the chapters that link to it. */
  diagnostics: Diagnostic[];
  /** Time from the change to the new site in memory, in milliseconds. */
  ms: number;
}

export class ManuscriptError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`).join('\n'));
  }
}

/** Loads, checks, transforms and renders the whole book. Throws ManuscriptError when it cannot be loaded. */
export async function openSession(manuscript: string, cwd: string): Promise<PreviewSession> {
  const { book, files } = await loadBook(manuscript, cwd);
  if (!book) throw new ManuscriptError(toDiagnostics(files, cwd));
  const checked = checkBook(book);
  const transformed = transformBook(book);
  const diagnostics = byFile([...new Set([...files, ...checked])], cwd);
  return { manuscript: resolve(cwd, manuscript), cwd, book, transformed, site: renderSite(transformed, PREVIEW_SITE), diagnostics };
}

/** Applies a change to `path` (absolute): the incremental path of the preview, timed. */
export async function applyChange(session: PreviewSession, path: string): Promise<Update> {
  const started = performance.now();
  const finish = (update: Omit<Update, 'ms'>): Update => ({ ...update, ms: performance.now() - started });
  if (resolve(path) === resolve(session.manuscript, BOOK_FILE)) return finish(await reloadBook(session));

  const chapter = session.book.chapters.find((c) => c.path && resolve(session.book.root, c.path) === resolve(path));
  if (!chapter) return finish({ scope: 'none', pages: [], diagnostics: [] });
  const plan = session.book.meta.chapters[chapter.number - 1]!;
  const fresh: Chapter = { ...chapter, status: 'planned', file: undefined, tree: undefined };
  const file = await readChapter(fresh, path, plan, session.cwd);
  // As in `folio build`, only what stops the loader stops the page; check errors are shown, not blocking.
  const loads = fresh.status === 'written' && !hasErrors([file]);
  if (loads) checkChapter(file, fresh.tree!, bookCheckSettings(session.book));
  const diagnostics = toDiagnostics([file], session.cwd);
  session.diagnostics.set(resolve(path), diagnostics);
  // A chapter that no longer loads keeps its last good page; the overlay says why.
  if (!loads) return finish({ scope: 'chapter', pages: [], diagnostics });

  session.book.chapters[chapter.number - 1] = fresh;
  session.transformed = withChapterTransformed(session.transformed, fresh);
  const before = session.site.signatures;
  session.site = renderSite(session.transformed, PREVIEW_SITE);
  const linking = recheckLinksTo(session, fresh);
  return finish({ scope: 'chapter', pages: changedPages(before, session.site.signatures), diagnostics: [...diagnostics, ...linking] });
}

/**
 * Checks again the links of the chapters that link to `changed`, whose headings may have gone or come;
 * their other messages stand (their text has not changed). Returns their link messages.
 */
function recheckLinksTo(session: PreviewSession, changed: Chapter): Diagnostic[] {
  const settings = bookCheckSettings(session.book);
  const only = { ...settings, options: { ...settings.options, only: [LINK_TARGET] } };
  const found: Diagnostic[] = [];
  for (const linking of session.transformed.chapters) {
    const { file, tree } = linking.chapter;
    if (linking.id === changed.id || !file?.path || !tree || ![...linking.crossLinks.values()].includes(changed.id)) continue;
    const fresh = new VFile({ path: file.path, value: file.value });
    checkChapter(fresh, tree, only);
    const links = toDiagnostics([fresh], session.cwd);
    const others = (session.diagnostics.get(resolve(file.path)) ?? []).filter((diagnostic) => diagnostic.ruleId !== LINK_TARGET);
    session.diagnostics.set(resolve(file.path), [...others, ...links]);
    found.push(...links);
  }
  return found;
}

async function reloadBook(session: PreviewSession): Promise<Omit<Update, 'ms'>> {
  try {
    const next = await openSession(session.manuscript, session.cwd);
    const pages = changedPages(session.site.signatures, next.site.signatures);
    Object.assign(session, next);
    return { scope: 'book', pages, diagnostics: next.diagnostics.get(resolve(session.manuscript, BOOK_FILE)) ?? [] };
  } catch (error) {
    if (!(error instanceof ManuscriptError)) throw error;
    session.diagnostics.set(resolve(session.manuscript, BOOK_FILE), error.diagnostics);
    return { scope: 'book', pages: [], diagnostics: error.diagnostics };
  }
}

function byFile(files: VFile[], cwd: string): Map<string, Diagnostic[]> {
  return new Map(files.filter((file) => file.path).map((file) => [resolve(file.path), toDiagnostics([file], cwd)]));
}

function changedPages(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((path) => before.get(path) !== after.get(path));
}

/** The folders to watch: book.yaml's and every planned or written chapter's. */
export function manuscriptFolders(session: PreviewSession): string[] {
  const chapterDirs = session.book.meta.chapters.flatMap((plan) => (plan.file ? [dirname(resolve(session.book.root, plan.file))] : []));
  return [...new Set([session.book.root, ...chapterDirs])];
}

/** Every current message, errors and warnings first (what the overlay shows on page load). */
export function currentDiagnostics(session: PreviewSession): Diagnostic[] {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return [...session.diagnostics.values()].flat().sort((a, b) => rank[a.severity] - rank[b.severity]);
}

/** For the bench: the median time of the incremental path for one chapter file of a manuscript. */
export async function measureIncrementalUpdate(manuscript: string, cwd: string, runs = 5): Promise<{ chapter: string; medianMs: number; samples: number[] }> {
  const session = await openSession(manuscript, cwd);
  const written = session.book.chapters.find((c) => c.status === 'written' && c.path);
  if (!written) throw new Error(`${basename(manuscript)} has no written chapter to re-render`);
  const path = resolve(session.book.root, written.path!);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push((await applyChange(session, path)).ms);
  const sorted = [...samples].sort((a, b) => a - b);
  return { chapter: written.path!, medianMs: sorted[Math.floor(sorted.length / 2)]!, samples };
}
