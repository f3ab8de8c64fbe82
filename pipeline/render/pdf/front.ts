/**
 * The front matter of the print edition, from the shared builders: title page, copyright page (its
 * verso: CIP block and imprint) and the contents with the page each report starts on. Front matter
 * pages carry no folio; the text starts at arabic 1.
 */
import type { Element } from 'hast';
import { visit } from 'unist-util-visit';
import type { TransformedBook } from '../../book/types.ts';
import { contentsList, copyrightPage, titlePage } from '../front-matter.ts';

/** The print contents list reports only (sections would need page numbers of their own). */
const CONTENTS_DEPTH = 1;

export function frontMatter(book: TransformedBook, pages: Map<string, number>): Element[] {
  const contents = contentsList(book, { depth: CONTENTS_DEPTH, href: (chapter) => `#${chapter.id}`, pages });
  // Links would point into other documents of the join, and become file:// URLs of the build folder.
  visit(contents, 'element', (node) => {
    delete node.properties.href;
  });
  return [titlePage(book.book.meta), copyrightPage(book.book.meta), contents];
}
