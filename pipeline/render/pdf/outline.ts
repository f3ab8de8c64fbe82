/**
 * The PDF bookmarks, written with pdf-lib from the measured page of each chapter and section. Chromium's
 * own outline (built from every h1–h6) is lost when the documents are joined, and would carry headings
 * that are not sections of the book; this one lists exactly what `OutlineItem`s say.
 */
import { PDFDict, PDFHexString, PDFName, PDFNumber, type PDFDocument, type PDFRef } from 'pdf-lib';
import { destinationAt, type Place } from './links.ts';

export interface OutlineItem {
  title: string;
  place: Place;
  children: OutlineItem[];
}

export function writeOutline(pdf: PDFDocument, items: OutlineItem[]): void {
  if (items.length === 0) return;
  const context = pdf.context;
  const pages = pdf.getPages();
  const rootRef = context.nextRef();

  /** Writes `list` under `parentRef`; returns the refs of first/last and how many entries show. */
  const writeLevel = (list: OutlineItem[], parentRef: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = list.map(() => context.nextRef());
    const count = list.length;
    list.forEach((item, index) => {
      const page = pages[Math.min(item.place.page, pages.length - 1)]!;
      const entry = PDFDict.withContext(context);
      entry.set(PDFName.of('Title'), PDFHexString.fromText(item.title));
      entry.set(PDFName.of('Parent'), parentRef);
      entry.set(PDFName.of('Dest'), context.obj(destinationAt(page, item.place.top)));
      if (index > 0) entry.set(PDFName.of('Prev'), refs[index - 1]!);
      if (index < list.length - 1) entry.set(PDFName.of('Next'), refs[index + 1]!);
      if (item.children.length) {
        const children = writeLevel(item.children, refs[index]!);
        entry.set(PDFName.of('First'), children.first);
        entry.set(PDFName.of('Last'), children.last);
        // Closed: a 29-chapter book opens as a list of its reports; a negative count hides the sections.
        entry.set(PDFName.of('Count'), PDFNumber.of(-children.count));
      }
      context.assign(refs[index]!, entry);
    });
    return { first: refs[0]!, last: refs[refs.length - 1]!, count };
  };

  const top = writeLevel(items, rootRef);
  context.assign(rootRef, context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.count }));
  pdf.catalog.set(PDFName.of('Outlines'), rootRef);
  pdf.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
