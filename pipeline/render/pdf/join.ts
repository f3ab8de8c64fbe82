/**
 * Joins the printed documents into one PDF in memory (pdf-lib), with the blank pages that make each
 * document start on a right-hand page, and lays the folio sheet over it page by page. qpdf did the same
 * as a process in ~0.8 s for the 296-page benchmark book (files written, read, written again, then
 * parsed again to finish); pdf-lib takes ~0.2 s, and the finish works on the same document.
 *
 * The joined book is tagged: each document's structure tree is carried over (structure.ts). The
 * documents come with their artifacts marked (artifacts.ts); the folios laid over are marked here.
 * Their links (note calls) are pointed at the joined pages (links.ts).
 */
import { beginMarkedContent, endMarkedContent, ParseSpeeds, PDFDocument } from 'pdf-lib';
import { resolveLinks } from './links.ts';
import { StructureBuilder } from './structure.ts';

/** pdf-lib yields to the event loop every 100 objects by default; a build has nothing to run meanwhile. */
export const loadPdf = (bytes: Uint8Array) => PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });

export interface JoinOptions {
  /** Whether a blank page follows each document. */
  blankAfter: boolean[];
  blankSize: [number, number];
  /** A PDF whose page N is laid over page N of the book (the folios). */
  overlay: Uint8Array;
  /** The language of the structure tree's Document element. */
  language: string;
  /** A link's description, from the name of the place it goes to (a note's id). */
  describeLink: (name: string) => string | undefined;
}

export async function joinPdfs(documents: PDFDocument[], options: JoinOptions): Promise<PDFDocument> {
  const joined = await PDFDocument.create({ updateMetadata: false });
  const structure = new StructureBuilder(joined);
  for (const [index, source] of documents.entries()) {
    const copies = await joined.copyPages(source, source.getPageIndices());
    for (const page of copies) joined.addPage(page);
    structure.add(source, copies);
    resolveLinks(joined, source, copies, options.describeLink);
    if (options.blankAfter[index]) joined.addPage(options.blankSize);
  }
  const sheets = await joined.embedPages((await loadPdf(options.overlay)).getPages());
  joined.getPages().forEach((page, index) => {
    const sheet = sheets[index];
    if (!sheet) return;
    page.pushOperators(beginMarkedContent('Artifact'));
    page.drawPage(sheet);
    page.pushOperators(endMarkedContent());
  });
  structure.finish(options.language);
  return joined;
}
