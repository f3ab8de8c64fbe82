/**
 * Reads a PDF the way a print shop's preflight would: poppler-utils for page boxes, fonts and the text
 * of each page, pdf-lib for the bookmarks and the catalog. Every test assertion is made on these.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString } from 'pdf-lib';

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

/** The images drawn on each page (pdfimages -list): 0-based page and pixel size. */
export function images(path: string): Array<{ page: number; width: number; height: number }> {
  return run('pdfimages', ['-list', path])
    .split('\n')
    .slice(2)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length > 4 && fields[2] === 'image')
    .map((fields) => ({ page: Number(fields[0]) - 1, width: Number(fields[3]), height: Number(fields[4]) }));
}

export interface WordBox {
  /** 0-based page. */
  page: number;
  text: string;
  xMin: number;
  xMax: number;
  /** Vertical extent in points from the page's top edge. */
  yMin: number;
  yMax: number;
}

/** Every word poppler finds, with its extent in points from the page's left and top edges (pdftotext -bbox). */
export function wordBoxes(path: string): WordBox[] {
  const words: WordBox[] = [];
  let page = -1;
  for (const [, tag, attributes, text] of run('pdftotext', ['-bbox', path, '-']).matchAll(/<(page|word)\b([^>]*)>([^<]*)/g)) {
    if (tag === 'page') page++;
    else {
      const at = (name: string) => Number(new RegExp(`${name}="([\\d.]+)"`).exec(attributes!)?.[1]);
      words.push({ page, text: text!, xMin: at('xMin'), xMax: at('xMax'), yMin: at('yMin'), yMax: at('yMax') });
    }
  }
  return words;
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
  /** The height it goes to, in points from the page's foot (NaN: the page's top). */
  top: number;
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
        top: dest.get(3) instanceof PDFNumber ? (dest.get(3) as PDFNumber).asNumber() : Number.NaN,
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

export interface StructureElement {
  type: string;
  /** The element's own text (the quoted lines right under it, and under its Link and Span kids), squeezed. */
  text: string;
}

/** Elements inside a line of text: their text is also their parent's (a note call's ① in its paragraph). */
const TEXT_LEVEL = new Set(['Link', 'Span']);

/**
 * The structure tree in reading order as poppler reads it: each element, with its text when asked
 * (pdfinfo -struct-text: ~18 s for the 296-page benchmark book, where -struct takes 0.03 s).
 */
export function structure(path: string, options: { text: boolean }): StructureElement[] {
  const elements: StructureElement[] = [];
  // The open elements, outermost first, with the indentation of their line: poppler indents kids by two.
  const open: Array<{ element: StructureElement; indent: number }> = [];
  for (const line of run('pdfinfo', [options.text ? '-struct-text' : '-struct', path]).split('\n')) {
    if (!line.trim()) continue;
    const indent = line.length - line.trimStart().length;
    while (open.length && open.at(-1)!.indent >= indent) open.pop();
    const text = /^\s*"(.*)"$/.exec(line);
    if (text) {
      for (let at = open.length - 1; at >= 0; at--) {
        open[at]!.element.text += squeeze(text[1]!);
        if (!TEXT_LEVEL.has(open[at]!.element.type)) break;
      }
    } else {
      const element = { type: line.trim().split(' ')[0]!, text: '' };
      elements.push(element);
      open.push({ element, indent });
    }
  }
  return elements;
}

/** The decoded content streams of every page, as latin1 text (operators are ASCII). */
function pageContents(pdf: PDFDocument): string[] {
  return pdf.getPages().map((page) => {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
    return refs
      .map((ref) => pdf.context.lookup(ref as PDFRef))
      .map((stream) => (stream instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1') : ''))
      .join('\n');
  });
}

const PAINTING = new Set(['Tj', 'TJ', "'", '"', 'f', 'F', 'f*', 'S', 's', 'B', 'B*', 'b', 'b*', 'Do', 'sh']);

/**
 * Painting operators outside any marked content, per page (1-based): in a tagged PDF everything drawn
 * is either tagged content or an artifact. Tokenizes the content streams (strings, dictionaries, names,
 * numbers, operators) and counts marked-content depth with BDC/BMC/EMC.
 */
export function unmarkedPainting(pdf: PDFDocument): Array<{ page: number; operators: string[] }> {
  const token = /<<|>>|<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|\/[^\s/<>()[\]{}]*|[-+]?[\d.]+|[A-Za-z'"*]+|\[|\]|\S/g;
  const found: Array<{ page: number; operators: string[] }> = [];
  pageContents(pdf).forEach((content, index) => {
    let depth = 0;
    const operators: string[] = [];
    for (const [word] of content.matchAll(token)) {
      if (word === 'BDC' || word === 'BMC') depth++;
      else if (word === 'EMC') depth--;
      else if (depth === 0 && PAINTING.has(word)) operators.push(word);
    }
    if (operators.length) found.push({ page: index + 1, operators: [...new Set(operators)] });
  });
  return found;
}

/**
 * Where the ParentTree (what a reader uses to go from a page's marked content to its element) and the
 * elements disagree: for each page, every MCID in its content must map, through the page's
 * StructParents entry, to the element that lists that MCID on that page.
 */
export function parentTreeProblems(pdf: PDFDocument): string[] {
  const context = pdf.context;
  const root = pdf.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  const owner = new Map<string, string>(); // "<page ref> <mcid>" -> element ref
  const walk = (ref: PDFRef) => {
    const element = context.lookup(ref, PDFDict);
    const page = element.get(PDFName.of('Pg'));
    const value = element.get(PDFName.of('K'));
    for (const kid of value instanceof PDFArray ? value.asArray() : value ? [value] : []) {
      if (kid instanceof PDFNumber) owner.set(`${page} ${kid.asNumber()}`, ref.toString());
      else if (kid instanceof PDFRef) walk(kid);
      else if (kid instanceof PDFDict && kid.get(PDFName.of('MCID'))) owner.set(`${kid.get(PDFName.of('Pg'))} ${kid.get(PDFName.of('MCID'))}`, ref.toString());
    }
  };
  const annotationOwner = new Map<string, string>(); // annotation ref -> element ref (an OBJR kid)
  const walkObjects = (ref: PDFRef) => {
    const value = context.lookup(ref, PDFDict).get(PDFName.of('K'));
    for (const kid of value instanceof PDFArray ? value.asArray() : value ? [value] : []) {
      if (kid instanceof PDFRef) walkObjects(kid);
      else if (kid instanceof PDFDict && kid.get(PDFName.of('Obj'))) annotationOwner.set(String(kid.get(PDFName.of('Obj'))), ref.toString());
    }
  };
  const top = root.get(PDFName.of('K'));
  for (const ref of top instanceof PDFArray ? top.asArray() : [top]) {
    walk(ref as PDFRef);
    walkObjects(ref as PDFRef);
  }
  const nums = root.lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray).asArray();
  const parents = new Map<number, PDFArray>();
  const annotationParents = new Map<number, string>();
  for (let index = 0; index < nums.length; index += 2) {
    const value = context.lookup(nums[index + 1]!);
    if (value instanceof PDFArray) parents.set((nums[index] as PDFNumber).asNumber(), value);
    else annotationParents.set((nums[index] as PDFNumber).asNumber(), String(nums[index + 1]));
  }
  const problems: string[] = [];
  // An annotation (a link) maps, through its StructParent entry, to the element that lists it (OBJR).
  pdf.getPages().forEach((page, index) => {
    for (const ref of page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? []) {
      const key = context.lookup(ref, PDFDict).get(PDFName.of('StructParent'));
      const listed = key instanceof PDFNumber ? annotationParents.get(key.asNumber()) : undefined;
      const expected = annotationOwner.get(String(ref));
      if (!expected || listed !== expected) problems.push(`page ${index + 1} annotation ${ref}: ParentTree says ${listed}, the tree ${expected}`);
    }
  });
  const contents = pageContents(pdf);
  pdf.getPages().forEach((page, index) => {
    const mcids = [...contents[index]!.matchAll(/\/MCID\s+(\d+)/g)].map((match) => Number(match[1]));
    if (mcids.length === 0) return;
    const key = page.node.get(PDFName.of('StructParents'));
    const array = key instanceof PDFNumber ? parents.get(key.asNumber()) : undefined;
    if (!array) return problems.push(`page ${index + 1}: no ParentTree entry`);
    for (const mcid of mcids) {
      const listed = array.get(mcid)?.toString();
      const expected = owner.get(`${page.ref} ${mcid}`);
      if (!expected || listed !== expected) problems.push(`page ${index + 1} MCID ${mcid}: ParentTree says ${listed}, the tree ${expected}`);
    }
  });
  return problems;
}

export interface Link {
  /** 0-based page of the link and of the place it goes to. */
  page: number;
  targetPage: number;
  /** Top of the link's box and the height it goes to, in points from the page's foot. */
  top: number;
  targetTop: number;
  description: string;
}

/** The link annotations of every page, with their explicit destinations (a named one counts as unresolved: targetPage -1). */
export function links(pdf: PDFDocument): Link[] {
  const pages = pdf.getPages();
  const indexOf = new Map(pages.map((page, index) => [page.ref.toString(), index]));
  return pages.flatMap((page, index) =>
    (page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? []).flatMap((ref) => {
      const annotation = pdf.context.lookup(ref, PDFDict);
      if (annotation.get(PDFName.of('Subtype')) !== PDFName.of('Link')) return [];
      const destination = annotation.get(PDFName.of('Dest'));
      const target = destination instanceof PDFArray ? destination.asArray() : [];
      const contents = annotation.get(PDFName.of('Contents'));
      const rect = annotation.lookup(PDFName.of('Rect'), PDFArray).asArray().map((value) => (value as PDFNumber).asNumber());
      return [{
        page: index,
        targetPage: indexOf.get(String(target[0])) ?? -1,
        top: Math.max(rect[1]!, rect[3]!),
        targetTop: target[3] instanceof PDFNumber ? target[3].asNumber() : Number.NaN,
        description: contents instanceof PDFString || contents instanceof PDFHexString ? contents.decodeText() : '',
      }];
    }),
  );
}
