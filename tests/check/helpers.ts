import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { checkFiles } from '../../pipeline/check/engine.ts';
import type { Io } from '../../pipeline/io.ts';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const SEED = `${ROOT}tests/fixtures/import/seed-word-export.txt`;
export const BOOK = `${ROOT}tests/fixtures/check/book`;

/** Checks Markdown text as a file in `dir` (loose unless it has front matter). */
export function check(text: string, path = `${ROOT}tests/fixtures/check/snippet.md`) {
  const file = new VFile({ path, value: text });
  checkFiles([file]);
  return file.messages;
}

export function seedFile(): VFile {
  return new VFile({ path: SEED, value: readFileSync(SEED, 'utf8') });
}

export function capture(cwd = ROOT) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { cwd, env: {}, out: (t) => void out.push(t), err: (t) => void err.push(t), isTTY: false };
  return { io, out: () => out.join(''), err: () => err.join('') };
}
