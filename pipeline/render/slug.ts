/**
 * The file name every edition gives the book: `folio-<ISBN digits>` (e.g. `folio-9787564381486`), so the
 * PDF, EPUB and HTML of one book share a stable, ASCII-only name that changes only with the ISBN.
 */
import type { BookMeta } from '../book/types.ts';

export function bookSlug(meta: Pick<BookMeta, 'isbn'>): string {
  return `folio-${meta.isbn.replace(/\D/g, '')}`;
}
