/**
 * The EPUB's navigation, computed once and written twice: the EPUB 3 navigation document (nav.xhtml:
 * contents and landmarks) and the NCX for EPUB 2 reading systems.
 *
 * The shared `contentsList` is not reused here: the EPUB nav content model allows only `a` (or `span`)
 * and an `ol` inside each `li`, while the shared list puts a subtitle and authors paragraph there.
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import type { TransformedBook, TransformedChapter } from '../../book/types.ts';
import { LABELS } from '../labels.ts';

export const FILES = {
  cover: 'cover.xhtml',
  titlePage: 'title.xhtml',
  copyright: 'copyright.xhtml',
  nav: 'nav.xhtml',
  chapter: (chapter: Pick<TransformedChapter, 'id'>) => `${chapter.id}.xhtml`,
} as const;

export interface NavEntry {
  label: string;
  href: string;
  /** For chapters: authors shown beside the title in the contents. */
  authors?: string[];
  subtitle?: string;
  children: NavEntry[];
}

/** Front matter, then each chapter with its sections (一、 and （一） levels by default). */
export function navigationEntries(book: TransformedBook, depth: number): NavEntry[] {
  const front: NavEntry[] = [
    { label: LABELS.cover, href: FILES.cover, children: [] },
    { label: LABELS.titlePage, href: FILES.titlePage, children: [] },
    { label: LABELS.copyright, href: FILES.copyright, children: [] },
    { label: LABELS.contents, href: `${FILES.nav}#toc`, children: [] },
  ];
  const chapters = book.chapters.map((chapter): NavEntry => {
    const file = FILES.chapter(chapter);
    // Nest headings by depth (2 = 一、, 3 = （一）, …) so the contents mirrors the chapter's outline.
    const root: NavEntry = { label: chapter.chapter.title, href: file, authors: chapter.chapter.authors, subtitle: chapter.chapter.subtitle, children: [] };
    const stack: Array<{ depth: number; entry: NavEntry }> = [{ depth: 1, entry: root }];
    for (const heading of chapter.headings.filter((heading) => heading.depth <= depth + 1)) {
      while (stack.length > 1 && stack.at(-1)!.depth >= heading.depth) stack.pop();
      const entry: NavEntry = { label: heading.text, href: `${file}#${heading.id}`, children: [] };
      stack.at(-1)!.entry.children.push(entry);
      stack.push({ depth: heading.depth, entry });
    }
    return root;
  });
  return [...front, ...chapters];
}

/** Spans only where a chapter's title, subtitle and authors need telling apart (epubcheck HTM-022 counts them). */
function listItem(entry: NavEntry): Element {
  const label: Array<Element | string> = [entry.label];
  if (entry.subtitle) label.push(' ', h('span.toc-subtitle', `——${entry.subtitle}`));
  if (entry.authors?.length) label.push(' ', h('span.toc-authors', entry.authors.join(' ')));
  return h('li', [
    h('a', { href: entry.href }, label),
    entry.children.length ? h('ol', entry.children.map(listItem)) : undefined,
  ]);
}

/**
 * The body of nav.xhtml: the contents (every spine document but the contents itself, so reading systems
 * can reach the front matter too) and the hidden landmarks.
 */
export function navigationDocument(entries: NavEntry[], firstChapterHref: string | undefined): Element[] {
  const listed = entries.filter((entry) => !entry.href.startsWith(`${FILES.nav}#`));
  const landmarks = [
    h('li', [h('a', { href: FILES.cover, 'epub:type': 'cover' }, LABELS.cover)]),
    h('li', [h('a', { href: FILES.titlePage, 'epub:type': 'titlepage' }, LABELS.titlePage)]),
    h('li', [h('a', { href: FILES.copyright, 'epub:type': 'copyright-page' }, LABELS.copyright)]),
    h('li', [h('a', { href: `${FILES.nav}#toc`, 'epub:type': 'toc' }, LABELS.contents)]),
    firstChapterHref ? h('li', [h('a', { href: firstChapterHref, 'epub:type': 'bodymatter' }, LABELS.bodymatter)]) : undefined,
  ];
  return [
    h('nav#toc.toc', { 'epub:type': 'toc', role: 'doc-toc', ariaLabelledBy: 'toc-heading' }, [
      h('h1#toc-heading', LABELS.contents),
      h('ol.toc-chapters', listed.map(listItem)),
    ]),
    h('nav.landmarks', { 'epub:type': 'landmarks', ariaLabel: LABELS.landmarks, hidden: true }, [h('ol', landmarks)]),
  ];
}

/** Deepest nesting, for the NCX's dtb:depth. */
export function navigationDepth(entries: NavEntry[]): number {
  return entries.reduce((max, entry) => Math.max(max, 1 + navigationDepth(entry.children)), 0);
}
