/**
 * `folio import` as a user meets it: usage errors are one line on stderr with exit 2, never a stack;
 * a GB18030 export is converted with a notice.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../pipeline/import/command.ts';
import { capture, ROOT } from '../support/io.ts';

const FIXTURES = 'tests/fixtures/import';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'folio-import-cli-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));


const oneLine = (text: string) => {
  expect(text.trimEnd().split('\n')).toHaveLength(1);
  expect(text).not.toMatch(/\n\s+at /);
};

describe('folio import', () => {
  it('exits 2 with one line on stderr for a missing export', () => {
    const run = spawnSync(process.execPath, ['bin/folio.mjs', 'import', 'no-such-export.txt', '--out', join(tmp, 'missing')], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toContain('no-such-export.txt: no such file');
  });

  it('refuses a binary file in one line', async () => {
    const path = join(tmp, 'report.docx');
    await writeFile(path, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x0a]));
    const { io, err } = capture();
    expect(await runImport(io, { exportPath: path, out: join(tmp, 'binary') })).toBe(2);
    oneLine(err());
    expect(err()).toContain('binary file');
  });

  it('will not overwrite a non-empty folder without --force', async () => {
    const out = join(tmp, 'taken');
    await rm(out, { recursive: true, force: true });
    await mkdir(out);
    await writeFile(join(out, 'notes.md'), 'mine');
    const { io, err } = capture();
    expect(await runImport(io, { exportPath: `${FIXTURES}/seed-word-export.txt`, out })).toBe(2);
    oneLine(err());
    expect(err()).toContain('--force');
    expect(await readFile(join(out, 'notes.md'), 'utf8')).toBe('mine');
  });

  it('says so in one line when a file stands where the manuscript folder would go', async () => {
    const file = join(tmp, 'a-file');
    await writeFile(file, 'mine');
    for (const out of [file, join(file, 'manuscript')]) {
      const { io, err } = capture();
      expect(await runImport(io, { exportPath: `${FIXTURES}/seed-word-export.txt`, out })).toBe(2);
      oneLine(err());
      expect(err()).toMatch(/is a file, expected a folder|a file is in the way/);
    }
    expect(await readFile(file, 'utf8')).toBe('mine');
  });

  it('converts a GB18030 export, with a notice, to the same manuscript as the UTF-8 one', async () => {
    const utf8 = capture();
    const gb = capture();
    expect(await runImport(utf8.io, { exportPath: `${FIXTURES}/seed-word-export.txt`, out: join(tmp, 'utf8') })).toBe(0);
    expect(await runImport(gb.io, { exportPath: `${FIXTURES}/seed-word-export.gb18030.txt`, out: join(tmp, 'gb') })).toBe(0);
    expect(gb.out()).toContain('GBK/GB18030-encoded: converted to UTF-8');
    for (const file of ['book.yaml', 'chapters/01-county-political-ecology.md']) {
      expect(await readFile(join(tmp, 'gb', file), 'utf8')).toBe(await readFile(join(tmp, 'utf8', file), 'utf8'));
    }
  });

  it('prints what it changed and what needs an editor, with export line numbers', async () => {
    const { io, out } = capture();
    await runImport(io, { exportPath: `${FIXTURES}/seed-word-export.txt`, out: join(tmp, 'summary') });
    expect(out()).toContain(`${FIXTURES}/seed-word-export.txt:243: 3 footnotes lifted from a page-bottom block`);
    expect(out()).toContain(`${FIXTURES}/seed-word-export.txt:244: ① anchored after 嘉廉话 (line 225)`);
    expect(out()).toContain("Needs an editor's eye:");
  });
});
