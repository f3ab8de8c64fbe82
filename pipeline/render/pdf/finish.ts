/**
 * The joined PDF made ready for the printer: exact page boxes (Chromium's page is 523.92 × 737.04 pt
 * for 524.41 × 737.01), the document metadata from book.yaml, the bookmarks, fixed dates (the only
 * bytes that differ between two renders), and with `--print-marks` a 3 mm bleed and crop marks.
 */
import { beginMarkedContent, endMarkedContent, type PDFDocument, rgb } from 'pdf-lib';
import type { BookMeta } from '../../book/types.ts';
import { mmToPoints } from '../../config/page.ts';
import { BLEED_MM, MARKS_MM, type PageGeometry } from './geometry.ts';
import { writeOutline, type OutlineItem } from './outline.ts';

export interface FinishOptions {
  meta: BookMeta;
  geometry: PageGeometry;
  outline: OutlineItem[];
  keywords: string[];
  sourceDate: Date;
  printMarks: boolean;
}

/** Finishes the joined document (join.ts) and saves it. */
export async function finishPdf(pdf: PDFDocument, options: FinishOptions): Promise<Uint8Array> {
  const { widthPt: width, heightPt: height } = options.geometry;
  for (const page of pdf.getPages()) {
    // The slug: room outside the bleed for the crop marks (none without --print-marks).
    const bleed = options.printMarks ? mmToPoints(BLEED_MM) : 0;
    const slug = options.printMarks ? bleed + mmToPoints(MARKS_MM) : 0;
    page.setMediaBox(-slug, -slug, width + 2 * slug, height + 2 * slug);
    page.setCropBox(-slug, -slug, width + 2 * slug, height + 2 * slug);
    page.setBleedBox(-bleed, -bleed, width + 2 * bleed, height + 2 * bleed);
    page.setTrimBox(0, 0, width, height);
    if (options.printMarks) drawCropMarks(page, width, height, bleed, slug);
  }
  const { meta } = options;
  pdf.setTitle(meta.subtitle ? `${meta.title}：${meta.subtitle}` : meta.title, { showInWindowTitleBar: true });
  pdf.setAuthor(meta.editors.join('，'));
  pdf.setSubject(meta.description ?? meta.subtitle ?? meta.title);
  pdf.setKeywords(options.keywords);
  pdf.setLanguage(meta.language);
  pdf.setCreator('folio');
  pdf.setProducer('folio (Chromium, Paged.js, pdf-lib)');
  pdf.setCreationDate(options.sourceDate);
  pdf.setModificationDate(options.sourceDate);
  writeOutline(pdf, options.outline);
  // Without object streams: saving takes half the time for a 10% larger file.
  // In one go: yielding to the event loop every 50 objects (pdf-lib's default) doubled the save time.
  return pdf.save({ useObjectStreams: false, objectsPerTick: Infinity });
}

/** Crop marks at the four corners, in the slug area: they start outside the bleed and never touch it. */
function drawCropMarks(page: ReturnType<PDFDocument['getPages']>[number], width: number, height: number, bleed: number, slug: number) {
  const registration = { thickness: 0.25, color: rgb(0, 0, 0) };
  page.pushOperators(beginMarkedContent('Artifact'));
  for (const x of [0, width]) {
    for (const y of [0, height]) {
      const outX = x === 0 ? -1 : 1;
      const outY = y === 0 ? -1 : 1;
      page.drawLine({ start: { x: x + outX * bleed, y }, end: { x: x + outX * slug, y }, ...registration });
      page.drawLine({ start: { x, y: y + outY * bleed }, end: { x, y: y + outY * slug }, ...registration });
    }
  }
  page.pushOperators(endMarkedContent());
}
