/**
 * Marks what Chromium paints outside its tags as artifacts. A tagged PDF must say of everything on a
 * page whether it is content (in the structure tree) or an artifact (running heads, rules, the page
 * background), or a screen reader reads the running head on every page and checkers (PDF/UA, Ace-like
 * tools) fail the file. Chromium tags what is in the accessibility tree and leaves the rest unmarked:
 * the margin boxes' generated running heads, the note area's rule, the page's white background.
 *
 * Works on Skia's content streams as Chromium writes them: one line per text operation or path step,
 * `BDC`/`BMC`/`EMC` on lines of their own. Unmarked painting lines (text showing, filled or stroked
 * paths, XObjects, shadings) are wrapped in `/Artifact BMC … EMC`, a path with its construction lines;
 * everything else passes through unchanged.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFName, PDFRawStream, PDFRef, type PDFDocument, type PDFPage } from 'pdf-lib';
import { loadPdf, yieldToEventLoop } from './join.ts';

/** Pages marked between two turns of the event loop (~2 ms each): see loadPdf. */
const PAGES_PER_TURN = 5;

const PATH_CONSTRUCTION = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're']);
const PATH_PAINTING = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);
const OTHER_PAINTING = /(?:^|[\s>)\]])(?:Tj|TJ|'|"|Do|sh)$/;

/** The operator that ends a line: its last token, which Skia writes right after a dictionary (`>>BDC`). */
function lastOperator(line: string): string {
  return /[A-Za-z'"*]+$/.exec(line)?.[0] ?? '';
}

/** A line that opens (`…BDC`, `…BMC`) or closes (`EMC`) marked content. */
const MARKED_CONTENT = /^(?:.*(BDC|BMC)|[ \t]*EMC)[ \t]*$/gm;

/**
 * Only the stretches outside marked content are read line by line: most of a page is tagged text,
 * copied through as it is (a page of CJK text is ~1,500 lines, one glyph run each).
 */
export function markUnmarkedAsArtifacts(content: string): string {
  let out = '';
  let depth = 0;
  let from = 0;
  for (const match of content.matchAll(MARKED_CONTENT)) {
    const between = content.slice(from, match.index);
    out += (depth === 0 ? markStretch(between) : between) + match[0];
    depth = match[1] ? depth + 1 : Math.max(0, depth - 1);
    from = match.index + match[0].length;
  }
  const rest = content.slice(from);
  return out + (depth === 0 ? markStretch(rest) : rest);
}

/** Wraps the painting lines of a stretch outside marked content in `/Artifact BMC … EMC`. */
function markStretch(stretch: string): string {
  const out: string[] = [];
  let path: string[] = [];
  for (const line of stretch.split('\n')) {
    const trimmed = line.trim();
    const operator = lastOperator(trimmed);
    if (PATH_CONSTRUCTION.has(operator)) {
      path.push(line);
    } else if (path.length > 0 || PATH_CONSTRUCTION.has(trimmed.split(' ').at(-2) ?? '')) {
      // The path ends here: painted (an artifact) or only a clip or `n` (nothing to see).
      if (PATH_PAINTING.has(operator)) out.push('/Artifact BMC', ...path, line, 'EMC');
      else out.push(...path, line);
      path = [];
    } else if (OTHER_PAINTING.test(trimmed)) {
      out.push('/Artifact BMC', line, 'EMC');
    } else {
      out.push(line);
    }
  }
  out.push(...path);
  return out.join('\n');
}

/**
 * A document printed by Chromium, parsed, with its unmarked painting marked as artifacts. Done per
 * printed part, outside its window: the other windows paginate meanwhile, and a one-chapter edit marks
 * (and parses) one part.
 */
export async function markArtifacts(pdf: Uint8Array): Promise<PDFDocument> {
  const document = await loadPdf(pdf);
  for (const [index, page] of document.getPages().entries()) {
    markPageArtifacts(page);
    if (index % PAGES_PER_TURN === PAGES_PER_TURN - 1) await yieldToEventLoop();
  }
  return document;
}

/** Rewrites the content streams of a page printed by Chromium with its unmarked painting as artifacts. */
function markPageArtifacts(page: PDFPage): void {
  const context = page.doc.context;
  const contents = page.node.get(PDFName.of('Contents'));
  for (const ref of contents instanceof PDFArray ? contents.asArray() : [contents]) {
    const stream = ref instanceof PDFRef ? context.lookup(ref) : undefined;
    if (!(ref instanceof PDFRef) || !(stream instanceof PDFRawStream)) continue;
    // Node's zlib: pdf-lib's JavaScript inflate and deflate took twice as long.
    const flate = stream.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode');
    const decoded = flate ? inflateSync(stream.contents) : decodePDFRawStream(stream).decode();
    // latin1 maps every byte to one character and back: binary operands survive the round trip.
    const marked = markUnmarkedAsArtifacts(Buffer.from(decoded).toString('latin1'));
    context.assign(ref, context.stream(deflateSync(Buffer.from(marked, 'latin1')), { Filter: 'FlateDecode' }));
  }
}
