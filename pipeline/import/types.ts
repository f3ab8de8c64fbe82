/**
 * The shapes the import steps pass along. A Word export is Markdown-ish text, so the steps work on
 * blank-line-separated blocks that remember their source lines: every note the importer prints can then
 * say where in the export it looked.
 */

/** What the import did or could not decide: `changed` is informative, `review` asks for an editor's eye. */
export interface Note {
  level: 'changed' | 'review' | 'error';
  /** 1-based line in the export. */
  line?: number;
  message: string;
}

/** Where a stretch of a block's text came from: text from `at` on started on source line `line`. */
export interface Origin {
  at: number;
  line: number;
}

export interface Block {
  kind: 'heading' | 'paragraph' | 'list' | 'break';
  /** First source line. */
  line: number;
  /** Markdown source of the block (for a heading: the text after the `#`s). */
  text: string;
  /** Heading depth as written (`#` count). */
  depth?: number;
  origins: Origin[];
}

/** A note lifted out of the text, waiting for its reference. */
export interface LiftedNote {
  /** The circled number it carried in the export (①), for the summary. */
  mark: string;
  text: string;
  line: number;
  /** Source line of the paragraph the note block interrupted (its fallback anchor). */
  dumpedInto?: number;
}

export interface Footnote {
  label: number;
  text: string;
}

export interface ChapterMeta {
  title: string;
  subtitle?: string;
  authors: string[];
  keywords: string[];
  abstract?: string;
  bios: string[];
}

/** A planned entry of the table of contents. */
export interface PlanEntry {
  title: string;
  subtitle?: string;
  authors: string[];
  line: number;
}

export interface StepResult<T> {
  value: T;
  notes: Note[];
}

/** The source line of the character at `offset` of a block's text. */
export function lineAt(block: Block, offset: number): number {
  let line = block.line;
  for (const origin of block.origins) if (origin.at <= offset) line = origin.line;
  return line;
}

/** Whether a character is Chinese text (hanzi or full-width punctuation), for joins that need no space. */
export function isCjk(char: string | undefined): boolean {
  return char !== undefined && /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019·]/u.test(char);
}

/** Joins two pieces cut apart by a line or page break: no space between Chinese text, one otherwise. */
export function joinCut(before: string, after: string): string {
  const a = before.replace(/\s+$/, '');
  const b = after.replace(/^\s+/, '');
  return isCjk(a.at(-1)) || isCjk(b[0]) ? a + b : `${a} ${b}`;
}
