/**
 * The links inside the book: each note call links to its note. Chromium prints such a link as a Link
 * annotation whose /Dest names a destination listed in its own document's catalog (/Dests); the joined
 * book has no such list, so each link gets the explicit destination instead (the copied page, the
 * same place on it), and the description (/Contents) that PDF/UA asks of every link.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFDocument, type PDFObject, type PDFPage } from 'pdf-lib';

const ANNOTS = PDFName.of('Annots');
const DEST = PDFName.of('Dest');
const LINK = PDFName.of('Link');

/**
 * Points the links of `source`'s pages, copied to `copies` (same order) in `joined`, at the copied
 * pages. `describe` gives a link's description from the name of its destination.
 */
export function resolveLinks(joined: PDFDocument, source: PDFDocument, copies: PDFPage[], describe: (name: string) => string | undefined): void {
  const pages = new Map<PDFRef, PDFRef>(source.getPages().map((page, index) => [page.ref, copies[index]!.ref]));
  const destinations = source.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const copy of copies) {
    for (const ref of copy.node.lookupMaybe(ANNOTS, PDFArray)?.asArray() ?? []) {
      const annotation = joined.context.lookup(ref);
      if (!(annotation instanceof PDFDict) || annotation.get(PDFName.of('Subtype')) !== LINK) continue;
      const name = nameOf(annotation.get(DEST));
      if (name === undefined) continue;
      const target = destinations?.lookup(PDFName.of(name));
      const page = target instanceof PDFArray ? target.get(0) : undefined;
      const copiedPage = page instanceof PDFRef ? pages.get(page) : undefined;
      if (!(target instanceof PDFArray) || !copiedPage) continue;
      annotation.set(DEST, joined.context.obj([copiedPage, ...target.asArray().slice(1)]));
      const description = describe(name);
      if (description) annotation.set(PDFName.of('Contents'), PDFHexString.fromText(description));
    }
  }
}

function nameOf(destination: PDFObject | undefined): string | undefined {
  if (destination instanceof PDFName) return destination.decodeText();
  if (destination instanceof PDFString || destination instanceof PDFHexString) return destination.decodeText();
  return undefined;
}
