import { mkdtemp, mkdir, writeFile, cp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBook } from '../../pipeline/book/load.ts';
import { toDiagnostics } from '../../pipeline/diagnostics.ts';

const MINI = join(import.meta.dirname, '../fixtures/books/mini');

/** A copy of the mini book in a temp folder, with `edit` applied to book.yaml's text. */
async function miniWith(edit: (yaml: string) => string = (y) => y) {
  const dir = await mkdtemp(join(tmpdir(), 'folio-load-'));
  await cp(MINI, dir, { recursive: true });
  const yaml = await readFile(join(dir, 'book.yaml'), 'utf8');
  await writeFile(join(dir, 'book.yaml'), edit(yaml));
  return dir;
}

async function diagnosticsOf(dir: string) {
  const result = await loadBook(dir, dir);
  return { ...result, diagnostics: toDiagnostics(result.files, dir) };
}

describe('loadBook', () => {
  it('loads the mini book: written and planned chapters in plan order', async () => {
    const { book, diagnostics } = await diagnosticsOf(MINI);
    expect(book?.chapters.map((c) => [c.id, c.status])).toEqual([
      ['ch01', 'written'],
      ['ch02', 'written'],
      ['ch03', 'planned'],
    ]);
    expect(book?.chapters[1]?.subtitle).toBe('以井研县研经社区为例');
    expect(book?.chapters[0]?.authors).toEqual(['殷婕', '毛丹']);
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const planned = diagnostics.find((d) => d.ruleId === 'book-chapter-planned');
    expect(planned).toMatchObject({ file: 'book.yaml', severity: 'info', line: 23 });
  });

  it('reports a missing book.yaml as one error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'folio-load-'));
    const { book, diagnostics } = await diagnosticsOf(dir);
    expect(book).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', ruleId: 'file-missing' });
    expect(diagnostics[0]!.message).toContain('No book.yaml');
  });

  it('reports invalid YAML at its line', async () => {
    const dir = await miniWith((y) => y.replace('date: 2021-08', 'date: [2021-08'));
    const { diagnostics } = await diagnosticsOf(dir);
    expect(diagnostics[0]).toMatchObject({ ruleId: 'yaml-syntax', severity: 'error' });
    expect(diagnostics[0]!.line).toBeGreaterThanOrEqual(9);
  });

  it('names the field and line of a wrong type', async () => {
    const dir = await miniWith((y) => y.replace('edition: { number: 1, printing: 1 }', 'edition: { number: first, printing: 1 }'));
    const { diagnostics } = await diagnosticsOf(dir);
    const error = diagnostics.find((d) => d.ruleId === 'book-schema');
    expect(error?.message).toContain('edition.number');
    expect(error?.line).toBe(9);
  });

  it('refuses margins (or a trim) that leave no room for the text, at their line', async () => {
    const tooWide = await miniWith((y) => y.replace(/^trim: .*$/m, (trim) => `${trim}\nmargins: { top: 150mm, bottom: 150mm, inner: 22mm, outer: 18mm }`));
    const margins = (await diagnosticsOf(tooWide)).diagnostics.find((d) => d.ruleId === 'book-schema');
    expect(margins).toMatchObject({ severity: 'error', line: 13 });
    expect(margins?.message).toContain('Invalid `margins`: on a 185mm × 260mm page the margins leave a type area of 145 × -40 mm');
    const tooSmall = await miniWith((y) => y.replace(/^trim: .*$/m, 'trim: { width: 60mm, height: 80mm }'));
    const { book, diagnostics } = await diagnosticsOf(tooSmall);
    expect(book).toBeUndefined();
    expect(diagnostics.find((d) => d.ruleId === 'book-schema')).toMatchObject({ line: 12, message: expect.stringContaining('Invalid `trim`') });
  });

  it('suggests the field an unknown key was meant to be', async () => {
    const dir = await miniWith((y) => y.replace('isbn:', 'isnb:'));
    const { diagnostics } = await diagnosticsOf(dir);
    const unknown = diagnostics.find((d) => d.message.includes('`isnb`'));
    expect(unknown?.message).toContain('did you mean `isbn`');
    expect(unknown?.line).toBe(10);
  });

  it('refuses a chapter listed twice, at the second entry', async () => {
    const dir = await miniWith((y) => y.replace('  - file: chapters/02-community.md', '  - file: chapters/01-political-ecology.md'));
    const { diagnostics } = await diagnosticsOf(dir);
    const twice = diagnostics.find((d) => d.ruleId === 'book-chapter-duplicate');
    expect(twice).toMatchObject({ severity: 'error', line: 22 });
  });

  it('refuses a chapter path outside the manuscript folder', async () => {
    const dir = await miniWith((y) => y.replace('chapters/02-community.md', '../../etc/passwd'));
    const { diagnostics } = await diagnosticsOf(dir);
    expect(diagnostics.find((d) => d.ruleId === 'resource-outside')).toMatchObject({ severity: 'error' });
  });

  // Found by tests/fuzz: the yaml library throws on an alias bomb, which crashed the load with a stack trace.
  it('reports an alias bomb in book.yaml or a front matter as invalid YAML', async () => {
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
    const aliases = async (dir: string) =>
      (await diagnosticsOf(dir)).diagnostics.filter((d) => d.ruleId === 'yaml-syntax' && /alias count/.test(d.message)).map((d) => `${d.file}:${d.line}`);
    expect(await aliases(await miniWith((yaml) => `${bomb}${yaml}`))).toEqual(['book.yaml:1']);
    const dir = await miniWith();
    const path = join(dir, 'chapters/02-community.md');
    await writeFile(path, (await readFile(path, 'utf8')).replace(/^---\n/, `---\n${bomb}`));
    expect(await aliases(dir)).toEqual(['chapters/02-community.md:1']);
  });

  // Found by tests/fuzz: the yaml library printed a process warning on stderr for a complex key.
  it('prints no process warning for a collection used as a key', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => void warnings.push(warning.message);
    process.on('warning', onWarning);
    const dir = await miniWith((yaml) => `? [complex, key]\n: value\n${yaml}`);
    const path = join(dir, 'chapters/02-community.md');
    await writeFile(path, (await readFile(path, 'utf8')).replace(/^---\n/, '---\n? [complex, key]\n: value\n'));
    await diagnosticsOf(dir);
    const chapterOnly = await miniWith();
    await writeFile(join(chapterOnly, 'chapters/02-community.md'), (await readFile(path, 'utf8')));
    const { diagnostics } = await diagnosticsOf(chapterOnly);
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
    expect(warnings).toEqual([]);
    expect(diagnostics.some((d) => d.file === 'chapters/02-community.md' && d.severity === 'error')).toBe(true);
  });

  it('accepts a BOM and CRLF line endings', async () => {
    const dir = await miniWith();
    const path = join(dir, 'chapters/02-community.md');
    const text = await readFile(path, 'utf8');
    await writeFile(path, `\uFEFF${text.replace(/\n/g, '\r\n')}`);
    const { book, diagnostics } = await diagnosticsOf(dir);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(book?.chapters[1]?.title).toBe('乡镇社区微治理路径探索');
  });

  it('reports a GB18030 file with the fix, invalid UTF-8 and binary files at their line', async () => {
    const dir = await miniWith();
    const path = join(dir, 'chapters/02-community.md');
    // 社区 in GB18030 (bytes from `iconv -t GB18030`), on line 3.
    await writeFile(path, Buffer.concat([Buffer.from('---\ntitle: x\n---\n'), Buffer.from([0xc9, 0xe7, 0xc7, 0xf8])]));
    let { diagnostics } = await diagnosticsOf(dir);
    expect(diagnostics.find((d) => d.ruleId === 'file-encoding')).toMatchObject({ line: 4, severity: 'error' });
    expect(diagnostics.find((d) => d.ruleId === 'file-encoding')?.message).toContain('GB18030');

    await writeFile(path, Buffer.concat([Buffer.from('---\ntitle: x\n---\n\nok\n'), Buffer.from([0xff, 0x41])]));
    ({ diagnostics } = await diagnosticsOf(dir));
    expect(diagnostics.find((d) => d.ruleId === 'file-encoding')).toMatchObject({ line: 6, column: 1 });

    await writeFile(path, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));
    ({ diagnostics } = await diagnosticsOf(dir));
    expect(diagnostics.find((d) => d.ruleId === 'file-encoding')?.message).toContain('binary');
  });

  it('reports a chapter without a title in its front matter', async () => {
    const dir = await miniWith();
    await mkdir(join(dir, 'chapters'), { recursive: true });
    await writeFile(join(dir, 'chapters/02-community.md'), '---\nauthors: [甲]\n---\n\n正文。\n');
    const { diagnostics } = await diagnosticsOf(dir);
    const error = diagnostics.find((d) => d.ruleId === 'chapter-front-matter');
    expect(error).toMatchObject({ file: 'chapters/02-community.md', severity: 'error' });
    expect(error?.message).toContain('title');
  });
});
