/**
 * Joins the printed documents into one PDF in memory (pdf-lib), with the blank pages that make each
 * document start on a right-hand page, and lays the folio sheet over it page by page. qpdf did the same
 * as a process in ~0.8 s for the 296-page benchmark book (files written, read, written again, then
 * parsed again to finish); pdf-lib takes ~0.2 s, and the finish works on the same document.
 *
 * The joined book is tagged: each document's structure tree is carried over (structure.ts). The
 * documents come with their artifacts marked (artifacts.ts); the folios laid over are marked here.
 * Their links (note calls, contents entries) are pointed at the joined pages (links.ts).
 */
import {
  beginMarkedContent,
  drawObject,
  endMarkedContent,
  ParseSpeeds,
  PDFDocument,
  PDFArray,
  PDFName,
  PDFObjectCopier,
  PDFRawStream,
  popGraphicsState,
  pushGraphicsState,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import { resolveLinks, type LinkTargets } from './links.ts';
import { StructureBuilder } from './structure.ts';

/**
 * Parses a printed PDF, yielding to the event loop every 500 objects (pdf-lib's default, 100, costs a
 * timer each). Node must stay responsive while it parses: every request of the print windows (their
 * fonts) waits for node's answer (browser.ts), and a part parsed and marked in one go held up the
 * front matter's fonts for as long: ~0.5 s instead of ~0.3 s.
 */
export const loadPdf = (bytes: Uint8Array) => PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Medium });

/** Lets node answer what waits on it (a print window's requests) in the middle of long work. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface JoinOptions {
  /** Whether a blank page follows each document. */
  blankAfter: boolean[];
  blankSize: [number, number];
  /** A PDF whose page N is laid over page N of the book (the folios). */
  overlay: Uint8Array;
  /** The language of the structure tree's Document element. */
  language: string;
  /** Where the links go (a report's title, a note) and how they are described. */
  links: LinkTargets;
}

export async function joinPdfs(documents: PDFDocument[], options: JoinOptions): Promise<PDFDocument> {
  const joined = await PDFDocument.create({ updateMetadata: false });
  const structure = new StructureBuilder(joined);
  const copied: Array<[PDFDocument, PDFPage[]]> = [];
  for (const [index, source] of documents.entries()) {
    const copies = await joined.copyPages(source, source.getPageIndices());
    for (const page of copies) joined.addPage(page);
    structure.add(source, copies);
    copied.push([source, copies]);
    if (options.blankAfter[index]) joined.addPage(options.blankSize);
  }
  // Once every page is in: the contents link to pages of later documents.
  for (const [source, copies] of copied) resolveLinks(joined, source, copies, options.links);
  const sheets = await overlayForms(await loadPdf(options.overlay), joined);
  joined.getPages().forEach((page, index) => {
    const sheet = sheets[index];
    if (!sheet) return;
    const name = page.node.newXObject('Folio', sheet);
    page.pushOperators(beginMarkedContent('Artifact'), pushGraphicsState(), drawObject(name), popGraphicsState(), endMarkedContent());
  });
  structure.finish(options.language);
  return joined;
}

/**
 * The overlay's pages as Form XObjects of the joined document, each page's content stream carried over
 * as Chromium compressed it. pdf-lib's embedPages inflates and deflates every one again (in JavaScript)
 * when the book is saved: join and save took ~0.1 s longer for 296 folio pages, in the build's last
 * stretch, where nothing else runs.
 */
async function overlayForms(overlay: PDFDocument, joined: PDFDocument): Promise<PDFRef[]> {
  const pages = overlay.getPages().map((page) => {
    // Not normalizedEntries(): it wraps the page's content in two streams of its own (q … Q).
    const contents = page.node.Contents();
    const stream = contents instanceof PDFArray ? (contents.size() === 1 ? contents.lookup(0) : undefined) : contents;
    return { page, stream: stream instanceof PDFRawStream ? stream : undefined, resources: page.node.Resources() };
  });
  // A sheet not as Chromium writes it (one content stream a page) goes through pdf-lib, whole: one copier
  // for all its pages, so their shared font is copied once.
  if (!pages.every((entry) => entry.stream && entry.resources)) return (await joined.embedPages(overlay.getPages())).map((embedded) => embedded.ref);
  const copier = PDFObjectCopier.for(overlay.context, joined.context);
  return pages.map(({ page, stream, resources }) => {
    const { x, y, width, height } = page.getMediaBox();
    const dict = joined.context.obj({
      Type: 'XObject',
      Subtype: 'Form',
      FormType: 1,
      BBox: [x, y, x + width, y + height],
      Matrix: [1, 0, 0, 1, -x, -y],
      Resources: copier.copy(resources!),
    });
    for (const key of ['Filter', 'DecodeParms'].map((entry) => PDFName.of(entry))) {
      const value = stream!.dict.get(key);
      if (value) dict.set(key, copier.copy(value));
    }
    return joined.context.register(PDFRawStream.of(dict, stream!.contents));
  });
}
