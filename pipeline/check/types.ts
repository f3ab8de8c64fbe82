/**
 * What a check rule is: a unified plugin over one chapter's mdast plus the metadata that documents it
 * (docs/rules.md, SARIF rule descriptors) and sets its default severity.
 */
import type { Root } from 'mdast';
import type { Plugin } from 'unified';
import type { Book, Chapter, Severity } from '../book/types.ts';
import type { VFile } from 'vfile';

/** A text edit on a file's source, by UTF-16 offsets: `source.slice(start, end)` becomes `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

declare module 'vfile-message' {
  interface VFileMessage {
    /** Set by a rule that knows a safe fix; the edits of one message are applied together or not at all. */
    fixable?: boolean;
    edits?: Edit[];
  }
}

/** What every chapter rule may know beyond its tree. */
export interface RuleContext {
  /** Manuscript folder (or the file's folder for a loose file): resources must stay inside it. */
  root: string;
  spacing: 'none' | 'space';
  /** A file without front matter (a raw Word export or a stray Markdown file): no chapter-metadata rules. */
  loose: boolean;
  /** The book's chapters, where a link may lead (none for files checked outside a book). */
  chapters?: readonly Chapter[];
}

export interface RuleDocs {
  /** Markdown snippets this rule reports. */
  flags: string[];
  /** Markdown snippets it accepts. */
  accepts: string[];
}

interface RuleMetaBase {
  id: string;
  /** One line, for `--format sarif` and docs/rules.md. */
  description: string;
  severity: Severity;
  fixable: boolean;
  docs: RuleDocs;
}

export interface ChapterRule extends RuleMetaBase {
  kind: 'chapter';
  plugin: Plugin<[RuleContext], Root>;
}

/** A rule over book.yaml (not over a chapter tree): reports on `book.metaFile`. */
export interface BookRule extends RuleMetaBase {
  kind: 'book';
  check: (book: Book, file: VFile) => void;
}

export type Rule = ChapterRule | BookRule;
