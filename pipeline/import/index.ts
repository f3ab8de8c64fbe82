/**
 * `folio import`: a Word export (text) -> a manuscript folder (book.yaml + chapters/NN-slug.md).
 * The steps, in order, each a pure function in its own file that returns its result and notes:
 *
 *   blocks -> sections -> front matter | contents plan | per report: chapter metadata -> lift notes ->
 *   join paragraphs -> relevel headings -> anchor notes -> write chapter -> fixMarkdown;  then book.yaml
 *
 * `importIntoBook` runs the same steps per report for `folio import --into`, placing each report in an
 * existing book's plan instead of the export's contents, and edits that book's book.yaml (add-to-plan.ts).
 *
 * No file system here: `command.ts` reads the export and writes what this returns.
 */
import { VFile } from 'vfile';
import { likeness } from '../book/likeness.ts';
import type { Book } from '../book/types.ts';
import type { ChapterPlan } from '../config/schema.ts';
import { fixMarkdown } from '../check/fix.ts';
import { anchorNotes } from './anchor-notes.ts';
import { toBlocks } from './blocks.ts';
import { writeBookYaml } from './book-yaml.ts';
import { readChapterMeta } from './chapter-meta.ts';
import { parseContents } from './contents.ts';
import { readFrontMatter } from './front-matter.ts';
import { relevelHeadings } from './headings.ts';
import { joinParagraphs } from './join-paragraphs.ts';
import { liftNotes } from './lift-notes.ts';
import { splitSections } from './sections.ts';
import { slugOf } from './slug.ts';
import { planWithFiles } from './add-to-plan.ts';
import type { Block, ChapterMeta, Note, PlanEntry, StepResult } from './types.ts';
import { writeChapter } from './write-chapter.ts';

export const BOOK_YAML = 'book.yaml';

export interface ImportedFile {
  /** Relative to the manuscript folder. */
  path: string;
  text: string;
}

export interface ImportResult {
  files: ImportedFile[];
  notes: Note[];
}

export async function importExport(text: string): Promise<ImportResult> {
  const notes: Note[] = [];
  const take = taker(notes);
  const sections = take(splitSections(toBlocks(text)));
  const front = take(readFrontMatter(sections.pages));
  const entries = take(parseContents(sections.contents));
  const plan: ChapterPlan[] = entries.map(({ title, subtitle, authors }) => ({ title, subtitle, authors }));
  const files: ImportedFile[] = [];
  for (const report of sections.reports) {
    const { meta, markdown, index } = take(readReport(report, entries, 'the contents list'));
    const path = chapterPath(index < 0 ? plan.length : index, meta.title);
    if (index < 0) plan.push({ file: path });
    else plan[index] = { file: path };
    files.push(take(await chapterFile(path, markdown, report[0]!.line)));
  }
  files.push({ path: BOOK_YAML, text: take(writeBookYaml(front, plan)) });
  return { files, notes };
}

/** A chapter of an existing book, as `folio import --into` places reports among them. */
export interface PlannedChapter {
  title: string;
  subtitle?: string;
  authors: string[];
  /** The chapter's file, relative to the manuscript folder, once it is written. */
  path?: string;
}

/** A loaded book's plan as `importIntoBook` reads it. */
export function plannedChapters(book: Book): PlannedChapter[] {
  return book.chapters.map(({ title, subtitle, authors, status, path }) => ({ title, subtitle, authors, path: status === 'written' ? path : undefined }));
}

/** The existing book that `folio import --into` adds to. */
export interface ExistingBook {
  /** book.yaml's text. */
  bookYaml: string;
  /** Its plan, in order. */
  chapters: PlannedChapter[];
  /** Files already in the manuscript folder (relative paths): an import never writes over one it does not replace. */
  files: Set<string>;
}

/**
 * `folio import --into`: the export's reports as chapters of an existing book, each written to the
 * place its title has in the book's plan (a report not in the plan is added at its end), and book.yaml
 * with those entries pointing at their files, every other line kept as it was. A report whose chapter
 * is written already is refused unless `replace`; the export's own title page and contents list are
 * not imported (book.yaml keeps its own).
 */
export async function importIntoBook(text: string, { bookYaml, chapters, files: existing }: ExistingBook, replace: boolean): Promise<ImportResult> {
  const notes: Note[] = [];
  const take = taker(notes);
  const sections = take(splitSections(toBlocks(text)));
  const skipped = [...sections.pages.flat(), ...sections.contents][0];
  if (skipped) {
    notes.push({ level: 'changed', line: skipped.line, message: "The export's title page, CIP block and contents list were not imported: book.yaml keeps its own" });
  }
  const entries: PlanEntry[] = chapters.map(({ title, subtitle, authors }) => ({ title, subtitle, authors, line: 0 }));
  const files: ImportedFile[] = [];
  const placed: Array<{ index: number; path: string }> = [];
  for (const report of sections.reports) {
    const line = report[0]!.line;
    const { meta, markdown, index } = take(readReport(report, entries, 'the plan of book.yaml'));
    const written = chapters[index]?.path;
    if (placed.some((other) => other.index === index && index >= 0)) {
      notes.push({ level: 'error', line, message: `Report 《${meta.title}》 appears twice in the export: only the first was imported` });
      continue;
    }
    if (written && !replace) {
      notes.push({ level: 'error', line, message: `Report 《${meta.title}》 is written already (${written}): not imported; pass --force to replace that file` });
      continue;
    }
    const path = written ?? chapterPath(index < 0 ? chapters.length + placed.filter((p) => p.index < 0).length : index, meta.title);
    if (!written && existing.has(path)) {
      notes.push({ level: 'error', line, message: `Report 《${meta.title}》 would be written to ${path}, which exists and is not in the plan: not imported; rename or remove that file` });
      continue;
    }
    placed.push({ index, path });
    files.push(take(await chapterFile(path, markdown, line)));
  }
  // A replaced chapter keeps its file and its entry.
  files.push({ path: BOOK_YAML, text: planWithFiles(bookYaml, placed.filter(({ index }) => !chapters[index]?.path)) });
  return { files, notes };
}

/** Collects each step's notes and hands on its value. */
function taker(notes: Note[]) {
  return <T>(result: StepResult<T>): T => {
    notes.push(...result.notes);
    return result.value;
  };
}

/** One report of the export -> its chapter Markdown, and its index in the plan `entries` (-1: not in it). */
function readReport(report: Block[], entries: PlanEntry[], planName: string): StepResult<{ meta: ChapterMeta; markdown: string; index: number }> {
  const notes: Note[] = [];
  const take = taker(notes);
  const { meta, body } = take(readChapterMeta(report));
  const lifted = take(liftNotes(body));
  const joined = take(joinParagraphs(lifted.body));
  const levelled = take(relevelHeadings(joined));
  const anchored = take(anchorNotes(levelled, lifted.notes));
  const index = take(placeInPlan(meta, entries, report[0]!.line, planName));
  return { value: { meta, markdown: writeChapter(meta, anchored.body, anchored.footnotes), index }, notes };
}

/** `chapters/NN-slug.md` for the chapter at 0-based `index` of the plan. */
function chapterPath(index: number, title: string): string {
  return `chapters/${String(index + 1).padStart(2, '0')}-${slugOf(title)}.md`;
}

/** The chapter file: the report's Markdown after the shared safe fixes, exactly as `folio check --fix` would. */
async function chapterFile(path: string, markdown: string, line: number): Promise<StepResult<ImportedFile>> {
  const fixed = await fixMarkdown(new VFile({ path, value: markdown }));
  const before = markdown.split('\n');
  const touched = fixed.split('\n').filter((text, i) => text !== before[i]).length;
  const notes: Note[] = [];
  if (touched > 0) notes.push({ level: 'changed', message: `Safe fixes (as \`folio check --fix\`) changed ${touched} lines of ${path}` });
  notes.push({ level: 'changed', line, message: `Report written to ${path}` });
  return { value: { path, text: fixed }, notes };
}

/** Titles as the plan is matched on: compatibility forms folded (（ and (, ２ and 2), no spaces. */
const bare = (title: string) => title.normalize('NFKC').replace(/\s/g, '');

/**
 * Far above any two different reports of the plan (the real book's most alike titles share 0.5, by
 * `likeness`), and below a title with a wrong character or two (a typo in an 11-character title: 0.91).
 */
const ALIKE = 0.7;

/**
 * The plan entry of a written report: the one with its title; else the one whose title is alike (a
 * typo in the contents or the export), with a note; else none. Its authors are checked against the report's.
 */
function placeInPlan(meta: ChapterMeta, entries: PlanEntry[], line: number, planName: string): StepResult<number> {
  const notes: Note[] = [];
  let index = entries.findIndex((entry) => bare(entry.title) === bare(meta.title));
  if (index < 0) {
    const alike = entries.map((entry, at) => ({ at, score: likeness(bare(entry.title), bare(meta.title)) })).sort((a, b) => b.score - a.score)[0];
    if (alike && alike.score >= ALIKE) {
      index = alike.at;
      notes.push({
        level: 'review',
        line,
        message: `Report 《${meta.title}》 placed at entry ${index + 1} of ${planName}, 《${entries[index]!.title}》, whose title is alike but not the same: the report's title is kept, check which is right`,
      });
    } else if (entries.length > 0) {
      notes.push({ level: 'review', line, message: `Report 《${meta.title}》 is not in ${planName}: added at the end of the plan` });
    }
  }
  const entry = entries[index];
  if (entry && entry.authors.join(' ') !== meta.authors.join(' ')) {
    notes.push({ level: 'review', line, message: `Authors differ between ${planName} (${entry.authors.join(' ')}) and the report (${meta.authors.join(' ')}); the report's are kept` });
  }
  return { value: index, notes };
}
