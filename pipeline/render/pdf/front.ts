/**
 * The front matter of the print edition, from the shared builders: title page, copyright page (its
 * verso: CIP block and imprint) and the contents with the page each report starts on, filled in once
 * the text is paginated (print-window.ts). Front matter pages carry no folio; the text starts at 1.
 */
import type { Element } from 'hast';
import { visit } from 'unist-util-visit';
import type { TransformedBook } from '../../book/types.ts';
import { contentsList, copyrightPage, titlePage } from '../front-matter.ts';
import { titleId } from '../../transform/heading-ids.ts';

/** The print contents list reports only (sections would need page numbers of their own). */
const CONTENTS_DEPTH = 1;

/**
 * A page number the contents shows until the text is paginated: at least as wide as any real one (up
 * to three digits), so filling in the real numbers can only give a title more room, never less.
 */
const PLACEHOLDER_PAGE = 888;

/** Front matter whose contents numbers are placeholders, each `.toc-page` marked with its chapter id. */
export function frontMatter(book: TransformedBook): Element[] {
  const pages = new Map(book.chapters.map((chapter) => [chapter.id, PLACEHOLDER_PAGE]));
  const contents = contentsList(book, { depth: CONTENTS_DEPTH, href: (chapter) => `#${titleId(chapter.id)}`, pages });
  let entry = 0;
  visit(contents, 'element', (node) => {
    const classes = String(node.properties.className ?? '');
    // A report's title is in another printed document, and Chromium links only within one: each entry
    // links to itself, a stand-in that the join points at the title's page (links.ts).
    if (classes.includes('toc-title')) node.properties.id = String(node.properties.href).slice(1);
    else delete node.properties.href;
    if (classes.includes('toc-page')) node.properties.dataChapter = book.chapters[entry++]!.id;
  });
  return [titlePage(book.book.meta), copyrightPage(book.book.meta), contents];
}
