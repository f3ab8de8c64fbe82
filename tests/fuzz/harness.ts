/**
 * Runs one fuzz case through what a user runs on a manuscript: load + check (`checkBook`), each chapter
 * as a loose file (`checkFiles`) and its safe fixes (`fixText`, not written), and the HTML build. A case
 * fails if anything throws, a stage takes longer than its bound, a stack trace is printed, a file outside
 * out/ changes, or the sentinel's contents or active HTML reach the edition.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadBook } from '../../pipeline/book/load.ts';
import { readTextFile } from '../../pipeline/book/read-text.ts';
import { runBuild } from '../../pipeline/build.ts';
import { checkBook, checkFiles } from '../../pipeline/check/engine.ts';
import { fixText } from '../../pipeline/check/fix.ts';
import { RULES } from '../../pipeline/check/rules/index.ts';
import { capture } from '../support/io.ts';
import { CHAPTERS, fuzzCase, SENTINEL_TEXT, type FuzzCase } from './generators.ts';

export const RULE_IDS = RULES.map((rule) => rule.id);
/** Bound on each command a case runs (check, check --fix, build): a case runs three, so it is bounded at three times this. */
export const STAGE_TIMEOUT_MS = 30_000;

const STACK = /^\s+at (?:.+ \()?(?:file:\/\/|node:|\/)\S*:\d+:\d+\)?$/m;
/** Active content the sanitizer must have removed (searched in the edition's HTML pages; the site's own search is a form; a plain link to a remote page is fine, loading from it is not). */
const ACTIVE = /<(?:iframe|object|embed|base)\b|<form\b(?![^>]*role="search")|<meta[^>]+http-equiv|\son(?:error|load|click)\s*=|(?:href|src)\s*=\s*["']?\s*javascript:|(?:src|srcset|poster|data)\s*=\s*["']?[^"'>\s]*evil\.example|<link[^>]+evil\.example/i;

export interface CaseResult {
  fuzz: FuzzCase;
  failures: string[];
  ms: number;
  /** Whether the HTML edition was written (the check let the manuscript through). */
  built: boolean;
}

/** Path -> content hash of every file under `dir`, except the `skip` folder. */
async function snapshot(dir: string, skip: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (path === skip || path.startsWith(`${skip}/`)) continue;
    files.set(path, entry.isFile() ? createHash('sha1').update(await readFile(path)).digest('hex') : entry.isDirectory() ? 'dir' : 'other');
  }
  return files;
}

function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => before.get(path) !== after.get(path));
}

async function filesUnder(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

function bounded<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hung: no result after ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, bound]).finally(() => clearTimeout(timer));
}

/** What the case does, in a fresh sandbox: sandbox/ms (the manuscript), sandbox/sentinel, sandbox/out. */
async function exercise(sandbox: string, failures: string[], stageMs: number): Promise<boolean> {
  const manuscript = join(sandbox, 'ms');
  const out = join(sandbox, 'out');
  let started = Date.now();
  // Synchronous work cannot be interrupted, so a slow stage is caught when it ends (a true hang by the case's bound).
  const stage = (name: string) => {
    const ms = Date.now() - started;
    if (ms > stageMs) failures.push(`slow: ${name} took ${(ms / 1000).toFixed(1)} s (bound ${stageMs / 1000} s)`);
    started = Date.now();
  };
  const { book, files } = await loadBook(manuscript, sandbox);
  if (book) checkBook(book);
  for (const file of files) for (const message of file.messages) if (!message.reason) failures.push(`empty message from ${message.ruleId}`);
  stage('check');

  for (const chapter of CHAPTERS) {
    const file = await readTextFile(join(manuscript, chapter), sandbox);
    checkFiles([file]);
    if (!file.messages.some((m) => m.fatal && /file-|markdown-/.test(m.ruleId ?? ''))) fixText(file);
  }
  stage('check --fix of each chapter');

  const io = capture(sandbox);
  const code = await runBuild(io.io, { manuscript: 'ms', out: 'out', editions: ['html'] });
  stage('build');
  const printed = io.err() + io.out();
  if (STACK.test(printed)) failures.push(`stack trace printed: ${printed.slice(0, 600)}`);
  if (code !== 0 && code !== 1) failures.push(`build exit code ${code}`);
  if (code === 1 && !/\S/.test(io.err())) failures.push('build failed without saying why');

  for (const path of await filesUnder(out)) {
    const content = await readFile(path);
    if (content.includes(SENTINEL_TEXT)) failures.push(`sentinel contents leaked into ${path.slice(sandbox.length + 1)}`);
    if (path.endsWith('.html')) {
      const active = ACTIVE.exec(content.toString('utf8'));
      if (active) failures.push(`active HTML in ${path.slice(sandbox.length + 1)}: ${active[0]}`);
    }
  }
  return code === 0;
}

export async function runCase(seed: number, index: number, stageMs = STAGE_TIMEOUT_MS): Promise<CaseResult> {
  const fuzz = fuzzCase(seed, index, RULE_IDS);
  const started = Date.now();
  const failures: string[] = [];
  const sandbox = await mkdtemp(join(tmpdir(), 'folio-fuzz-'));
  // Anything a library prints straight to the console is caught too (a stack trace there counts).
  const printed: string[] = [];
  const saved = { log: console.log, warn: console.warn, error: console.error };
  const collect = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
  // A library's process warning lands on the user's stderr outside the command's Io.
  const warned: string[] = [];
  const onWarning = (warning: Error) => void warned.push(`${warning.name}: ${warning.message}`);
  process.on('warning', onWarning);
  let built = false;
  let keep = false;
  try {
    for (const [path, bytes] of fuzz.files) {
      await mkdir(dirname(join(sandbox, 'ms', path)), { recursive: true });
      await writeFile(join(sandbox, 'ms', path), bytes);
    }
    await mkdir(join(sandbox, 'sentinel'));
    await writeFile(join(sandbox, 'sentinel/secret.md'), `---\ntitle: ${SENTINEL_TEXT}\nauthors: [甲]\n---\n\n${SENTINEL_TEXT}\n`);
    await writeFile(join(sandbox, 'sentinel/secret.png'), SENTINEL_TEXT);
    const before = await snapshot(sandbox, join(sandbox, 'out'));
    Object.assign(console, { log: collect, warn: collect, error: collect });
    try {
      built = await bounded(exercise(sandbox, failures, stageMs), 3 * stageMs);
    } catch (error) {
      const hung = /^hung:/.test((error as Error).message);
      // A hung case's work may still be writing: its sandbox is left for inspection, not removed under it.
      if (hung) keep = true;
      failures.push(hung ? `${(error as Error).message} (sandbox kept: ${sandbox})` : `threw: ${(error as Error).stack ?? String(error)}`);
    } finally {
      Object.assign(console, saved);
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
      process.off('warning', onWarning);
    }
    if (warned.length > 0) failures.push(`process warning printed: ${warned.join('; ').slice(0, 300)}`);
    const written = changes(before, await snapshot(sandbox, join(sandbox, 'out')));
    if (written.length > 0) failures.push(`wrote outside out/: ${written.map((p) => p.slice(sandbox.length + 1)).join(', ')}`);
    if (printed.some((line) => STACK.test(line))) failures.push(`stack trace on the console: ${printed.join('\n').slice(0, 600)}`);
  } finally {
    if (!keep) await rm(sandbox, { recursive: true, force: true });
  }
  return { fuzz, failures, ms: Date.now() - started, built };
}

/** How to replay one case. */
export const replay = (result: CaseResult) => `npm run fuzz -- --seed ${result.fuzz.seed} --case ${result.fuzz.index}`;
