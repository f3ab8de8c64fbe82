/**
 * The links inside the book: each note call links to its note, each contents entry to its report.
 * Chromium prints a link as a Link annotation whose /Dest names a destination listed in its own
 * document's catalog (/Dests), and only when the target is in that document; the joined book has no
 * such list. So each link gets an explicit destination instead, and the description (/Contents) that
 * PDF/UA asks of every link:
 *   - a name the text places elsewhere in the book (a report's title, for the contents, whose entries
 *     link to themselves as stand-ins: front.ts; another report's title or heading, for a link between
 *     reports, whose stand-in is its first link: chapter.ts) goes to that place on its page;
 *   - any other name (a note, a heading of the same report) goes to its own document's destination, on the copied page.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber, PDFRef, PDFString, type PDFDocument, type PDFObject, type PDFPage } from 'pdf-lib';
import { percentDecoded } from '../../book/link-path.ts';

const ANNOTS = PDFName.of('Annots');
const DEST = PDFName.of('Dest');
const LINK = PDFName.of('Link');

/** A place in the joined book: its 0-based physical page and, where known, how far down (points from the page's top edge). */
export interface Place {
  page: number;
  top?: number;
}

/** A destination at `top` on `page` (its top edge where unknown), the reader's zoom kept. */
export function destinationAt(page: PDFPage, top?: number): PDFObject[] {
  const box = page.getTrimBox();
  const y = top === undefined ? PDFNull : PDFNumber.of(Math.round((box.y + box.height - top) * 100) / 100);
  return [page.ref, PDFName.of('XYZ'), PDFNull, y, PDFNull];
}

export interface LinkTargets {
  /** Where in the joined book the text places `name`, if it does. */
  place(name: string): Place | undefined;
  /** A link's description, from the name it goes to. */
  describe(name: string): string | undefined;
}

/** Points the links of `source`'s pages, copied to `copies` (same order) in `joined`, at their places in the joined book. */
export function resolveLinks(joined: PDFDocument, source: PDFDocument, copies: PDFPage[], targets: LinkTargets): void {
  const pages = new Map<PDFRef, PDFRef>(source.getPages().map((page, index) => [page.ref, copies[index]!.ref]));
  const bookPages = joined.getPages();
  const destinations = source.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const copy of copies) {
    for (const ref of copy.node.lookupMaybe(ANNOTS, PDFArray)?.asArray() ?? []) {
      const annotation = joined.context.lookup(ref);
      if (!(annotation instanceof PDFDict) || annotation.get(PDFName.of('Subtype')) !== LINK) continue;
      const name = nameOf(annotation.get(DEST));
      if (name === undefined) continue;
      // Chromium names a destination by the id percent-encoded (`ch01-%E4%B8%80…`).
      const id = percentDecoded(name);
      const place = targets.place(id);
      const placed = place && bookPages[place.page];
      const destination = placed ? destinationAt(placed, place.top) : ownDestination(destinations, name, pages);
      if (!destination) continue;
      annotation.set(DEST, joined.context.obj(destination));
      const description = targets.describe(id);
      if (description) annotation.set(PDFName.of('Contents'), PDFHexString.fromText(description));
    }
  }
}

/** `name`'s destination in the document that printed it, on the copied page. */
function ownDestination(destinations: PDFDict | undefined, name: string, pages: Map<PDFRef, PDFRef>): PDFObject[] | undefined {
  const target = destinations?.lookup(PDFName.of(name));
  const page = target instanceof PDFArray ? target.get(0) : undefined;
  const copiedPage = page instanceof PDFRef ? pages.get(page) : undefined;
  return target instanceof PDFArray && copiedPage ? [copiedPage, ...target.asArray().slice(1)] : undefined;
}

function nameOf(destination: PDFObject | undefined): string | undefined {
  if (destination instanceof PDFName) return destination.decodeText();
  if (destination instanceof PDFString || destination instanceof PDFHexString) return destination.decodeText();
  return undefined;
}
