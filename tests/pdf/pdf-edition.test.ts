/**
 * The print edition, checked from the PDF itself (poppler-utils, pdf-lib) on the manuscript (or the mini
 * book while manuscript/ does not exist) and on a 29-chapter book made by bench/generate-book.ts.
 * One browser for the whole file; each book is built by a fresh PrintSession, as `folio build` would.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { toString } from 'hast-util-to-string';
import { PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBenchmarkBook } from '../../bench/generate-book.ts';
import { loadBook } from '../../pipeline/book/load.ts';
import type { HastElement, TransformedBook } from '../../pipeline/book/types.ts';
import { launchBrowser, type FolioBrowser } from '../../pipeline/render/browser.ts';
import { LABELS } from '../../pipeline/render/labels.ts';
import { PrintSession, type RenderResult } from '../../pipeline/render/pdf/index.ts';
import { transformBook } from '../../pipeline/transform/index.ts';
import { CROSS_LINKS, miniWithCrossLinks } from '../support/cross-linked.ts';
import { png } from '../support/png.ts';
import { bookmarks, fonts, grayPixels, images, info, lines, links, pageBoxes, pageTexts, parentTreeProblems, readPdf, screenshot, squeeze, structure, unmarkedPainting, wordBoxes } from './inspect.ts';
import { DEFAULT_MARGINS, toPoints } from '../../pipeline/config/page.ts';

const ROOT = resolve(import.meta.dirname, '../..');

const OUT = join(ROOT, 'tests/output/pdf');
const MANUSCRIPT = existsSync(join(ROOT, 'manuscript/book.yaml')) ? join(ROOT, 'manuscript') : join(ROOT, 'tests/fixtures/books/mini');
const SOURCE_DATE = new Date(Date.UTC(2021, 7, 1));
const TRIM = [0, 0, 524.41, 737.01];
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩';

interface BuiltBook {
  name: string;
  path: string;
  book: TransformedBook;
  texts: string[];
}

let browser: FolioBrowser;
const built = new Map<string, BuiltBook>();
let secondBuildOfManuscript: string;

async function transformed(dir: string): Promise<TransformedBook> {
  const { book } = await loadBook(dir, ROOT);
  if (!book) throw new Error(`${dir} did not load`);
  return transformBook(book);
}

/** The render results of the builds below, by name: what the build would warn about. */
const renders = new Map<string, RenderResult>();

async function build(name: string, book: TransformedBook, options: { printMarks?: boolean } = {}): Promise<string> {
  const session = await PrintSession.start(browser);
  try {
    const result = await session.render(book, { sourceDate: SOURCE_DATE, printMarks: Boolean(options.printMarks), progress: () => undefined });
    renders.set(name, result);
    const path = join(OUT, `${name}.pdf`);
    await writeFile(path, result.pdf);
    return path;
  } finally {
    await session.close();
  }
}

beforeAll(async () => {
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  browser = await launchBrowser();
  const generated = await generateBenchmarkBook(MANUSCRIPT, join(OUT, 'book29'));
  for (const [name, dir] of [
    ['manuscript', MANUSCRIPT],
    ['book29', generated.dir],
  ] as const) {
    const book = await transformed(dir);
    const path = await build(name, book);
    built.set(name, { name, path, book, texts: pageTexts(path) });
  }
  secondBuildOfManuscript = await build('manuscript-again', built.get('manuscript')!.book);
});

afterAll(async () => {
  await browser?.close();
});

/** 0-based physical page of each chapter's opening: its title, subtitle and authors head the page. */
function openingPages({ book, texts }: BuiltBook): number[] {
  return book.chapters.map((chapter) => {
    const meta = chapter.chapter;
    const head = squeeze(meta.title + (meta.subtitle ? `——${meta.subtitle}` : '') + meta.authors.join(''));
    const pages = texts.flatMap((text, index) => (squeeze(text).startsWith(head) ? [index] : []));
    expect(pages, `${chapter.id} opens on exactly one page`).toHaveLength(1);
    return pages[0]!;
  });
}

/** The text of every paragraph of the chapters' bodies, without the note calls (their ① is generated). */
function bodyParagraphs(book: TransformedBook): string[] {
  const text = (node: HastElement['children'][number]): string =>
    node.type === 'text' ? node.value : node.type === 'element' && !String(node.properties.className ?? '').includes('noteref') ? node.children.map(text).join('') : '';
  const paragraphs: string[] = [];
  const walk = (node: HastElement['children'][number]) => {
    if (node.type !== 'element') return;
    if (node.tagName === 'p') paragraphs.push(squeeze(text(node)));
    else node.children.forEach(walk);
  };
  for (const chapter of book.chapters) chapter.body.children.forEach((node) => walk(node as HastElement));
  return paragraphs;
}

/** The printed folio of a page: its last line when that is a number. */
function folioOf(text: string): number | undefined {
  const last = lines(text).at(-1);
  return last && /^\d+$/.test(last) ? Number(last) : undefined;
}

describe.each(['manuscript', 'book29'])('the print PDF of %s', (name) => {
  const get = () => built.get(name)!;

  it('has the exact trim size on every page', () => {
    const { path, texts } = get();
    const boxes = pageBoxes(path, texts.length);
    expect(boxes).toHaveLength(texts.length);
    for (const page of boxes) {
      expect(page.MediaBox, `page ${page.page}`).toEqual(TRIM);
      expect(page.TrimBox, `page ${page.page}`).toEqual(TRIM);
    }
  });

  it('embeds and subsets every font, none of them Type 3', () => {
    const rows = fonts(get().path);
    expect(rows.length).toBeGreaterThan(0);
    for (const font of rows) {
      expect(font.type, font.name).not.toMatch(/Type 3/);
      expect(font.embedded, font.name).toBe(true);
      expect(font.subset, font.name).toBe(true);
    }
  });

  it('starts every chapter on a right-hand page with no running head, and numbers the text from 1', () => {
    const built = get();
    const openings = openingPages(built);
    for (const page of openings) expect((page + 1) % 2, `opening on physical page ${page + 1}`).toBe(1);
    expect(folioOf(built.texts[openings[0]!]!)).toBe(1);
    // Front matter has no folio.
    for (const text of built.texts.slice(0, openings[0])) expect(folioOf(text)).toBeUndefined();
  });

  it('lists every report in the contents with the page its title is printed on', () => {
    const built = get();
    const openings = openingPages(built);
    const contents = squeeze(built.texts.slice(0, openings[0]).join(''));
    const physicalOfFolio = new Map<number, number>();
    built.texts.forEach((text, index) => {
      const folio = folioOf(text);
      if (folio !== undefined) physicalOfFolio.set(folio, index);
    });
    built.book.chapters.forEach((chapter, index) => {
      const title = squeeze(chapter.chapter.title).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const match = new RegExp(`${title}(\\d+)`).exec(contents);
      expect(match, `${chapter.id} in the contents`).not.toBeNull();
      const folio = Number(match![1]);
      expect(physicalOfFolio.get(folio), `${chapter.id}: contents says ${folio}`).toBe(openings[index]);
    });
  });

  it('prints running heads: the book title on versos, the chapter title on rectos, none on openings and blanks', () => {
    const built = get();
    const openings = openingPages(built);
    const bookTitle = squeeze(built.book.book.meta.title);
    let checked = 0;
    built.book.chapters.forEach((chapter, index) => {
      const end = openings[index + 1] ?? built.texts.length;
      const recto = squeeze(chapter.chapter.shortTitle ?? chapter.chapter.title);
      for (let page = openings[index]! + 1; page < end; page++) {
        const text = built.texts[page]!;
        if (squeeze(text) === '') continue; // a blank page: no head, no folio
        const head = squeeze(lines(text)[0]!);
        expect(head, `physical page ${page + 1}`).toBe((page + 1) % 2 === 0 ? bookTitle : recto);
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(0);
  });

  it('sets every note at the foot of its reference’s page, numbered ①②③ afresh on each page', () => {
    const built = get();
    const openings = openingPages(built);
    let notes = 0;
    built.book.chapters.forEach((chapter, index) => {
      const pages = built.texts.slice(openings[index], openings[index + 1] ?? built.texts.length).map(squeeze);
      for (const note of chapter.notes) {
        const start = squeeze(note.content.map((node) => toString(node)).join('')).slice(0, 14);
        const found = pages.flatMap((text, page) => [...text.matchAll(new RegExp(`([${CIRCLED}])${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'g'))].map((m) => ({ page, marker: m[1]!, at: m.index })));
        expect(found, `${note.id} printed once`).toHaveLength(1);
        const { page, marker } = found[0]!;
        // The marker appears twice on the page: the call in the text and the note's own number.
        expect(pages[page]!.split(marker).length - 1, `${note.id}: call ${marker} on the note's page`).toBeGreaterThanOrEqual(2);
        notes++;
      }
      // On every page, the notes' numbers run ①, ②, ③… in order.
      for (const text of pages) {
        const starts = chapter.notes.map((note) => squeeze(note.content.map((node) => toString(node)).join('')).slice(0, 14));
        const markers = [...text.matchAll(new RegExp(`[${CIRCLED}](?=${starts.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'g'))].map((m) => m[0]);
        expect(markers.join('')).toBe(CIRCLED.slice(0, markers.length));
      }
    });
    expect(notes).toBe(built.book.chapters.reduce((sum, chapter) => sum + chapter.notes.length, 0));
  });

  it('never leaves a heading alone at the foot of a page', () => {
    const built = get();
    const headings = new Set(built.book.chapters.flatMap((chapter) => chapter.headings.map((heading) => squeeze(heading.text))));
    let seen = 0;
    built.texts.forEach((text, page) => {
      const pageLines = lines(text).map(squeeze);
      pageLines.forEach((line, index) => {
        if (!headings.has(line)) return;
        seen++;
        let next = index + 1;
        while (next < pageLines.length && headings.has(pageLines[next]!)) next++;
        const following = pageLines[next];
        const isTextLine = following !== undefined && !/^\d+$/.test(following) && !new RegExp(`^[${CIRCLED}]`).test(following);
        expect(isTextLine, `physical page ${page + 1}: “${line}” is followed by text`).toBe(true);
      });
    });
    expect(seen).toBeGreaterThan(0);
  });

  it('has one bookmark per chapter and section, in order, each going to the line its heading is printed on', async () => {
    const built = get();
    const openings = openingPages(built);
    const outline = bookmarks(await readPdf(built.path));
    const words = wordBoxes(built.path);
    for (const item of outline.slice(1).flatMap((chapter) => [chapter, ...chapter.children, ...chapter.children.flatMap((section) => section.children)])) {
      // The heading's first line, as poppler finds it on the bookmark's page; the bookmark goes to the top of its line box.
      const line = words.find((word) => word.page === item.page && squeeze(item.title).startsWith(squeeze(word.text).slice(0, 6)) && word.text.length > 1);
      expect(line, `${item.title} is printed on page ${item.page + 1}`).toBeDefined();
      // poppler's glyph box (the font's ascent) may reach a hair above a tight line box.
      const glyphTop = TRIM[3]! - line!.yMin;
      expect(item.top - glyphTop, `${item.title}: from the top of its glyphs to where the bookmark goes`).toBeGreaterThan(-2);
      expect(item.top - glyphTop, `${item.title}: from the top of its glyphs to where the bookmark goes`).toBeLessThan(20);
    }
    expect(outline[0]!.title).toBe('目录');
    const chapters = outline.slice(1);
    expect(chapters.map((item) => item.title)).toEqual(built.book.chapters.map((chapter) => chapter.chapter.title));
    built.book.chapters.forEach((chapter, index) => {
      expect(chapters[index]!.page).toBe(openings[index]);
      const expected = chapter.headings.filter((heading) => heading.depth === 2).map((heading) => heading.text);
      expect(chapters[index]!.children.map((item) => item.title)).toEqual(expected);
      const subsections = chapter.headings.filter((heading) => heading.depth === 3).map((heading) => heading.text);
      expect(chapters[index]!.children.flatMap((item) => item.children.map((child) => child.title))).toEqual(subsections);
    });
  });

  it('is tagged: the book’s headings and text in reading order, running heads, rules and folios as artifacts', async () => {
    const built = get();
    expect(info(built.path).Tagged).toBe('yes');
    // The text of the tree is read for the manuscript; the benchmark book's is too slow for poppler.
    const withText = name === 'manuscript';
    const tree = structure(built.path, { text: withText });
    expect(tree[0]!.type).toBe('Document');
    expect(tree.filter((element) => element.type === 'Document')).toHaveLength(1);
    const texts = (type: string) => tree.filter((element) => element.type === type).map((element) => element.text);
    const chapters = built.book.chapters;
    const headings = (depth: number) => chapters.flatMap((chapter) => chapter.headings.filter((heading) => heading.depth === depth).map((heading) => squeeze(heading.text)));
    const titles = chapters.map((chapter) => squeeze(chapter.chapter.title));
    if (withText) {
      expect(texts('H1').slice(1), 'one H1 per chapter after the title page').toEqual(titles);
      expect(texts('H2').filter((text) => text !== '目录')).toEqual(headings(2));
      expect(texts('H3')).toEqual(headings(3));
      // The verso running head (the book title) is an artifact: not one element per verso.
      const title = squeeze(built.book.book.meta.title);
      expect(built.texts.filter((text) => squeeze(lines(text)[0] ?? '') === title).length).toBeGreaterThan(2);
      expect(tree.filter((element) => element.text === title).length).toBeLessThanOrEqual(1);
      // Nothing loose: all text sits in an element below the Document.
      expect(tree[0]!.text).toBe('');
      // Every paragraph is one P, those split by a page break too; the calls' numbers are in its text.
      const unnumbered = (text: string) => text.replace(/[①-⑩]/g, '');
      const paragraphs = bodyParagraphs(built.book).map(unnumbered);
      const split = paragraphs.filter((paragraph) => !built.texts.some((page) => unnumbered(squeeze(page)).includes(paragraph)));
      expect(split.length, 'paragraphs split by a page break').toBeGreaterThan(0);
      expect(paragraphs.filter((paragraph) => !texts('P').map(unnumbered).includes(paragraph))).toEqual([]);
      const notes = chapters.flatMap((chapter) => chapter.notes);
      const numbers = (list: string[]) => list.join('').match(/[①-⑩]/g)?.length ?? 0;
      expect(numbers(texts('P')) - numbers(bodyParagraphs(built.book)), 'the calls’ numbers are text').toBeGreaterThanOrEqual(notes.length);
      // Every note is a Note element that begins with its number (one more where a note continues on the next page).
      for (const note of notes) {
        const start = squeeze(note.content.map((node) => toString(node)).join('')).slice(0, 12);
        expect(texts('Note').some((text) => /^[①-⑩]/.test(text) && text.slice(1).startsWith(start)), `${note.id} is a numbered Note`).toBe(true);
        expect(texts('P').some((text) => text.startsWith(start)), `${note.id} is not a P`).toBe(false);
      }
    } else {
      expect(texts('H1')).toHaveLength(titles.length + 1);
      expect(texts('H2')).toHaveLength(headings(2).length + 1);
      expect(texts('H3')).toHaveLength(headings(3).length);
    }
    expect(texts('Note').length).toBeGreaterThanOrEqual(chapters.flatMap((chapter) => chapter.notes).length);
    const pdf = await readPdf(built.path);
    expect(unmarkedPainting(pdf)).toEqual([]);
    expect(parentTreeProblems(pdf)).toEqual([]);
    expect(String(pdf.catalog.lookup(PDFName.of('MarkInfo')))).toContain('/Marked true');
  });

  it('links each contents entry to its report and each note call to its note below it, as described and tagged links', async () => {
    const built = get();
    const openings = openingPages(built);
    const notes = built.book.chapters.flatMap((chapter) => chapter.notes);
    const found = links(await readPdf(built.path));
    const contents = found.filter((link) => link.page < openings[0]!);
    expect(contents.map((link) => link.targetPage), 'each entry goes to its report’s opening').toEqual(openings);
    expect(contents.map((link) => link.description)).toEqual(built.book.chapters.map((chapter) => chapter.chapter.title));
    const calls = found.filter((link) => link.page >= openings[0]!);
    expect(calls, 'one link per note (a repeated call is not one)').toHaveLength(notes.length);
    for (const link of calls) {
      expect(link.targetPage, `the link on page ${link.page + 1} goes to its own page`).toBe(link.page);
      expect(link.targetTop, `the link on page ${link.page + 1} goes down to the notes`).toBeLessThan(link.top);
      expect(link.description).toMatch(new RegExp(`^${LABELS.notes}[①-⑩]$`));
    }
    // Each link is a Link element holding its text and the annotation; the ParentTree test above checks both ways.
    expect(structure(built.path, { text: false }).filter((element) => element.type === 'Link')).toHaveLength(found.length);
  });

  it('carries the book’s metadata and language', async () => {
    const built = get();
    const meta = built.book.book.meta;
    const fields = info(built.path);
    expect(fields.Title).toContain(meta.title);
    expect(fields.Author).toContain(meta.editors[0]);
    expect(fields.Subject).not.toBe('');
    expect(fields.Keywords).toContain(built.book.chapters[0]!.chapter.keywords[0] ?? '');
    expect(fields.CreationDate).toContain('2021');
    const pdf = await readPdf(built.path);
    expect(String(pdf.catalog.get((await import('pdf-lib')).PDFName.of('Lang')))).toContain(meta.language);
  });
});

describe('a note too long for its page', () => {
  const LONG_NOTE = `井研县隶属四川省乐山市，${'这是一段很长的注释文字，用来检验注释过长时能否在下一页继续排出而不丢失任何内容；'.repeat(90)}注释到此结束。`;

  it('continues on the next page, its text set once and the text around its call never repeated', async () => {
    const dir = join(OUT, 'long-note');
    await cp(join(ROOT, 'tests/fixtures/books/mini'), dir, { recursive: true });
    const chapterFile = join(dir, 'chapters/02-community.md');
    const markdown = await readFile(chapterFile, 'utf8');
    const definition = /^\[\^(\w+)\]: .*$/m.exec(markdown);
    expect(definition, 'the mini book has a note in chapter 2').not.toBeNull();
    await writeFile(chapterFile, markdown.replace(definition![0], `[^${definition![1]}]: ${LONG_NOTE}`));
    const book = await transformed(dir);
    const pages = pageTexts(await build('long-note', book)).map(squeeze);
    const start = squeeze(LONG_NOTE).slice(0, 14);
    const end = squeeze(LONG_NOTE).slice(-14);
    const notePage = pages.findIndex((text) => text.includes(`①${start}`));
    expect(notePage, 'the note begins on some page').toBeGreaterThan(-1);
    expect(pages[notePage]!.split('①').length - 1, 'its call is on the same page').toBeGreaterThanOrEqual(2);
    expect(pages[notePage]!.includes(end) || pages[notePage + 1]!.includes(end), 'it ends on that page or the next').toBe(true);
    const whole = pages.join('');
    expect(whole.split(start).length - 1, 'the note is set once').toBe(1);
    // Every paragraph of the chapter is printed exactly once.
    const chapter = book.chapters[1]!;
    for (const paragraph of chapter.body.children) {
      if (paragraph.type !== 'element' || paragraph.tagName !== 'p') continue;
      const opening = squeeze(toString(paragraph)).slice(0, 8);
      expect(whole.split(opening).length - 1, opening).toBe(1);
    }
  });
});

describe('the print PDF as a file', () => {
  it('is byte-identical when built twice', async () => {
    const hash = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');
    expect(await hash(secondBuildOfManuscript)).toBe(await hash(built.get('manuscript')!.path));
  });

  it('gets a 3 mm bleed, crop marks, TrimBox and BleedBox with --print-marks', async () => {
    const path = await build('print-marks', built.get('manuscript')!.book, { printMarks: true });
    const [first] = pageBoxes(path, 1);
    expect(first!.TrimBox).toEqual(TRIM);
    expect(first!.BleedBox).toEqual([-8.5, -8.5, 532.91, 745.51]);
    expect(first!.MediaBox[0]).toBeLessThan(-8.5);
    // Crop marks: dark pixels in the slug at the top-left corner, none inside the bleed.
    const slug = -first!.MediaBox[0]!; // points from the media edge to the trim
    const corner = grayPixels(path, 0, 0, Math.ceil(slug));
    expect(corner.some((value) => value < 128), 'a crop mark in the corner').toBe(true);
    const bleedStart = Math.floor(slug - 8.5);
    const insideBleed = grayPixels(path, bleedStart + 1, bleedStart + 1, 6);
    expect(insideBleed.every((value) => value > 250), 'nothing printed in the bleed').toBe(true);
  });

  it('links a report to another report and to its headings: each link goes to the page that prints its target', async () => {
    const book = await transformed(await miniWithCrossLinks(join(OUT, 'cross-links')));
    const path = await build('cross-links', book);
    const pages = pageTexts(path).map(squeeze);
    const found = links(await readPdf(path));
    const titles = book.chapters.map((chapter) => chapter.chapter.title);
    const sections = book.chapters.flatMap((chapter) => chapter.headings.map((heading) => heading.text));
    const bodyStart = pages.findIndex((text) => text.startsWith(squeeze(titles[0]!)));
    // A title is printed where its report opens (a page that starts with it), a heading on the page that holds it.
    const printedAt = (target: string) =>
      pages.findIndex((text, index) => index >= bodyStart && (titles.includes(target) ? text.startsWith(squeeze(target)) : text.includes(squeeze(target))));
    // A link whose text breaks across lines is two annotations with one description and target: one link.
    const linked = found
      .filter((link) => link.page >= bodyStart && [...titles, ...sections].includes(link.description))
      .filter((link, index, all) => all.findIndex((other) => other.description === link.description && other.page === link.page) === index);
    expect(linked.map((link) => link.description).sort()).toEqual([titles[1]!, CROSS_LINKS.otherHeading, titles[0]!, CROSS_LINKS.ownHeading].sort());
    const words = wordBoxes(path);
    for (const link of linked) {
      expect(link.targetPage, `${link.description}, linked from page ${link.page + 1}`).toBe(printedAt(link.description));
      // It goes to the line the target begins on: the top of its line box, at the top of its glyphs or just above.
      const line = words.find((word) => word.page === link.targetPage && squeeze(link.description).startsWith(squeeze(word.text).slice(0, 6)) && word.text.length > 1);
      expect(link.targetTop - (TRIM[3]! - line!.yMin), link.description).toBeGreaterThan(-2);
      expect(link.targetTop - (TRIM[3]! - line!.yMin), link.description).toBeLessThan(20);
    }
    expect(new Set(linked.map((link) => link.targetPage)).size, 'the links go to more than one page').toBeGreaterThan(1);

    // On paper each link says where its target is printed: （第 N 页）, N the folio of the target's page
    // (the text starts at folio 1), set on the line of the link's text.
    const printedNumbers = (page: number) => [...pages[page]!.matchAll(/（第(\d+)页）/g)].map((match) => Number(match[1]));
    for (const page of new Set(linked.map((link) => link.page))) {
      const expected = linked.filter((link) => link.page === page).map((link) => link.targetPage - bodyStart + 1);
      expect(printedNumbers(page).sort(), `page references on page ${page + 1}`).toEqual(expected.sort());
    }
    for (const word of words.filter((word) => /^\d+$/.test(word.text) && linked.some((link) => link.page === word.page))) {
      const bracket = words.find((other) => other.page === word.page && other.text.endsWith('（第') && Math.abs(other.yMin - word.yMin) < 3);
      if (bracket) expect(Math.abs(bracket.yMax - word.yMax), `the number ${word.text} sits on its line`).toBeLessThan(0.5);
    }
  });

  it('numbers notes 1, 2, 3 per chapter with footnotes.print_numbering: per-chapter-arabic', async () => {
    const dir = join(OUT, 'arabic-notes');
    await cp(join(ROOT, 'tests/fixtures/books/mini'), dir, { recursive: true });
    await writeFile(join(dir, 'book.yaml'), `${await readFile(join(dir, 'book.yaml'), 'utf8')}\nfootnotes: { print_numbering: per-chapter-arabic }\n`);
    const book = await transformed(dir);
    const pages = pageTexts(await build('arabic-notes', book));
    for (const chapter of book.chapters) {
      for (const note of chapter.notes) {
        const start = squeeze(note.content.map((node) => toString(node)).join('')).slice(0, 10);
        const page = pages.find((text) => squeeze(text).includes(`${note.number}${start}`));
        expect(page, `${note.id} numbered ${note.number}`).toBeDefined();
        expect(page).not.toMatch(new RegExp(`[${CIRCLED}]`));
      }
    }
  });

  it('sets the whole title page, publisher at its foot, on the type area that book.yaml’s margins leave', async () => {
    const dir = join(OUT, 'wide-margins');
    await cp(join(ROOT, 'tests/fixtures/books/mini'), dir, { recursive: true });
    await writeFile(join(dir, 'book.yaml'), `${await readFile(join(dir, 'book.yaml'), 'utf8')}\nmargins: { top: 30mm, bottom: 30mm, inner: 22mm, outer: 18mm }\n`);
    const book = await transformed(dir);
    const meta = book.book.meta;
    const [titlePage] = pageTexts(await build('wide-margins', book));
    const titleLines = lines(titlePage!).map(squeeze);
    for (const text of [meta.title, meta.editors[0]!, meta.publisher.name, meta.publisher.place]) {
      expect(squeeze(titlePage!), `${text} on the title page`).toContain(squeeze(text));
    }
    expect(titleLines.at(-1), 'the publisher’s place is the last line').toContain(squeeze(meta.publisher.place));
  });

  it('wraps a word too long for the line, cuts a running head too long short, prints a link’s address and code in its own fonts, and keeps each table’s head with its first row, whole, all inside the type area', async () => {
    const dir = join(OUT, 'long-lines');
    await cp(join(ROOT, 'tests/fixtures/books/mini'), dir, { recursive: true });
    const chapterFile = join(dir, 'chapters/02-community.md');
    const word = 'Supercalifragilistic'.repeat(15);
    // Tables whose one row is a quarter of a page tall, at varied heights on the page: some head falls near a page foot.
    const table = (k: number) => [`| 甲${k}表头 | 乙 | 丙 |`, '|---|---|---|', `| 首${k} | 一 | ${'很长的说明文字'.repeat(40)}止${k} |`].join('\n');
    const tables = Array.from({ length: 8 }, (_, k) => `${'表前的段落文字。'.repeat(5 + 9 * k)}\n\n${table(k)}`);
    const link = '详见[乐山市人民政府网站](https://www.leshan.gov.cn/~qzx?q=1&z=2)的公告。';
    const title = '关于新时代县级党校建设发展和功能发挥以及乡镇社区微治理路径探索与城乡基层治理体系现代化重构的跟踪调查研究报告';
    const chapter = (await readFile(chapterFile, 'utf8')).replace(/^title: .*$/m, `title: ${title}`);
    const code = '使用`folio check`命令检查，面积3.2 km<sup>2</sup>。';
    await writeFile(chapterFile, `${chapter}\n\n长词：${word}。\n\n${link}\n\n${code}\n\n${tables.join('\n\n')}\n`);
    const path = await build('long-lines', await transformed(dir));
    const pages = pageTexts(path).map(squeeze);
    // A running head too long for one line is cut short with … (and the build says which chapter needs a short_title).
    expect(renders.get('long-lines')!.longHeads).toEqual(['ch02']);
    // Pages other than those with the title in full (the contents, the opening) whose first line is the head.
    const heads = pageTexts(path)
      .filter((text) => !squeeze(text).includes(title))
      .map((text) => squeeze(lines(text)[0] ?? ''))
      .filter((head) => head.startsWith(title.slice(0, 10)));
    expect(heads.length, 'rectos with the long head').toBeGreaterThan(0);
    for (const head of heads) expect(head, 'one line, cut short').toMatch(/(…|\.\.\.)$/);
    expect(pages.join(''), 'the long word, whole').toContain(word);
    expect(pages.join(''), 'a link’s address printed after it').toContain('乐山市人民政府网站（https://www.leshan.gov.cn/~qzx?q=1&z=2）的公告');
    expect(fonts(path).filter((font) => font.type === 'Type 3' || !font.embedded), 'its characters in the embedded fonts').toEqual([]);
    // Only the faces folio ships: code too (the browser's monospace would be a font of the building machine).
    expect(fonts(path).map((font) => font.name.replace(/^[A-Z]{6}\+/, '')).filter((name) => !/^(NotoSerifSC|NotoSansSC|LXGWWenKai)/.test(name))).toEqual([]);
    // Nothing runs into the margins: every word inside the type area (the narrower margin from each edge).
    const edge = toPoints(DEFAULT_MARGINS.outer) - 1;
    const outside = wordBoxes(path).filter((box) => box.xMin < edge || box.xMax > TRIM[2]! - edge);
    expect(outside.map((box) => `page ${box.page + 1}: ${box.text}`)).toEqual([]);
    for (let k = 0; k < tables.length; k++) {
      const headPage = pages.findIndex((text) => text.includes(`甲${k}表头`));
      expect(headPage, `table ${k} is printed`).toBeGreaterThanOrEqual(0);
      expect(pages[headPage], `table ${k}: its head’s page holds its first row`).toContain(`首${k}`);
      expect(pages[headPage], `table ${k}: its row is not split`).toContain(`止${k}`);
    }
  });

  it('prints a chapter’s images, each as a figure with its caption on its page and a heading before it kept with it, a tall one scaled to fit', async () => {
    const dir = join(OUT, 'images');
    await cp(join(ROOT, 'tests/fixtures/books/mini'), dir, { recursive: true });
    await writeFile(join(dir, 'chapters/wide.png'), png(1200, 500));
    await writeFile(join(dir, 'chapters/tall.png'), png(600, 3000));
    const chapterFile = join(dir, 'chapters/02-community.md');
    const figures = '\n\n图前的文字。\n\n![图1 网格分布示意图](wide.png)\n\n两图之间的文字。\n\n![图2 社区治理流程图](tall.png)\n\n图后的文字。\n';
    // Headings right before a figure a third of a page tall, at varied heights on the page: some fall near a page foot.
    await writeFile(join(dir, 'chapters/third.png'), png(600, 700));
    const headed = Array.from({ length: 8 }, (_, k) => `\n${'图前的段落文字。'.repeat(6 + 9 * k)}\n\n#### ${k + 1}. 小标题甲${k}\n\n![图${k + 3} 示意图乙${k}](third.png)\n`);
    await writeFile(chapterFile, `${await readFile(chapterFile, 'utf8')}${figures}${headed.join('')}`);
    const path = await build('images', await transformed(dir));
    const pages = pageTexts(path).map(squeeze);
    const placed = images(path);
    expect(placed.map((image) => [image.width, image.height])).toEqual([[1200, 500], [600, 3000], ...headed.map(() => [600, 700])]);
    expect(pages[placed[0]!.page], 'caption of 图1 on its page').toContain('图1网格分布示意图');
    expect(pages[placed[1]!.page], 'caption of 图2 on its page').toContain('图2社区治理流程图');
    expect(pages.join(''), 'the text after the tall image').toContain('图后的文字。');
    headed.forEach((_, k) => {
      const headingPage = pages.findIndex((text) => text.includes(`小标题甲${k}`));
      expect(pages[headingPage], `heading ${k + 1} on its figure's page, not alone at a page foot`).toContain(`示意图乙${k}`);
    });
  });

  it('sets a figure too tall for the rest of its page at the head of the next, and fills the page before with the text after it', async () => {
    const dir = join(OUT, 'figure-deferred');
    await cp(join(ROOT, 'tests/fixtures/books/mini'), dir, { recursive: true });
    await writeFile(join(dir, 'chapters/tall.png'), png(600, 700));
    const chapterFile = join(dir, 'chapters/02-community.md');
    // Long paragraphs fill most of a page; a figure two thirds of a page tall does not fit below them.
    // Two such figures in one chapter: the second falls where the first one's move sets it.
    const paragraphs = (name: string, count: number, repeats: number) => Array.from({ length: count }, (_, k) => `${name}段落${k}的文字，`.repeat(repeats));
    const figures = [
      { n: 1, before: paragraphs('图前', 4, 40), after: paragraphs('图后', 6, 12) },
      { n: 2, before: paragraphs('次前', 3, 40), after: paragraphs('次后', 8, 12) },
    ];
    const text = figures.flatMap(({ n, before, after }) => [...before, `![图${n} 示意图${n}](tall.png)`, ...after]).join('\n\n');
    await writeFile(chapterFile, `${await readFile(chapterFile, 'utf8')}\n\n${text}\n`);
    const path = await build('figure-deferred', await transformed(dir));
    const pages = pageTexts(path).map(squeeze);
    const placed = images(path);
    expect(placed).toHaveLength(2);
    const words = wordBoxes(path).filter((box) => !/^\d+$/.test(box.text)); // not the folios, below the type area
    const typeAreaFoot = TRIM[3]! - toPoints(DEFAULT_MARGINS.bottom);
    figures.forEach(({ n }, k) => {
      const page = placed[k]!.page;
      expect(pages[page], `图${n}: its caption with it`).toContain(`图${n}示意图${n}`);
      // The page before is full: less than two lines' height left blank below its last line.
      const onPage = words.filter((box) => box.page === page - 1);
      const lineTops = [...new Set(onPage.map((box) => Math.round(box.yMin)))].sort((a, b) => a - b);
      const pitch = lineTops.at(-1)! - lineTops.at(-2)!;
      const blank = typeAreaFoot - Math.max(...onPage.map((box) => box.yMax));
      expect(blank, `图${n}: blank height at the foot of the page before, in pt (a line is ${pitch} pt)`).toBeLessThan(2 * pitch);
    });
    expect(pages[placed[0]!.page - 1], 'the text after 图1 moved up to the page before it').toContain('图后段落0的文字');
    // Nothing lost or repeated (a page break may cut one repeat of a phrase), the text before a figure still before it.
    const all = pages.join('');
    const count = (phrase: string) => all.split(phrase).length - 1;
    for (const { n, before, after } of figures) {
      for (const [list, repeats] of [[before, 40], [after, 12]] as const) {
        for (const paragraph of list) {
          const phrase = paragraph.slice(0, paragraph.indexOf('，'));
          expect(count(phrase), phrase).toBeGreaterThanOrEqual(repeats - 1);
          expect(count(phrase), phrase).toBeLessThanOrEqual(repeats);
        }
      }
      expect(all.lastIndexOf(before.at(-1)!.slice(0, 8)), `图${n}: the text before it still before it`).toBeLessThan(all.indexOf(`图${n}示意图${n}`));
    }
  });

  it('leaves screenshots of the pages an editor checks', () => {
    const manuscript = built.get('manuscript')!;
    const openings = openingPages(manuscript);
    const withNotes = manuscript.texts.findIndex((text) => /[①②③]/.test(text));
    const shots: Array<[string, number]> = [
      ['title-page', 1],
      ['copyright-page', 2],
      ['contents', 3],
      ['chapter-opening', openings[0]! + 1],
      ['page-with-notes', withNotes + 1],
      ['running-heads-verso', openings[0]! + 2],
      ['running-heads-recto', openings[0]! + 3],
    ];
    for (const [shot, page] of shots) screenshot(manuscript.path, page, join(OUT, `manuscript-${shot}`));
    screenshot(built.get('book29')!.path, 3, join(OUT, 'book29-contents'));
    for (const [shot] of shots) expect(existsSync(join(OUT, `manuscript-${shot}.png`))).toBe(true);
  });
});
