/**
 * Reads a PDF the way a print shop's preflight would: poppler-utils for page boxes, fonts and the text
 * of each page, pdf-lib for the bookmarks and the catalog. Every test assertion is made on these.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, PDFArray } from 'pdf-lib';

const run = (command: string, args: string[]) => execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/**
 * The text of every page, index 0 = page 1, in physical layout (pdftotext -layout): a contents line
 * keeps its title and page number together, the running head is the first line, the folio the last.
 */
export function pageTexts(path: string): string[] {
  const pages = run('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-']).split('\f');
  pages.pop(); // pdftotext ends every page with a form feed
  return pages;
}

/** Text without any white space: line breaks and the CJK–Latin gaps do not split words in tests. */
export const squeeze = (text: string) => text.replace(/\s+/g, '');

export function lines(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter(Boolean);
}

export interface PageBoxes {
  page: number;
  MediaBox: number[];
  TrimBox: number[];
  BleedBox: number[];
}

export function pageBoxes(path: string, pages: number): PageBoxes[] {
  const output = run('pdfinfo', ['-box', '-f', '1', '-l', String(pages), path]);
  const boxes = new Map<number, PageBoxes>();
  for (const match of output.matchAll(/^Page\s+(\d+)\s+(MediaBox|TrimBox|BleedBox):\s+([-\d.\s]+)$/gm)) {
    const page = Number(match[1]);
    const entry = boxes.get(page) ?? { page, MediaBox: [], TrimBox: [], BleedBox: [] };
    entry[match[2] as 'MediaBox'] = match[3]!.trim().split(/\s+/).map(Number);
    boxes.set(page, entry);
  }
  return [...boxes.values()];
}

export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
}

export function fonts(path: string): FontRow[] {
  const rows = run('pdffonts', [path]).split('\n').slice(2).filter(Boolean);
  // Columns: name, type (may hold spaces), encoding, emb, sub, uni, object, ID.
  return rows.map((row) => {
    const match = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(row);
    if (!match) throw new Error(`unexpected pdffonts row: ${row}`);
    return { name: match[1]!, type: match[2]!, embedded: match[4] === 'yes', subset: match[5] === 'yes' };
  });
}

export function info(path: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of run('pdfinfo', [path]).split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match) fields[match[1]!.trim()] = match[2]!.trim();
  }
  return fields;
}

export interface Bookmark {
  title: string;
  /** 0-based page. */
  page: number;
  children: Bookmark[];
}

export async function readPdf(path: string): Promise<PDFDocument> {
  return PDFDocument.load(readFileSync(path), { updateMetadata: false });
}

export function bookmarks(pdf: PDFDocument): Bookmark[] {
  const pageIndex = new Map(pdf.getPages().map((page, index) => [page.ref.toString(), index]));
  const outlines = pdf.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const walk = (first: PDFRef | undefined): Bookmark[] => {
    const items: Bookmark[] = [];
    let ref = first;
    while (ref) {
      const item = pdf.context.lookup(ref, PDFDict);
      const title = item.lookup(PDFName.of('Title'));
      const dest = item.lookup(PDFName.of('Dest'), PDFArray);
      items.push({
        title: title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : '',
        page: pageIndex.get(dest.get(0).toString()) ?? -1,
        children: walk(item.get(PDFName.of('First')) as PDFRef | undefined),
      });
      ref = item.get(PDFName.of('Next')) as PDFRef | undefined;
    }
    return items;
  };
  return outlines ? walk(outlines.get(PDFName.of('First')) as PDFRef | undefined) : [];
}

/** Renders pages to PNG (pdftoppm -r 60) as `<prefix>-<page>.png`. */
export function screenshot(path: string, page: number, outPrefix: string): void {
  run('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), '-singlefile', path, outPrefix]);
}

/**
 * Gray values (0 black – 255 white) of a `size` × `size` point square of page 1, `x`, `y` points from
 * its top-left media corner, rendered at 288 dpi (a 0.25 pt hairline is a full pixel wide).
 */
export function grayPixels(path: string, x: number, y: number, size: number): number[] {
  const scale = 4; // 288 dpi / 72 points an inch
  const pixels = (points: number) => String(Math.round(points * scale));
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', '288', '-f', '1', '-l', '1', '-x', pixels(x), '-y', pixels(y), '-W', pixels(size), '-H', pixels(size), path]);
  // Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte a pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a PGM');
  return [...pgm.subarray(header[0].length)];
}
