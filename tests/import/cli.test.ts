/**
 * `folio import` as a user meets it: usage errors are one line on stderr with exit 2, never a stack;
 * a GB18030 export is converted with a notice; `--into` adds a report to an existing manuscript.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBook } from '../../pipeline/book/load.ts';
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

describe('folio import --into: the book’s next report, added to the manuscript', () => {
  const seedReport = async (title: string, subtitle: string | undefined, authors: string) => {
    // The seed's report (it opens on line 161), as a Word export of that report alone, retitled.
    const report = (await readFile(`${FIXTURES}/seed-word-export.txt`, 'utf8')).split('\n').slice(160).join('\n');
    return report
      .replace('# 乐山市净化县域政治生态的实践探索与对策研究', `# ${title}${subtitle ? `\n\n——${subtitle}` : ''}`)
      .replace('殷婕 毛丹 干旭敏 康璇', authors);
  };
  let book: string;
  let exportPath: string;
  let bookYaml: string;
  beforeAll(async () => {
    book = join(tmp, 'into');
    await cp(join(ROOT, 'manuscript'), book, { recursive: true });
    bookYaml = await readFile(join(book, 'book.yaml'), 'utf8');
    exportPath = join(tmp, 'report-02.txt');
    await writeFile(exportPath, await seedReport('乡镇社区微治理路径探索', '以井研县研经社区为例', '李兰英 宋智平 曾静 李进 王竞'));
  });

  it('writes the report at its place in the plan and points that entry at it, every other line of book.yaml kept', async () => {
    const { io, out } = capture();
    expect(await runImport(io, { exportPath, into: book })).toBe(0);
    expect(out()).toContain('Report written to chapters/02-township-community.md');
    const planned = ['  - title: 乡镇社区微治理路径探索', '    subtitle: 以井研县研经社区为例', '    authors: [李兰英, 宋智平, 曾静, 李进, 王竞]'].join('\n');
    expect(bookYaml).toContain(planned);
    expect(await readFile(join(book, 'book.yaml'), 'utf8')).toBe(bookYaml.replace(planned, '  - file: chapters/02-township-community.md'));
    const loaded = await loadBook(book, ROOT);
    const chapter = loaded.book!.chapters[1]!;
    expect(chapter).toMatchObject({ status: 'written', title: '乡镇社区微治理路径探索', subtitle: '以井研县研经社区为例', authors: ['李兰英', '宋智平', '曾静', '李进', '王竞'] });
    expect(loaded.files.flatMap((file) => file.messages.filter((message) => message.fatal))).toEqual([]);
  });

  it('will not replace a chapter already written without --force, and with it keeps the entry', async () => {
    const chapter = join(book, 'chapters/02-township-community.md');
    await writeFile(chapter, `${await readFile(chapter, 'utf8')}\n编辑加的一段。\n`);
    const edited = await readFile(chapter, 'utf8');
    const yaml = await readFile(join(book, 'book.yaml'), 'utf8');
    const refused = capture();
    expect(await runImport(refused.io, { exportPath, into: book })).toBe(1);
    expect(refused.out()).toContain('is written already (chapters/02-township-community.md): not imported; pass --force to replace that file');
    expect(await readFile(chapter, 'utf8')).toBe(edited);
    const forced = capture();
    expect(await runImport(forced.io, { exportPath, into: book, force: true })).toBe(0);
    expect(await readFile(chapter, 'utf8')).not.toContain('编辑加的一段。');
    expect(await readFile(join(book, 'book.yaml'), 'utf8')).toBe(yaml);
  });

  it('never writes over a file it does not replace: one in the way of a new chapter stays, and so does book.yaml', async () => {
    const other = join(tmp, 'into-stray');
    await cp(join(ROOT, 'manuscript'), other, { recursive: true });
    await writeFile(join(other, 'chapters/02-township-community.md'), 'mine');
    const { io, out } = capture();
    expect(await runImport(io, { exportPath, into: other })).toBe(1);
    expect(out()).toContain('would be written to chapters/02-township-community.md, which exists and is not in the plan');
    expect(await readFile(join(other, 'chapters/02-township-community.md'), 'utf8')).toBe('mine');
    expect(await readFile(join(other, 'book.yaml'), 'utf8')).toBe(bookYaml);
  });

  it('places a report whose title differs from its entry’s by a typo at that entry, and says so', async () => {
    const other = join(tmp, 'into-alike');
    await cp(join(ROOT, 'manuscript'), other, { recursive: true });
    const path = join(tmp, 'report-02-typo.txt');
    // A wrong character (经 for 径), and the subtitle on the title's line.
    await writeFile(path, await seedReport('乡镇社区微治理路经探索——以井研县研经社区为例', undefined, '李兰英 宋智平 曾静 李进 王竞'));
    const { io, out } = capture();
    expect(await runImport(io, { exportPath: path, into: other })).toBe(0);
    expect(out()).toContain('placed at entry 2 of the plan of book.yaml, 《乡镇社区微治理路径探索》, whose title is alike but not the same');
    const chapter = (await loadBook(other, ROOT)).book!.chapters[1]!;
    expect(chapter).toMatchObject({ status: 'written', title: '乡镇社区微治理路经探索', subtitle: '以井研县研经社区为例' });
  });

  it('adds a report the plan does not list at its end, and says so', async () => {
    const path = join(tmp, 'report-extra.txt');
    await writeFile(path, await seedReport('乐山市古镇文旅融合发展研究', undefined, '殷婕'));
    const { io, out } = capture();
    expect(await runImport(io, { exportPath: path, into: book })).toBe(0);
    expect(out()).toContain('is not in the plan of book.yaml: added at the end of the plan');
    const plan = (await loadBook(book, ROOT)).book!.chapters;
    expect(plan).toHaveLength(30);
    expect(plan.at(-1)).toMatchObject({ status: 'written', title: '乐山市古镇文旅融合发展研究', path: 'chapters/30-ancient-town.md' });
  });

  it('asks for one of --out and --into, and for a manuscript to add to, in one line', async () => {
    for (const options of [{}, { out: join(tmp, 'a'), into: book }, { into: join(tmp, 'no-manuscript') }]) {
      const { io, err } = capture();
      expect(await runImport(io, { exportPath, ...options })).toBe(2);
      oneLine(err());
    }
  });
});
