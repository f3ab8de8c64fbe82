import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { checkFiles } from '../../pipeline/check/engine.ts';
import { ROOT } from '../support/io.ts';

export { capture, ROOT } from '../support/io.ts';

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

