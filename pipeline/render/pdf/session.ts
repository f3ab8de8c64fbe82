/**
 * A print session: a warm browser and the paginated documents of the last render, so that re-building
 * after an edit re-paginates only the part holding the changed chapter (the bench's one-chapter edit
 * uses this; `edition.render` opens a session for one render and closes it).
 *
 *   chapters -> parts (groups of chapters) -> paginate and print (tagged) each part in a pool of windows,
 *   one per core, then the front matter in the first window free; each printed part parsed and its
 *   artifacts marked -> page layout from the measured counts -> contents' numbers filled in, folio sheet
 *   printed -> join with the parts' structure trees + folio overlay (pdf-lib) -> boxes, metadata,
 *   bookmarks, fixed dates (pdf-lib)
 */
import { createHash } from 'node:crypto';
import { link, mkdir, mkdtemp, readFile, rm, stat, unlink, writeFile, copyFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { Element } from 'hast';
import { visit } from 'unist-util-visit';
import type { PDFDocument } from 'pdf-lib';
import type { TransformedBook, TransformedChapter } from '../../book/types.ts';
import { launchBrowser, type FolioBrowser } from '../browser.ts';
import { LABELS } from '../labels.ts';
import { crossLinkName, printChapter, printedAddress } from './chapter.ts';
import { titleId } from '../../transform/heading-ids.ts';
import { contentHtml, SCRIPTS, shellHtml } from './document.ts';
import { markArtifacts } from './artifacts.ts';
import { finishPdf } from './finish.ts';
import { fontFaceCss } from './fonts.ts';
import { frontMatter } from './front.ts';
import { typeArea } from '../../config/page.ts';
import { pageCss, pageGeometry, type PageGeometry } from './geometry.ts';
import { printFolioSheet, type PlacedNumber } from './folios.ts';
import { joinPdfs } from './join.ts';
import type { LinkTargets, Place } from './links.ts';
import type { OutlineItem } from './outline.ts';
import { folioOf, groupChapters, layoutBook, type BookLayout, type PartPlan } from './parts.ts';
import { PrintWindow, type Pagination, type PrintDocument, type PrintNumbers } from './print-window.ts';
import { TEMPLATES } from '../../paths.ts';
import { addCharacters } from '../../transform/characters.ts';

const require = createRequire(import.meta.url);
// The package exports only its modules; the browser build sits beside them ("browser": ./dist/paged.js).
const PAGED_JS = join(dirname(require.resolve('pagedjs')), '../dist/paged.js');

/** Chromium's page for the CSS size (523.92 × 737.04 pt for 185 × 260 mm); the join's blank pages match it. */
const CHROMIUM_PAGE_SLACK = 0.5;

export interface RenderOptions {
  sourceDate: Date;
  printMarks: boolean;
  progress: (line: string) => void;
}

export interface RenderResult {
  pdf: Uint8Array;
  /** Physical pages (front matter, blanks and text). */
  pages: number;
  /** Printed folio of each chapter's first page, by chapter id. */
  chapterPages: Record<string, number>;
  /** Parts re-paginated by this render (all of them on a cold render). */
  paginatedParts: number;
  parts: number;
  movedNotes: string[];
  /** Chapters whose running head is wider than the type area (printed cut short with …): they need a short_title. */
  longHeads: string[];
}

type PaginateOptions = { css: string; bookTitle: string; noteNumbering: 'per-page-circled' | 'per-chapter-arabic' };

/** A part of the text, paginated and printed: its window went back to the pool. */
interface PrintedPart {
  key: string;
  pagination: Pagination;
  /** Parsed once, artifacts marked: every later join copies its pages from it. */
  pdf: PDFDocument;
}

/** The front matter keeps its window: the contents' numbers are filled in after the text is paginated. */
interface FrontDocument {
  key: string;
  pagination: Pagination;
  printed?: { key: string; pdf: PDFDocument };
}

export class PrintSession {
  private readonly parts = new Map<string, PrintedPart>();
  private front?: FrontDocument;
  private readonly placedFonts = new Map<string, Promise<string>>();
  /** Images placed in the build folder: href -> the signature of the file placed. */
  private readonly placedImages = new Map<string, string>();
  private revision = 0;
  private shellPage?: { key: string; path: string };
  private folios?: { key: string; pdf: Uint8Array };
  /** Windows that paginate the parts, one per core, reused: fonts decoded once stay warm in them. */
  private readonly idleWindows: PrintWindow[] = [];
  private openWindows = 0;
  private readonly waitingForWindow: Array<(window: PrintWindow) => void> = [];

  private constructor(
    private readonly browser: FolioBrowser,
    private readonly ownsBrowser: boolean,
    private readonly buildDir: string,
    private readonly cores: number,
    private readonly plan: PartPlan,
  ) {}

  /**
   * Opens a session on `browser` (or a browser of its own, closed with the session). `plan`: 'once' for
   * a single render (one part per core), 'for-edits' for a session that renders again after edits
   * (small parts, so an edit re-paginates little): parts.ts.
   */
  static async start(browser?: FolioBrowser, { plan = 'once', cores = availableParallelism() }: { plan?: PartPlan; cores?: number } = {}): Promise<PrintSession> {
    const buildDir = await mkdtemp(join(tmpdir(), 'folio-pdf-'));
    await Promise.all([
      linkOrCopy(PAGED_JS, join(buildDir, SCRIPTS[0])),
      linkOrCopy(join(TEMPLATES, 'print/paginate.js'), join(buildDir, SCRIPTS[1])),
    ]);
    const owned = !browser;
    return new PrintSession(browser ?? (await launchBrowser()), owned, buildDir, Math.max(1, cores), plan);
  }

  async render(book: TransformedBook, options: RenderOptions): Promise<RenderResult> {
    if (book.chapters.length === 0) throw new Error('the book has no written chapter to print');
    const started = Date.now();
    const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
    const meta = book.book.meta;
    const geometry = pageGeometry(meta);
    const css = await printCss(pageCss(geometry));
    const noteNumbering = meta.footnotes?.print_numbering ?? 'per-page-circled';
    const paginateOptions = { css, bookTitle: meta.title, noteNumbering } as const;
    const groups = groupChapters(book.chapters, this.cores, this.plan);
    const shell = await this.shell(book, paginateOptions);
    const images = await this.placeImages(book);

    // 1. Paginate and print each part whose HTML changed, in the pool's windows (one per core); then the
    // front matter, in the first window free (its own window would load every font once more).
    let pagesSoFar = 0;
    let chaptersDone = 0;
    let paginatedParts = 0;
    const preparedParts = groups.map((chapters) =>
      this.prepared(chapters.map(printChapter), paginateOptions, chapters.flatMap((chapter) => [...chapter.assets.keys()].map((href) => images.get(href)))),
    );
    const preparedFront = this.prepared(frontMatter(book), paginateOptions);
    const partsPrinted = Promise.all(
      groups.map(async (chapters, index) => {
        const name = `part-${index + 1}`;
        const prepared = preparedParts[index]!;
        let part = this.parts.get(name);
        if (part?.key !== prepared.key) {
          const printed = await this.withWindow(async (window) => {
            const pagination = await window.paginate(shell, prepared, paginateOptions);
            return { pagination, pdf: await window.print() };
          });
          part = { key: prepared.key, pagination: printed.pagination, pdf: await markArtifacts(printed.pdf) };
          this.parts.set(name, part);
          paginatedParts++;
          pagesSoFar += part.pagination.pages;
          chaptersDone += chapters.length;
          const layout = (part.pagination.layoutMs / 1000).toFixed(1);
          options.progress(`pdf: paginated ${chapters[0]!.id}–${chapters.at(-1)!.id} in ${layout} s (${chaptersDone}/${book.chapters.length} chapters, ${pagesSoFar} pages so far, ${elapsed()})`);
        }
        return { chapters, pagination: part.pagination, pdf: part.pdf };
      }),
    );
    partsPrinted.catch(() => undefined); // awaited below, after the front matter: a failure must not go unhandled meanwhile
    const front = await this.paginatedFront(shell, preparedFront, paginateOptions);
    const parts = await partsPrinted;
    for (const name of this.parts.keys()) if (!parts.some((_, index) => name === `part-${index + 1}`)) this.parts.delete(name);

    // 2. Where everything falls: the text starts at folio 1, every part on a right-hand page.
    const layout = layoutBook([front.pagination.pages, ...parts.map((part) => part.pagination.pages)]);
    const places = placesOf(parts, layout.starts);
    const chapterPages: Record<string, number> = {};
    for (const chapter of book.chapters) chapterPages[chapter.id] = folioOf(layout, places.get(titleId(chapter.id))!.page);

    // 3. The front matter with the contents' numbers, and the folio sheet; then join and lay the folios over.
    const [frontPdf, folioSheet] = await Promise.all([
      this.printedFront(front, shell, preparedFront, paginateOptions, { contentsPages: chapterPages }),
      this.folioSheet(foliosOf(layout, parts.map((part) => part.pagination)), geometry, meta.language, pageReferenceNumbers(parts, layout, places)),
    ]);
    options.progress(`pdf: printed ${parts.length} part${parts.length === 1 ? '' : 's'}, the front matter and the folios (${elapsed()})`);
    const blankSize: [number, number] = [geometry.widthPt - CHROMIUM_PAGE_SLACK, geometry.heightPt];
    const joined = await joinPdfs([frontPdf, ...parts.map((part) => part.pdf)], {
      blankAfter: layout.blankAfter,
      blankSize,
      overlay: folioSheet,
      language: meta.language,
      links: linkTargets(parts, places),
    });

    // 4. Boxes, metadata, bookmarks, fixed dates.
    const outline = outlineOf(front.pagination, parts, layout.starts, places);
    const pdf = await finishPdf(joined, {
      meta,
      geometry,
      outline,
      keywords: [...new Set(book.chapters.flatMap((chapter) => chapter.chapter.keywords))],
      sourceDate: options.sourceDate,
      printMarks: options.printMarks,
    });
    const movedNotes = parts.flatMap((part) => part.pagination.movedNotes);
    options.progress(`pdf: ${layout.totalPages} pages joined and finished (${elapsed()})`);
    const measure = typeArea(meta.trim, geometry.margins).width;
    const longHeads = book.chapters.filter((chapter) => headWidth(chapter.chapter.shortTitle ?? chapter.chapter.title) > measure).map((chapter) => chapter.id);
    return { pdf, pages: layout.totalPages, chapterPages, paginatedParts, parts: parts.length, movedNotes, longHeads };
  }

  /**
   * The shell page of the print windows, with @font-face rules for every character the book prints;
   * written again (under a new name: no window may keep a cached one) only when those change.
   */
  private async shell(book: TransformedBook, options: PaginateOptions): Promise<string> {
    const characters = addPageCharacters(new Set(book.characters), options, book.chapters.map((chapter) => chapter.chapter.shortTitle ?? ''));
    const addresses: string[] = [];
    for (const chapter of book.chapters) visit(chapter.body, 'element', (node) => void addresses.push(printedAddress(node) ?? ''));
    addCharacters(characters, `（）${addresses.join('')}`);
    const fontCss = await fontFaceCss(characters, this.buildDir, this.placedFonts);
    const html = shellHtml({ lang: book.book.meta.language, title: book.book.meta.title, fontCss });
    const key = createHash('sha256').update(html).digest('hex');
    if (this.shellPage?.key !== key) {
      const path = join(this.buildDir, `shell-${++this.revision}.html`);
      await writeFile(path, html);
      this.shellPage = { key, path };
    }
    return this.shellPage.path;
  }

  /**
   * The chapters' images, placed in the build folder where the print windows find them (`assets/…`, as
   * the pages name them; the windows load nothing from elsewhere). Returns each one's signature (size
   * and time of its file): a part whose image changed is paginated again though its HTML did not.
   */
  private async placeImages(book: TransformedBook): Promise<Map<string, string>> {
    const signatures = new Map<string, string>();
    for (const [href, path] of book.chapters.flatMap((chapter) => [...chapter.assets])) {
      const file = await stat(path);
      const signature = `${href} ${file.size} ${file.mtimeMs}`;
      if (this.placedImages.get(href) !== signature) {
        const to = join(this.buildDir, href);
        await mkdir(dirname(to), { recursive: true });
        await unlink(to).catch(() => undefined);
        await linkOrCopy(path, to);
        this.placedImages.set(href, signature);
      }
      signatures.set(href, signature);
    }
    return signatures;
  }

  /** A document's HTML, what its pages print beside the text, and its key: pagination is needed only when the key changed. */
  private prepared(content: Element[], options: PaginateOptions, images: Array<string | undefined> = []): PrintDocument {
    const runningHeads = content.flatMap((node) => (typeof node.properties.dataRunningHead === 'string' ? [node.properties.dataRunningHead] : []));
    const pageText = [...addPageCharacters(new Set(), options, runningHeads)].join('');
    const html = contentHtml(content);
    const key = createHash('sha256').update(html).update(options.css).update(options.bookTitle).update(options.noteNumbering).update(images.join('\n')).digest('hex');
    return { key, html, pageText };
  }

  private async paginatedFront(shell: string, prepared: PrintDocument, options: PaginateOptions): Promise<FrontDocument> {
    if (this.front?.key === prepared.key) return this.front;
    const pagination = await this.withWindow((window) => window.paginate(shell, prepared, options));
    this.front = { key: prepared.key, pagination };
    return this.front;
  }

  /**
   * The front matter printed with the contents' numbers, printed again only when they changed: in the
   * window that still holds it, or paginated again (the same pages) in whichever window is free.
   */
  private async printedFront(front: FrontDocument, shell: string, prepared: PrintDocument, options: PaginateOptions, numbers: PrintNumbers): Promise<PDFDocument> {
    const key = JSON.stringify(numbers);
    if (front.printed?.key !== key) {
      const printed = await this.withWindow(async (window) => {
        if (window.holding !== prepared.key) await window.paginate(shell, prepared, options);
        return window.print(numbers);
      }, prepared.key);
      const pdf = await markArtifacts(printed);
      front.printed = { key, pdf };
    }
    return front.printed.pdf;
  }

  /** Runs `work` in an idle window of the pool (at most one window per core), preferring one that holds `document`. */
  private async withWindow<T>(work: (window: PrintWindow) => Promise<T>, document?: string): Promise<T> {
    const holding = this.idleWindows.findIndex((window) => window.holding === document);
    let window = document !== undefined && holding >= 0 ? this.idleWindows.splice(holding, 1)[0] : this.idleWindows.pop();
    if (!window && this.openWindows < this.cores) {
      this.openWindows++;
      // A window that failed to open leaves its place in the pool: the next caller tries again instead of waiting forever.
      window = await PrintWindow.open(this.browser, this.buildDir).catch((error: unknown) => {
        this.openWindows--;
        throw error;
      });
    }
    window ??= await new Promise<PrintWindow>((resolve) => this.waitingForWindow.push(resolve));
    try {
      return await work(window);
    } finally {
      const next = this.waitingForWindow.shift();
      if (next) next(window);
      else this.idleWindows.push(window);
    }
  }

  /** The folio sheet, printed again only when the book's pages (or where its page references fall) moved. */
  private async folioSheet(folios: Array<number | undefined>, geometry: PageGeometry, lang: string, numbers: PlacedNumber[]): Promise<Uint8Array> {
    const key = JSON.stringify([folios, geometry, lang, numbers]);
    if (this.folios?.key !== key) {
      this.folios = { key, pdf: await printFolioSheet(this.browser, this.buildDir, this.placedFonts, folios, geometry, lang, numbers) };
    }
    return this.folios.pdf;
  }

  async close(): Promise<void> {
    await Promise.all(this.idleWindows.map((window) => window.close()));
    this.idleWindows.length = 0;
    this.openWindows = 0;
    this.parts.clear();
    this.front = undefined;
    if (this.ownsBrowser) await this.browser.close();
    await rm(this.buildDir, { recursive: true, force: true });
  }
}

/** The running head's size (print.css): 9 pt. */
const HEAD_POINTS = 9;

/** A running head's width in points, near enough: hanzi and full-width forms 1 em, anything else about half. */
function headWidth(text: string): number {
  return [...text].reduce((width, character) => width + (/[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(character) ? 1 : 0.55), 0) * HEAD_POINTS;
}

/** Adds what the page prints beside the text: running heads, the book title of the verso, note markers. */
function addPageCharacters(characters: Set<string>, options: PaginateOptions, runningHeads: string[]): Set<string> {
  return addCharacters(characters, `${LABELS.digits}${options.bookTitle}${runningHeads.join('')}`);
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  await link(from, to).catch(() => copyFile(from, to));
}

async function printCss(pageRules: string): Promise<string> {
  const [shared, print] = await Promise.all([
    readFile(join(TEMPLATES, 'shared/book.css'), 'utf8'),
    readFile(join(TEMPLATES, 'print/print.css'), 'utf8'),
  ]);
  return `${shared}\n${pageRules}\n${print}`;
}

/** The folio of every physical page: none in the front matter and on blank pages, the text from 1. */
function foliosOf(layout: BookLayout, parts: Pagination[]): Array<number | undefined> {
  const folios = new Array<number | undefined>(layout.totalPages).fill(undefined);
  parts.forEach((part, index) => {
    const start = layout.starts[index + 1]!;
    const blank = new Set(part.blankPages);
    for (let page = 0; page < part.pages; page++) if (!blank.has(page)) folios[start + page] = folioOf(layout, start + page);
  });
  return folios;
}

type PrintedChapters = Array<{ chapters: TransformedChapter[]; pagination: Pagination }>;

/** Each page reference's number: the folio of the page that prints its target, at the reference's box. */
function pageReferenceNumbers(parts: PrintedChapters, layout: BookLayout, places: Map<string, Place>): PlacedNumber[] {
  return parts.flatMap((part, index) =>
    part.pagination.pageReferences.flatMap(({ target, page, ...box }) => {
      const place = places.get(target);
      return place ? [{ ...box, page: layout.starts[index + 1]! + page, text: String(folioOf(layout, place.page)) }] : [];
    }),
  );
}

/** CSS pixels to PDF points (96 to 72 a inch). */
const PT_PER_PX = 0.75;

/**
 * Where each report's title and each heading is printed (its part's first page if Paged.js lost the
 * anchor), by id: the contents' numbers, the bookmarks and the links go there.
 */
function placesOf(parts: PrintedChapters, starts: number[]): Map<string, Place> {
  const places = new Map<string, Place>();
  parts.forEach((part, index) => {
    const { anchors, anchorTops } = part.pagination;
    for (const chapter of part.chapters) {
      for (const id of [titleId(chapter.id), ...chapter.headings.map((heading) => heading.id)]) {
        const top = anchorTops[id];
        places.set(id, { page: starts[index + 1]! + (anchors[id] ?? 0), top: top === undefined ? undefined : top * PT_PER_PX });
      }
    }
  });
  return places;
}

/**
 * Where the book's links go: the contents' to the reports' titles, the stand-ins of links between
 * reports to their targets, the note calls' to their notes, links to a heading of the same report to it.
 */
function linkTargets(parts: PrintedChapters, places: Map<string, Place>): LinkTargets {
  const descriptions = new Map<string, string>();
  for (const part of parts) {
    for (const chapter of part.chapters) {
      descriptions.set(titleId(chapter.id), chapter.chapter.title);
      for (const heading of chapter.headings) descriptions.set(heading.id, heading.text);
    }
    for (const [note, number] of Object.entries(part.pagination.noteCalls)) descriptions.set(note, `${LABELS.notes}${number}`);
  }
  // The stand-ins: the contents' entries (named by the title's id) and each report's links to another.
  const standIns = new Map<string, Place>();
  for (const chapter of parts.flatMap((part) => part.chapters)) {
    standIns.set(titleId(chapter.id), places.get(titleId(chapter.id))!);
    for (const id of chapter.crossLinks.keys()) {
      const place = places.get(id);
      if (place === undefined) continue;
      standIns.set(crossLinkName(chapter.id, id), place);
      descriptions.set(crossLinkName(chapter.id, id), descriptions.get(id)!);
    }
  }
  return { place: (name) => standIns.get(name), describe: (name) => descriptions.get(name) };
}

/** Bookmarks: 目录, then each report with its 一、 sections and their （一） subsections. */
function outlineOf(front: Pagination, parts: PrintedChapters, starts: number[], places: Map<string, Place>): OutlineItem[] {
  const items: OutlineItem[] = [];
  const contentsPage = front.anchors['toc-heading'];
  if (contentsPage !== undefined) items.push({ title: LABELS.contents, place: { page: starts[0]! + contentsPage }, children: [] });
  for (const chapter of parts.flatMap((part) => part.chapters)) {
    const entry: OutlineItem = { title: chapter.chapter.title, place: places.get(titleId(chapter.id))!, children: [] };
    let section: OutlineItem | undefined;
    for (const heading of chapter.headings) {
      const place = places.get(heading.id)!;
      if (heading.depth === 2) {
        section = { title: heading.text, place, children: [] };
        entry.children.push(section);
      } else if (heading.depth === 3) {
        (section?.children ?? entry.children).push({ title: heading.text, place, children: [] });
      }
    }
    items.push(entry);
  }
  return items;
}
