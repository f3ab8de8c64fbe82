/**
 * The HTML edition in memory (renderSite): contents depth from book.yaml, the Chinese search index, and
 * font slices limited to the characters the book prints.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBook } from '../../pipeline/book/load.ts';
import type { TransformedBook } from '../../pipeline/book/types.ts';
import { FACES, parseUnicodeRange, slicesFor } from '../../pipeline/render/fonts.ts';
import { renderSite, type Site } from '../../pipeline/render/html/site.ts';
import { transformBook } from '../../pipeline/transform/index.ts';
import { MINI, ROOT } from './build-edition.ts';

async function load(dir: string): Promise<TransformedBook> {
  const { book } = await loadBook(dir, ROOT);
  return transformBook(book!);
}

describe('the HTML edition in memory', () => {
  let site: Site;
  let book: TransformedBook;
  let deeper: string;
  beforeAll(async () => {
    book = await load(MINI);
    site = renderSite(book);
    deeper = await mkdtemp(join(tmpdir(), 'folio-toc-'));
    await cp(MINI, deeper, { recursive: true });
    const yaml = await readFile(join(deeper, 'book.yaml'), 'utf8');
    await writeFile(join(deeper, 'book.yaml'), `${yaml}toc: { depth: 2 }\n`);
  });
  afterAll(async () => {
    await rm(deeper, { recursive: true, force: true });
  });

  it('lists sections to the 一、 level by default and to （一） with toc.depth 2', async () => {
    const index = site.files.get('index.html')!;
    expect(index).toContain('一、净化县域政治生态的重大意义');
    expect(index).not.toContain('（一）基于中央省委的部署要求');
    const deep = renderSite(await load(deeper)).files.get('index.html')!;
    expect(deep).toContain('ch01.html#ch01-一基于中央省委的部署要求');
    expect(deep).toContain('（一）基于中央省委的部署要求');
  });

  it('writes no page for a planned chapter', () => {
    expect([...site.files.keys()].filter((path) => /^ch\d+\.html$/.test(path))).toEqual(['ch01.html', 'ch02.html']);
  });

  it('indexes the text of every section with the page and anchor it is found at', () => {
    const script = site.files.get('search-index.js')!;
    const index = JSON.parse(script.slice(script.indexOf('{'), script.lastIndexOf('}') + 1)) as { sections: Array<{ href: string; heading?: string; text: string }> };
    const holding = (text: string) => index.sections.filter((section) => `${section.heading ?? ''}\n${section.text}`.includes(text)).map((section) => section.href);
    expect(holding('政治').length).toBeGreaterThan(0);
    for (const href of holding('政治')) expect(href).toMatch(/^ch0[12]\.html#ch0[12]/);
    expect(holding('社区').some((href) => href.startsWith('ch02.html#ch02-'))).toBe(true);
    // A note's text is found in the chapter's notes section, not in the section that cites it.
    expect(holding('直播')).toContain('ch01.html#ch01-notes');
    // Every anchor exists on its page.
    for (const { href } of index.sections) {
      const [page, id] = href.split('#');
      expect(site.files.get(page!), href).toContain(`id="${id}"`);
    }
  });

  it('copies only font slices whose range holds a character the book prints, and every slice it needs', () => {
    const copied = new Set([...site.copies.keys()].filter((path) => path.startsWith('fonts/')).map((path) => basename(path)));
    const css = site.files.get('folio.css')!;
    const printed = new Set<string>();
    for (const [path, text] of site.files) {
      if (!path.endsWith('.html')) continue;
      const visible = text.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<[^>]+>/g, '');
      for (const character of visible) if (character > ' ') printed.add(character);
    }
    const needed = new Set(FACES.flatMap((face) => slicesFor(face, printed)).map((slice) => basename(slice.file)));
    for (const name of needed) expect(copied, name).toContain(name);
    const everyCharacter = new Set([...book.characters, ...printed]);
    for (const [block] of css.matchAll(/@font-face \{[^}]*\}/g)) {
      const file = /url\(fonts\/([^)]+)\)/.exec(block)![1]!;
      const ranges = parseUnicodeRange(/unicode-range: ([^;]+);/.exec(block)![1]!);
      const used = [...everyCharacter].some((c) => ranges.some(([a, b]) => c.codePointAt(0)! >= a && c.codePointAt(0)! <= b));
      expect(used, `${file} holds a character of the book`).toBe(true);
      expect(copied).toContain(file);
    }
    expect(copied.size).toBeLessThan(200);
    expect(css).toMatch(/font-family: FolioSerif;/);
    expect(css).toMatch(/font-family: FolioSans;/);
    expect(css).toMatch(/font-family: FolioKai;/);
  });
});
