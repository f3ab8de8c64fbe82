/**
 * The HTML edition as a set of files in memory: the contents page (title page + contents), the
 * copyright page, one page per written chapter, the single-page book, the stylesheet, the scripts and
 * the search index, plus the font slices and images to copy. `index.ts` writes them to dist/html;
 * the preview serves them from memory.
 *
 * A chapter's article is serialised once per TransformedChapter (WeakMap cache): when the preview
 * replaces one chapter, only that chapter is rendered again and the pages are re-assembled.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import type { BookMeta, TransformedBook, TransformedChapter } from '../../book/types.ts';
import { contentsList, copyrightPage, titlePage } from '../front-matter.ts';
import { LABELS } from '../labels.ts';
import type { FontSlice } from '../fonts.ts';
import { linkAcrossFiles } from '../cross-links.ts';
import { chapterArticle } from './chapter.ts';
import { page, SEARCH_INDEX_SCRIPT, SEARCH_SCRIPT, STYLESHEET, type PageLink } from './layout.ts';
import { chapterSections, searchIndexScript } from './search-index.ts';
import { fontPath, fontSlices, HTML_TEMPLATES, stylesheet } from './styles.ts';
import { addCharacters } from '../../transform/characters.ts';

export interface Site {
  /** Text files by path relative to the edition's root (`index.html`, `ch01.html`, `folio.css`, …). */
  files: Map<string, string>;
  /** Per page, a short signature that changes whenever the page does (the preview compares these, not whole pages). */
  signatures: Map<string, string>;
  /** Files made only when asked for (the preview's search index: built on the first search, not on every save). */
  onRequest: Map<string, () => string>;
  /** Files copied as they are, by path relative to the root -> absolute source: font slices (`fonts/…`), images (`assets/…`). */
  copies: Map<string, string>;
}

export const CONTENTS_PAGE = 'index.html';
export const COPYRIGHT_PAGE = 'copyright.html';
export const BOOK_PAGE = 'book.html';
export const chapterPage = (chapter: Pick<TransformedChapter, 'id'>) => `${chapter.id}.html`;

/** Contents depth: book.yaml `toc.depth` counts heading levels below the chapter (1 = 一、, h2). */
export function contentsDepth(meta: BookMeta): number {
  return (meta.toc?.depth ?? 1) + 1;
}

const serialise = (tree: Root) => toHtml(tree, { upperDoctype: true });

let renderCount = 0;

interface RenderedArticle {
  /** Unique per rendering: a page's signature names the articles it holds. */
  version: number;
  html: string;
  /** Its printed text, for the font slices. */
  text: string;
}

/** A chapter's article on its own page (level 1) and in the single-page book (level 2), each rendered once. */
const articleCache = new WeakMap<TransformedChapter, Map<1 | 2, RenderedArticle>>();

function article(chapter: TransformedChapter, level: 1 | 2): RenderedArticle {
  let byLevel = articleCache.get(chapter);
  if (!byLevel) articleCache.set(chapter, (byLevel = new Map()));
  let rendered = byLevel.get(level);
  if (!rendered) {
    // On its own page a link to another chapter names that chapter's page; in the single page it need not.
    const tree = level === 1 ? linkAcrossFiles(chapterArticle(chapter, level), chapter, (id) => chapterPage({ id })) : chapterArticle(chapter, level);
    byLevel.set(level, (rendered = { version: ++renderCount, html: toHtml(tree), text: toString(tree) }));
  }
  return rendered;
}

/** A placeholder in a page tree, replaced by a cached serialised article. */
const slot = (key: string): Element => h('folio-slot', { dataKey: key });
const SLOT = /<folio-slot data-key="([^"]+)"><\/folio-slot>/g;

function fill(html: string, slots: Map<string, RenderedArticle>): string {
  return html.replace(SLOT, (_, key: string) => slots.get(key)?.html ?? '');
}

function signature(html: string, slots: Map<string, RenderedArticle>): string {
  return `${html}${[...html.matchAll(SLOT)].map((match) => slots.get(match[1]!)?.version).join(',')}`;
}

export interface SiteOptions {
  /** `on-request`: the search index goes to `onRequest` instead of `files` (the preview). */
  searchIndex?: 'now' | 'on-request';
}

export function renderSite(book: TransformedBook, options: SiteOptions = {}): Site {
  const meta = book.book.meta;
  const bookTitle = meta.title;
  const chapters = book.chapters;
  const files = new Map<string, string>();
  const signatures = new Map<string, string>();
  const slots = new Map<string, RenderedArticle>();
  const characters = new Set(book.characters);

  const order: PageLink[] = [
    { href: CONTENTS_PAGE, title: LABELS.contents },
    { href: COPYRIGHT_PAGE, title: LABELS.copyright },
    ...chapters.map((chapter) => ({ href: chapterPage(chapter), title: chapter.chapter.title })),
  ];
  const around = (index: number) => ({ previous: order[index - 1], next: order[index + 1] });
  const emit = (path: string, tree: Root) => {
    addCharacters(characters, toString(tree));
    const frame = serialise(tree);
    signatures.set(path, signature(frame, slots));
    files.set(path, fill(frame, slots));
  };

  const contents = contentsList(book, { depth: contentsDepth(meta), href: (chapter, id) => (id ? `${chapterPage(chapter)}#${id}` : chapterPage(chapter)) });
  emit(
    CONTENTS_PAGE,
    page({
      title: bookTitle,
      bookTitle,
      bodyClass: 'page-contents',
      contentsLink: false,
      ...around(0),
      main: [
        titlePage(meta),
        h('p.edition-links', [h('a', { href: COPYRIGHT_PAGE }, LABELS.copyright), ' ', h('a', { href: BOOK_PAGE }, LABELS.singlePage)]),
        contents,
      ],
    }),
  );

  emit(
    COPYRIGHT_PAGE,
    page({ title: LABELS.copyright, bookTitle, bodyClass: 'page-copyright', contentsLink: true, ...around(1), main: [h('h1.visually-hidden', LABELS.copyright), copyrightPage(meta)] }),
  );

  chapters.forEach((chapter, index) => {
    const key = `${chapter.id}:1`;
    const rendered = article(chapter, 1);
    slots.set(key, rendered);
    addCharacters(characters, rendered.text);
    emit(chapterPage(chapter), page({ title: chapter.chapter.title, bookTitle, bodyClass: 'page-chapter', contentsLink: true, ...around(index + 2), main: [slot(key)] }));
  });

  const bookContents = contentsList(book, { depth: contentsDepth(meta), href: (chapter, id) => `#${id ?? chapter.id}` });
  for (const chapter of chapters) slots.set(`${chapter.id}:2`, article(chapter, 2));
  emit(
    BOOK_PAGE,
    page({
      title: bookTitle,
      bookTitle,
      bodyClass: 'page-book',
      contentsLink: true,
      main: [titlePage(meta), bookContents, h('div.copyright-wrapper', [h('h2.visually-hidden', LABELS.copyright), copyrightPage(meta)]), ...chapters.map((chapter) => slot(`${chapter.id}:2`))],
    }),
  );

  const onRequest = new Map<string, () => string>();
  const searchIndex = () => searchIndexScript(chapters.flatMap((chapter) => chapterSections(chapter, chapterPage)));
  if (options.searchIndex === 'on-request') onRequest.set(SEARCH_INDEX_SCRIPT, once(searchIndex));
  else files.set(SEARCH_INDEX_SCRIPT, searchIndex());
  files.set(SEARCH_SCRIPT, readFileSync(join(HTML_TEMPLATES, SEARCH_SCRIPT), 'utf8'));

  const slices = cachedSlices(characters);
  files.set(STYLESHEET, stylesheet(slices));
  const images = chapters.flatMap((chapter) => [...chapter.assets]);
  return { files, signatures, onRequest, copies: new Map([...slices.map((slice) => [fontPath(slice), slice.file] as const), ...images]) };
}

/** Reuse the chosen slices while no new character appears (the preview's usual save). */
let lastSlices: { characters: Set<string>; slices: FontSlice[] } | undefined;
function cachedSlices(characters: Set<string>): FontSlice[] {
  if (lastSlices && [...characters].every((character) => lastSlices!.characters.has(character)) && lastSlices.characters.size === characters.size) {
    return lastSlices.slices;
  }
  lastSlices = { characters, slices: fontSlices(characters) };
  return lastSlices.slices;
}

function once(make: () => string): () => string {
  let made: string | undefined;
  return () => (made ??= make());
}
