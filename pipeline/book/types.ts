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
import type { Root as MdastRoot } from 'mdast';
import type { VFile } from 'vfile';
import type { BookMeta, ChapterFrontMatter } from '../config/schema.ts';

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
