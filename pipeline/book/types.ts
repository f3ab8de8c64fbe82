/**
 * The Book model: the one shape every stage of folio reads.
 *
 *   Book     = metadata from book.yaml + chapters in the order of its plan
 *   Chapter  = one report; `file` is a VFile holding its Markdown (absent while only planned),
 *              `tree` its mdast once parsed; metadata comes from its front matter
 *   Diagnostic = one message of `folio check` / `folio build` (file, position, rule, severity)
 *   Edition  = an output format ('html' | 'epub' | 'pdf') and the renderer that writes it
 *
 * Loading (`load.ts`) produces a Book and messages on VFiles, never throws for bad input.
 * Transforms (`pipeline/transform`) turn a Book into a `TransformedBook` (shared by all editions).
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import type { VFile } from 'vfile';
import type { BookMeta, ChapterFrontMatter } from '../config/schema.ts';
import type { FolioBrowser } from '../render/browser.ts';

export type { BookMeta, ChapterFrontMatter };

export interface Chapter {
  /** Stable id used for file names and anchors across editions: `ch01`, `ch02`, … (plan position). */
  id: string;
  /** 1-based position in the plan. */
  number: number;
  /** Written chapters have a file and a tree; planned chapters only their plan. */
  status: 'written' | 'planned';
  title: string;
  subtitle?: string;
  shortTitle?: string;
  authors: string[];
  keywords: string[];
  /** Path relative to the manuscript folder, as written in book.yaml. */
  path?: string;
  file?: VFile;
  tree?: MdastRoot;
}

export interface Book {
  /** Absolute path of the manuscript folder. */
  root: string;
  meta: BookMeta;
  /** book.yaml itself, so messages about metadata have a file and line. */
  metaFile: VFile;
  chapters: Chapter[];
}

export type Severity = 'error' | 'warning' | 'info';

/** One message as folio reports it (the JSON shape of `folio check --format json`). */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  ruleId: string;
  message: string;
  fixable: boolean;
}

export const EDITIONS = ['html', 'epub', 'pdf'] as const;
export type EditionName = (typeof EDITIONS)[number];

/** Per-file data that rides on a chapter's VFile (typed, no casts). */
declare module 'vfile' {
  interface DataMap {
    /** The chapter's front matter after validation. */
    frontMatter: ChapterFrontMatter;
    /** The chapter this file belongs to. */
    chapterId: string;
  }
}

/* ---------- The transformed book: what every edition renders (no edition parses Markdown again) ---------- */


/** A heading of a chapter body, for contents lists, navigation and bookmarks. */
export interface Heading {
  /** Unique across the book, stable while the heading text is unchanged: `ch01-一净化县域政治生态的重大意义`. */
  id: string;
  /** 2 = 一、 level, 3 = （一）, 4 = 1., 5 = （1）. */
  depth: number;
  text: string;
}

/** A footnote, numbered per chapter; its reference in `body` is `<a class="noteref" href="#{id}" id="{refId}">`. */
export interface Note {
  id: string;
  refId: string;
  /** 1-based, per chapter, in order of first reference. */
  number: number;
  /** The note's content (paragraphs). */
  content: ElementContent[];
}

export interface TransformedChapter {
  chapter: Chapter;
  /** Same as chapter.id; every id inside the chapter starts with it. */
  id: string;
  headings: Heading[];
  /** Images the body uses: `src` as written in the tree (`assets/…`) -> absolute file path. Each edition copies them. */
  assets: Map<string, string>;
  /** 【摘要】 paragraphs (from `:::abstract`), empty when absent. */
  abstract: ElementContent[];
  /** 作者简介 paragraphs (from `:::bios`), empty when absent. */
  bios: ElementContent[];
  /** The chapter's text as hast: headings carry ids, note references are `a.noteref`, no notes section. */
  body: HastRoot;
  notes: Note[];
  /** Ids in other chapters that this one links to (`ch02-title`) -> the id of the chapter each is in: each edition points such a link at the file that holds it. */
  crossLinks: Map<string, string>;
}

export interface TransformedBook {
  book: Book;
  /** Written chapters only, in plan order. */
  chapters: TransformedChapter[];
  /** Every character the editions print from the manuscript (text + metadata), for font subsetting. */
  characters: Set<string>;
}

export type { Element as HastElement };

/** What a renderer needs from the build around it. */
export interface EditionContext {
  /** Absolute output folder (`dist/`). */
  outDir: string;
  /** Fixed timestamp of reproducible builds: SOURCE_DATE_EPOCH, else book.yaml `date`. */
  sourceDate: Date;
  /** Progress lines for the terminal. */
  progress: (line: string) => void;
  /** Options from the command line. */
  printMarks: boolean;
  /** The build's one Chromium, launched on first use and closed by the build (never by an edition). */
  browser: () => Promise<FolioBrowser>;
  /** Aborted when the build stops an edition (timeout, Ctrl-C): pass it to writeAtomic/replaceDirectory. */
  signal: AbortSignal;
}

/** One output format. Renderers write only below `outDir` and return the paths they wrote. */
export interface Edition {
  name: EditionName;
  render(book: TransformedBook, context: EditionContext): Promise<string[]>;
}
