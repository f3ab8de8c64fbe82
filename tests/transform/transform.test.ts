import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { loadBook } from '../../pipeline/book/load.ts';
import { transformBook } from '../../pipeline/transform/index.ts';
import { faceCovers, FACES } from '../../pipeline/render/fonts.ts';
import { makeFigures } from '../../pipeline/transform/figures.ts';
import { alignTableColumns } from '../../pipeline/transform/table-align.ts';
import type { Root } from 'hast';
import { h } from 'hastscript';
import { miniWithCrossLinks } from '../support/cross-linked.ts';

const MINI = join(import.meta.dirname, '../fixtures/books/mini');

async function transformedMini() {
  const { book } = await loadBook(MINI, MINI);
  return transformBook(book!);
}

describe('transformBook', () => {
  it('renders written chapters only, in plan order', async () => {
    const book = await transformedMini();
    expect(book.chapters.map((c) => c.id)).toEqual(['ch01', 'ch02']);
  });

  it('lifts abstract and bios out of the body', async () => {
    const [first] = (await transformedMini()).chapters;
    const body = toHtml(first!.body);
    expect(toHtml(first!.abstract)).toContain('全面净化党内政治生态');
    expect(toHtml(first!.bios)).toContain('殷婕（1988—）');
    expect(body).not.toContain('全面净化党内政治生态');
    expect(body).not.toContain('1988');
  });

  it('points a link to a heading’s slug at the heading’s id, in the text and in a note, and leaves other links alone', async () => {
    const { book } = await loadBook(MINI, MINI);
    const chapter = book!.chapters[0]!;
    const { parseMarkdown } = await import('../../pipeline/book/parse.ts');
    const { VFile } = await import('vfile');
    const file = new VFile({ path: chapter.file!.path, value: `${String(chapter.file!.value)}\n\n## 三、结语\n\n见[第一节](#一净化县域政治生态的重大意义)与[结语](#%E4%B8%89%E7%BB%93%E8%AF%AD)[^x]，又见[别处](#无此节)。\n\n[^x]: 注中也见[结语](#三结语)。\n` });
    chapter.tree = parseMarkdown(file);
    const [first] = transformBook(book!).chapters;
    const html = toHtml(first!.body) + toHtml(first!.notes.flatMap((note) => note.content));
    const ids = new Set(first!.headings.map((heading) => heading.id));
    for (const target of ['ch01-一净化县域政治生态的重大意义', 'ch01-三结语']) {
      expect(ids.has(target)).toBe(true);
      expect(html).toContain(`href="#${target}"`);
    }
    expect(html.match(/href="#ch01-三结语"/g)).toHaveLength(2);
    expect(html).toContain(`href="#${encodeURIComponent('无此节')}"`); // as written (remark-rehype encodes it): the check reports it
  });

  it('points a link to another report, or to one of its headings, at the id there and records which report holds it', async () => {
    const dir = await miniWithCrossLinks(join(tmpdir(), 'folio-transform-cross-links'));
    const { book } = await loadBook(dir, dir);
    const [first, second] = transformBook(book!).chapters;
    const html = toHtml(first!.body);
    for (const id of ['ch02-title', 'ch02-一网格化管理']) expect(html).toContain(`href="#${id}"`);
    expect(second!.headings.map((heading) => heading.id)).toContain('ch02-一网格化管理');
    expect(first!.crossLinks).toEqual(new Map([['ch02-title', 'ch02'], ['ch02-一网格化管理', 'ch02']]));
    expect(second!.crossLinks).toEqual(new Map([['ch01-title', 'ch01']]));
  });

  it('numbers notes per chapter in order of reference, linking both ways with book-unique ids', async () => {
    const dir = await miniWithCrossLinks(join(tmpdir(), 'folio-transform-cross-links'));
    const { book } = await loadBook(dir, dir);
    const [first, second] = transformBook(book!).chapters;
    expect(first!.notes.map((n) => [n.number, n.id, n.refId])).toEqual([
      [1, 'ch01-fn1', 'ch01-fnref1'],
      [2, 'ch01-fn2', 'ch01-fnref2'],
      [3, 'ch01-fn3', 'ch01-fnref3'],
    ]);
    expect(second!.notes.map((n) => n.id)).toEqual(['ch02-fn1']);
    const body = toHtml(first!.body);
    for (const note of first!.notes) {
      expect(body).toContain(`href="#${note.id}" id="${note.refId}"`);
    }
    expect(toHtml(first!.notes[0]!.content)).toContain('嘉廉话是');
    // the definitions are not left in the body
    expect(body).not.toContain('嘉廉话是');
  });

  it('gives headings ids unique across the book and keeps their text', async () => {
    const book = await transformedMini();
    const ids = book.chapters.flatMap((c) => c.headings.map((h) => h.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(book.chapters[0]!.headings[0]).toEqual({ id: 'ch01-一净化县域政治生态的重大意义', depth: 2, text: '一、净化县域政治生态的重大意义' });
    // the same text in two chapters gets two ids (一、 headings are common to all reports)
    expect(ids.filter((id) => id.endsWith('-一网格化管理'))).toHaveLength(1);
  });

  it('keeps —— and …… whole', async () => {
    const body = toHtml((await transformedMini()).chapters[0]!.body);
    expect(body).toContain('<span class="nobreak">——</span>');
    expect(body).toContain('<span class="nobreak">……</span>');
  });

  it('does not change the loaded Book (the preview re-checks it)', async () => {
    const { book } = await loadBook(MINI, MINI);
    const before = JSON.stringify(book!.chapters[0]!.tree);
    transformBook(book!);
    expect(JSON.stringify(book!.chapters[0]!.tree)).toBe(before);
  });

  it('collects every printed character, all of which the body face covers', async () => {
    const book = await transformedMini();
    for (const character of ['郡', '嘉', '①', '目', '录']) expect(book.characters.has(character)).toBe(true);
    const serif = FACES.find((f) => f.role === 'serif' && f.weight === 400)!;
    const uncovered = [...book.characters].filter((c) => c.trim() && !faceCovers(serif, c));
    expect(uncovered).toEqual([]);
  });
});

describe('makeFigures', () => {
  it('makes a paragraph holding only an image a figure captioned by its alt text; an image in running text stays inline', () => {
    const tree: Root = {
      type: 'root',
      children: [
        h('p', [h('img', { src: 'a.png', alt: '图1 网格分布示意图' })]),
        h('p', ['文中', h('img', { src: 'b.png', alt: '小图' }), '一张。']),
        h('p', [' ', h('img', { src: 'c.png', alt: '' }), ' ']),
      ],
    };
    makeFigures(tree);
    expect(toHtml(tree)).toBe(
      '<figure><img src="a.png" alt="图1 网格分布示意图"><figcaption>图1 网格分布示意图</figcaption></figure><p>文中<img src="b.png" alt="小图">一张。</p><figure><img src="c.png" alt=""></figure>',
    );
  });
});

describe('alignTableColumns', () => {
  it('turns a column alignment (obsolete `align`, which the EPUB packager drops) into a class, and keeps other classes', () => {
    const tree: Root = {
      type: 'root',
      children: [h('table', [h('tr', [h('th', { align: 'left' }, '项目'), h('th', { align: 'right' }, '数量'), h('th', '备注')]), h('tr', [h('td.x', { align: 'center' }, '乡镇'), h('td', { align: 'justify' }, '12')])])],
    };
    alignTableColumns(tree);
    expect(toHtml(tree)).toBe(
      '<table><tr><th class="align-left">项目</th><th class="align-right">数量</th><th>备注</th></tr><tr><td class="x align-center">乡镇</td><td>12</td></tr></table>',
    );
  });
});
