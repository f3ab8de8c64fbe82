/**
 * Builds the HTML edition of a test book through `folio build` (in process) into tests/output/html/,
 * once per book per test run, and lists what it wrote.
 */
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runBuild } from '../../pipeline/build.ts';
import type { Io } from '../../pipeline/io.ts';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const OUTPUT = join(ROOT, 'tests', 'output', 'html');
export const MINI = join(ROOT, 'tests', 'fixtures', 'books', 'mini');
export const MANUSCRIPT = join(ROOT, 'manuscript');
export const hasManuscript = existsSync(join(MANUSCRIPT, 'book.yaml'));

export const BOOKS = [
  { name: 'mini', manuscript: MINI, present: true },
  { name: 'manuscript', manuscript: MANUSCRIPT, present: hasManuscript },
];

/**
 * The mini book with bios in both chapters: the single-page book then holds two of every part, which
 * must keep distinct accessible names.
 */
export async function miniWithEveryPartTwice(): Promise<string> {
  const dir = join(OUTPUT, 'books', 'mini-every-part-twice');
  await rm(dir, { recursive: true, force: true });
  await cp(MINI, dir, { recursive: true });
  const chapter = join(dir, 'chapters', '02-community.md');
  const text = await readFile(chapter, 'utf8');
  await writeFile(chapter, text.replace('\n[^a]:', '\n:::bios\n李兰英（1975—），女，四川井研人，中共井研县委党校讲师。\n:::\n\n[^a]:'));
  return dir;
}

export interface BuiltEdition {
  dir: string;
  pages: string[];
  html: Map<string, string>;
  seconds: number;
  log: string;
}

export async function buildEdition(name: string, manuscript: string): Promise<BuiltEdition> {
  const out = join(OUTPUT, name);
  let log = '';
  const io: Io = { cwd: ROOT, env: { SOURCE_DATE_EPOCH: '1627776000' }, out: (t) => (log += t), err: (t) => (log += t), isTTY: false };
  const started = performance.now();
  const code = await runBuild(io, { manuscript, out, editions: ['html'] });
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`folio build failed (${code}):\n${log}`);
  const dir = join(out, 'html');
  const pages = (await readdir(dir)).filter((file) => file.endsWith('.html')).sort();
  const html = new Map(await Promise.all(pages.map(async (page) => [page, await readFile(join(dir, page), 'utf8')] as const)));
  return { dir, pages, html, seconds, log };
}
