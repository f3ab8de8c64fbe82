/**
 * Every hostile case: `folio check` reports it with file, line and rule id (exit 1), or accepts it;
 * `folio build` refuses a manuscript with errors and writes nothing; with the rule turned off in
 * book.yaml, the build still renders safely (the sanitizer, not the check, is the last line of defence).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../pipeline/book/types.ts';
import { runBuild } from '../../pipeline/build.ts';
import { runCheck } from '../../pipeline/check/command.ts';
import { capture } from '../support/io.ts';
import { CASES, materialise } from './cases.ts';

const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

async function htmlOf(dir: string): Promise<string> {
  const files = await readdir(join(dir, 'dist/html'), { recursive: true });
  const pages = files.filter((name) => /\.(html|js|css|json)$/.test(name));
  return (await Promise.all(pages.map((name) => readFile(join(dir, 'dist/html', name), 'utf8')))).join('\n');
}

describe.each(CASES)('$name', (hostile) => {
  it(`folio check ${hostile.exit === 1 ? 'reports it and exits 1' : 'accepts it'}`, async () => {
    const dir = await materialise(hostile);
    made.push(dir);
    const io = capture(dir);
    const code = await runCheck(io.io, { paths: ['.'], format: 'json' });
    const diagnostics = JSON.parse(io.out()) as Diagnostic[];
    expect(io.err()).toBe('');
    for (const expected of hostile.expect) {
      const found = diagnostics.find((d) => d.ruleId === expected.ruleId && d.file === expected.file && (expected.line === undefined || d.line === expected.line));
      expect(found, `${expected.ruleId} at ${expected.file}:${expected.line ?? '?'} in ${JSON.stringify(diagnostics.filter((d) => d.severity !== 'info'))}`).toBeDefined();
      expect(found!.severity).toBe(expected.severity ?? 'error');
    }
    if (hostile.exit === 0) expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(code).toBe(hostile.exit);
  });

  it(`folio build ${hostile.exit === 1 ? 'refuses it' : 'renders it'}`, async () => {
    const dir = await materialise(hostile);
    made.push(dir);
    const io = capture(dir);
    const code = await runBuild(io.io, { manuscript: '.', out: 'dist', editions: ['html'] });
    expect(io.err()).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(code).toBe(hostile.exit);
    expect(existsSync(join(dir, 'dist/html/index.html'))).toBe(hostile.exit === 0);
  });

  // Only the cases that carry something dangerous have output to search for it in.
  const forbidden = hostile.forbidden;
  if (forbidden) it('renders safely even with its rule turned off', async () => {
    const dir = await materialise(hostile);
    made.push(dir);
    const rules = hostile.expect.map((e) => `  ${e.ruleId}: off`).join('\n');
    await writeFile(join(dir, 'book.yaml'), `${await readFile(join(dir, 'book.yaml'), 'utf8')}rules:\n${rules}\n`);
    const io = capture(dir);
    expect(await runBuild(io.io, { manuscript: '.', out: 'dist', editions: ['html'] })).toBe(0);
    const html = await htmlOf(dir);
    for (const text of forbidden) expect(html).not.toContain(text);
  });
});
