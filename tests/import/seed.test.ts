/**
 * End to end on the seed Word export: what the importer must keep (every character of the report), move
 * (metadata, notes) and join, and that the committed manuscript/ is exactly what `folio import` writes.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadBook } from '../../pipeline/book/load.ts';
import { runImport } from '../../pipeline/import/command.ts';
import { importExport, type ImportResult } from '../../pipeline/import/index.ts';
import type { Io } from '../../pipeline/io.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const SEED = 'tests/fixtures/import/seed-word-export.txt';
const CHAPTER = 'chapters/01-county-political-ecology.md';

let result: ImportResult;
let seed: string;
let chapter: string;
let bookYaml: string;

beforeAll(async () => {
  seed = await readFile(join(ROOT, SEED), 'utf8');
  result = await importExport(seed);
  chapter = result.files.find((f) => f.path === CHAPTER)!.text;
  bookYaml = result.files.find((f) => f.path === 'book.yaml')!.text;
});

/** Hanzi, letters and digits only, compatibility forms folded (the safe fixes may turn ２ into 2). */
const letters = (text: string) => (text.normalize('NFKC').match(/[\p{Script=Han}\p{L}\p{N}]/gu) ?? []).join('');

describe('import of the seed export', () => {
  it('keeps every character of the report, in order, apart from labels and the notes', () => {
    const report = seed.split('\n').slice(160); // the report opens on line 161
    const noteLine = /^\s*-\s*([\u2460-\u2473].*)?$/;
    const source = report
      .filter((line) => !noteLine.test(line))
      .join('\n')
      .replace(/【摘\s*要】|【关\s*键\s*词】|作者简介/g, '');

    const [, front, rest] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(chapter)!;
    const meta = parse(front!) as { title: string; authors: string[]; keywords: string[] };
    const abstract = /:::abstract\n([\s\S]*?)\n:::/.exec(rest!)![1]!;
    const bios = /:::bios\n([\s\S]*?)\n:::/.exec(rest!)![1]!;
    const body = rest!
      .replace(/:::abstract\n[\s\S]*?\n:::/, '')
      .replace(/:::bios\n[\s\S]*?\n:::/, '')
      .replace(/^\[\^\d+\]: .*$/gm, '')
      .replace(/\[\^\d+\]/g, '');
    const written = [meta.title, meta.authors.join(' '), abstract, meta.keywords.join(' '), body, bios].join('\n');
    expect(letters(written)).toBe(letters(source));
  });

  it('lifts the three page-bottom notes and anchors each after what it annotates', () => {
    expect(chapter).toContain('嘉廉话[^1]扩展媒介');
    expect(chapter).toContain('“三个一律不用”[^2]和');
    expect(chapter).toContain('“四个一线”[^3]提拔');
    expect(chapter.match(/\[\^\d\](?!:)/g)).toHaveLength(3);
    expect(chapter).toMatch(/^\[\^1\]: 嘉廉话是中共乐山市纪律检查委员会/m);
    expect(chapter).toMatch(/^\[\^2\]: 即封官许愿架天线一律不用/m);
    expect(chapter).toMatch(/^\[\^3\]: 即从挂图作战/m);
    expect(chapter).not.toMatch(/[\u2460-\u2473]/);
  });

  it('joins the seven paragraphs cut at page breaks', () => {
    const joins = ['在落实意识形态责任、打好', '的文化氛围，2018年，拍摄', '工作纪律、生活纪律意识', '2019年，乐山查处“两个责任”', '房屋拆迁、政府采购', '丰富权力监督体制', '实施基层干部工资'];
    const lines = chapter.split('\n');
    for (const join of joins) expect(lines.filter((line) => line.includes(join)), join).toHaveLength(1);
    expect(result.notes.filter((n) => n.message.startsWith('Paragraph cut at a page break'))).toHaveLength(7);
  });

  it('levels headings by their numbering and keeps (1) items as paragraphs', () => {
    const headings = chapter.split('\n').filter((line) => line.startsWith('#'));
    for (const heading of headings) {
      if (/^#+ [一二三四五六七八九十]+、/.test(heading)) expect(heading).toMatch(/^## /);
      else expect(heading).toMatch(/^### （[一二三四五六七八九十]+）\S/);
    }
    expect(headings).toHaveLength(4 + 17);
    expect(chapter).not.toMatch(/^\s*\(\d\)/m);
  });

  it('keeps the 29 contents entries as the plan, entry 9 joined, entry 1 written', () => {
    const book = parse(bookYaml) as { chapters: Array<{ file?: string; title?: string; subtitle?: string; authors?: string[] }> };
    expect(book.chapters).toHaveLength(29);
    expect(book.chapters[0]).toEqual({ file: CHAPTER });
    expect(book.chapters[8]).toEqual({ title: '强化基层治理中党建引领“牛鼻子”功能创新路径探索', subtitle: '以犍为为例', authors: ['张强', '吴玲'] });
    expect(book.chapters[1]).toEqual({ title: '乡镇社区微治理路径探索', subtitle: '以井研县研经社区为例', authors: ['李兰英', '宋智平', '曾静', '李进', '王竞'] });
    expect(book.chapters.filter((c) => c.subtitle)).toHaveLength(7);
    expect(book.chapters.slice(1).every((c) => c.title && c.authors && c.authors.length > 0)).toBe(true);
    expect(bookYaml).not.toMatch(/错误|未定义书签/);
  });

  it('moves the title page, CIP block and copyright page into book.yaml', () => {
    const book = parse(bookYaml);
    expect(book).toMatchObject({
      title: '决胜全面小康 助力文旅发展',
      subtitle: '乐山市党校系统2020年度调研报告文集',
      title_pinyin: 'Juesheng Quanmian Xiaokang Zhuli Wenlü Fazhan',
      editors: ['毛丹', '赵平'],
      publisher: { name: '西南交通大学出版社', place: '成都', postcode: '610031', website: 'http://www.xnjdcbs.com', report_phone: '028-87600562', phone: ['028-87600564', '028-87600533'] },
      date: '2021-08',
      edition: { number: 1, printing: 1 },
      isbn: '978-7-5643-8148-6',
      language: 'zh-Hans',
      trim: { width: '185mm', height: '260mm' },
      cip: { classification: 'F127.713-53', number: '2021 第141974号' },
      imprint: { responsible_editor: '郭发仔', assistant_editor: '李欣', cover_design: '原创动力', printer: '成都蜀通印务有限责任公司', sheets: 17.25, words: '338 千', price: '86.00 元' },
    });
    expect(book.cip.record).toHaveLength(4);
  });
});

describe('the committed manuscript', () => {
  let out: string;
  const io: Io = { cwd: ROOT, env: {}, out: () => {}, err: () => {}, isTTY: false };

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'folio-import-'));
    expect(await runImport(io, { exportPath: SEED, out, force: true })).toBe(0);
  });
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('is what `folio import` writes, byte for byte', async () => {
    const committed = await listFiles(join(ROOT, 'manuscript'));
    expect(await listFiles(out)).toEqual(committed);
    for (const file of committed) {
      expect(await readFile(join(out, file), 'utf8'), file).toBe(await readFile(join(ROOT, 'manuscript', file), 'utf8'));
    }
  });

  it('loads with the Book loader without errors', async () => {
    const { book, files } = await loadBook('manuscript', ROOT);
    expect(files.flatMap((f) => f.messages.filter((m) => typeof m.fatal === 'boolean').map((m) => m.reason))).toEqual([]);
    expect(book?.chapters).toHaveLength(29);
    expect(book?.chapters[0]).toMatchObject({ status: 'written', title: '乐山市净化县域政治生态的实践探索与对策研究', authors: ['殷婕', '毛丹', '干旭敏', '康璇'] });
    expect(book?.chapters.filter((c) => c.status === 'planned')).toHaveLength(28);
  });
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}
