/**
 * A print window: a browser tab that paginates print documents with Paged.js and prints them, one after
 * another in the same shell page (fonts decoded once stay warm). A hidden tab, never painted: in a
 * visible window every page Paged.js added was painted and composited, ~1.3 CPU-seconds for the
 * benchmark book (paginate.js steps Paged.js on messages, as a hidden tab gets no animation frames).
 */
import type { Page } from 'puppeteer';
import { pathToFileURL } from 'node:url';
import type { FolioBrowser } from '../browser.ts';

export interface PaginateOptions {
  css: string;
  bookTitle: string;
  noteNumbering: 'per-page-circled' | 'per-chapter-arabic';
}

/** A document to paginate: its HTML fragment, what its pages print beside it, and a key for both. */
export interface PrintDocument {
  key: string;
  html: string;
  /** Running heads, the book title, note markers and contents numbers: loaded in every font the text uses. */
  pageText: string;
}

export interface Pagination {
  pages: number;
  /** 0-based page (within this document) of each element id: chapter sections, titles, headings. */
  anchors: Record<string, number>;
  /** How far down its page each of those elements begins, in CSS pixels from the page's top edge. */
  anchorTops: Record<string, number>;
  /** 0-based pages left blank (before a chapter that opens on a recto): no folio. */
  blankPages: number[];
  /** Notes whose text does not begin on the page of their call. */
  movedNotes: string[];
  /** The number printed at each note's (first) call, by note id: its link's description. */
  noteCalls: Record<string, string>;
  /** The blank boxes where the folio of each page reference's target goes. */
  pageReferences: PageReferencePlace[];
  fontsMs: number;
  layoutMs: number;
}

/** A page reference's number box: on which page (0-based, within its document), where (CSS px) and in which font. */
export interface PageReferencePlace {
  /** The id of the element whose page it gives. */
  target: string;
  page: number;
  left: number;
  top: number;
  width: number;
  height: number;
  /** CSS `font` shorthand, the line height that of the box. */
  font: string;
}

/** What paginate.js returns: the same, its moved notes under the name it gives them. */
type BrowserPagination = Omit<Pagination, 'movedNotes'> & { overflowingNotes: string[] };

declare global {
  interface Window {
    folioPaginate(options: unknown): Promise<BrowserPagination>;
    folioFillContents(pages: Record<string, number>): void;
  }
}

export interface PrintNumbers {
  /** The front matter's contents: the folio each chapter starts on, by chapter id. */
  contentsPages?: Record<string, number>;
}

export class PrintWindow {
  /** The shell page loaded now (its path): a new shell means new @font-face rules. */
  private shell?: string;
  /** The key of the document paginated in it now, if any. */
  holding?: string;

  private constructor(private readonly page: Page) {}

  static async open(browser: FolioBrowser, buildDir: string): Promise<PrintWindow> {
    const page = await browser.newPage([buildDir], { hidden: true });
    page.setDefaultTimeout(0);
    return new PrintWindow(page);
  }

  /** Paginates a document (an HTML fragment) in the shell at `shellPath`, loading the shell first if it changed. */
  async paginate(shellPath: string, document: PrintDocument, options: PaginateOptions): Promise<Pagination> {
    this.holding = undefined;
    if (this.shell !== shellPath) {
      await this.page.goto(pathToFileURL(shellPath).href, { waitUntil: 'load' });
      this.shell = shellPath;
    }
    const result = await this.page.evaluate(
      (args) => window.folioPaginate(args),
      {
        html: document.html,
        css: options.css,
        stylesheetName: 'print.css',
        pageText: document.pageText,
        bookTitle: options.bookTitle,
        noteNumbering: options.noteNumbering,
      },
    );
    this.holding = document.key;
    const { overflowingNotes, ...pagination } = result;
    return { ...pagination, movedNotes: overflowingNotes };
  }

  /**
   * Prints the paginated document, with the contents' page numbers filled in when given. Tagged: the
   * join builds the book's structure tree from these (structure.ts). Tagging makes printing ~50% slower
   * (the benchmark book's 11 documents: ~4.1 s of printing untagged, ~6.3 s tagged).
   */
  async print(numbers: PrintNumbers = {}): Promise<Uint8Array> {
    if (numbers.contentsPages) await this.page.evaluate((pages) => window.folioFillContents(pages), numbers.contentsPages);
    return this.page.pdf({ preferCSSPageSize: true, printBackground: true, outline: false, tagged: true, timeout: 0 });
  }

  async close(): Promise<void> {
    await this.page.close().catch(() => undefined);
  }
}
