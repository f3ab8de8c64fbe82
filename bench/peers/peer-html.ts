/**
 * The one HTML document the PDF peers print: the same text as folio's print edition (taken from
 * folio's shared transforms, so no second Markdown reading), with print.css inlined and the fonts
 * folio uses embedded as data: URLs (only the unicode-range slices the text needs). Inline CSS and
 * data: fonts because Paged.js cannot read a stylesheet, nor Chromium a font, over file:// (origin null).
 * Notes become `<span class="footnote">` at their call, as CSS `float: footnote` expects.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { SKIP, visit } from 'unist-util-visit';
import { loadBook } from '../../pipeline/book/load.ts';
import type { Note, TransformedBook } from '../../pipeline/book/types.ts';
import { FACES, slicesFor } from '../../pipeline/render/fonts.ts';
import { transformBook } from '../../pipeline/transform/index.ts';

const PRINT_CSS = join(dirname(fileURLToPath(import.meta.url)), 'print.css');

export function peerDocument(book: TransformedBook, css: string, fontFaces: string): Root {
  const meta = book.book.meta;
  const chapters = book.chapters.map((chapter) => {
    const notes = new Map(chapter.notes.map((note) => [note.id, note]));
    const body = structuredClone(chapter.body);
    visit(body, 'element', (node, index, parent) => {
      const href = String(node.properties.href ?? '');
      const note = notes.get(href.slice(1));
      if (!isNoteReference(node) || !note || !parent || index === undefined) return;
      parent.children.splice(index, 1, h('span.footnote', inlineContent(note)));
      return [SKIP, index + 1];
    });
    return h('section.chapter', { id: chapter.id }, [
      h('h1', chapter.chapter.title),
      chapter.abstract.length > 0 ? h('div.abstract', chapter.abstract) : h('div'),
      ...(body.children as ElementContent[]),
      chapter.bios.length > 0 ? h('div.bios', chapter.bios) : h('div'),
    ]);
  });
  const toc = h('nav.toc', [
    h('h1', '目录'),
    h('ol', book.chapters.map((chapter) => h('li', h('a', { href: `#${chapter.id}` }, chapter.chapter.title)))),
  ]);
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: meta.language }, [
        h('head', [h('meta', { charset: 'utf-8' }), h('title', meta.title), h('style', `${fontFaces}\n${css}`)]),
        h('body', [h('div.title-page', [h('h1', meta.title), h('p', meta.subtitle ?? '')]), toc, ...chapters]),
      ]),
    ],
  };
}

function isNoteReference(node: Element): boolean {
  const classes = node.properties.className;
  return node.tagName === 'a' && Array.isArray(classes) && classes.includes('noteref');
}

/** A note's paragraphs as inline content: a float: footnote element is one inline box at its call. */
function inlineContent(note: Note): ElementContent[] {
  return note.content.flatMap((node) => (node.type === 'element' && node.tagName === 'p' ? node.children : [node]));
}

function fontFaceRules(characters: Set<string>): string {
  return FACES.flatMap((face) =>
    slicesFor(face, characters).map((slice) => {
      const data = readFileSync(slice.file).toString('base64');
      return `@font-face { font-family: ${face.family}; font-weight: ${face.weight}; src: url(data:font/woff2;base64,${data}) format("woff2"); unicode-range: ${slice.unicodeRange}; }`;
    }),
  ).join('\n');
}

/** Writes `<outDir>/peer.html` for the manuscript and returns its path. */
export async function writePeerHtml(manuscriptDir: string, outDir: string): Promise<string> {
  const { book } = await loadBook(manuscriptDir);
  if (!book) throw new Error(`cannot load the manuscript in ${manuscriptDir}`);
  const transformed = transformBook(book);
  const html = toHtml(peerDocument(transformed, readFileSync(PRINT_CSS, 'utf8'), fontFaceRules(transformed.characters)));
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, 'peer.html');
  await writeFile(path, html);
  return path;
}
