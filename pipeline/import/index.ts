/**
 * `folio import`: a Word export (text) -> a manuscript folder (book.yaml + chapters/NN-slug.md).
 * The steps, in order, each a pure function in its own file that returns its result and notes:
 *
 *   blocks -> sections -> front matter | contents plan | per report: chapter metadata -> lift notes ->
 *   join paragraphs -> relevel headings -> anchor notes -> write chapter -> fixMarkdown;  then book.yaml
 *
 * No file system here: `command.ts` reads the export and writes what this returns.
 */
import { VFile } from 'vfile';
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
import type { ChapterMeta, Note, PlanEntry, StepResult } from './types.ts';
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
  const take = <T>(result: StepResult<T>): T => {
    notes.push(...result.notes);
    return result.value;
  };
  const sections = take(splitSections(toBlocks(text)));
  const front = take(readFrontMatter(sections.pages));
  const entries = take(parseContents(sections.contents));
  const plan: ChapterPlan[] = entries.map(({ title, subtitle, authors }) => ({ title, subtitle, authors }));
  const files: ImportedFile[] = [];
  for (const report of sections.reports) {
    const { meta, body } = take(readChapterMeta(report));
    const lifted = take(liftNotes(body));
    const joined = take(joinParagraphs(lifted.body));
    const levelled = take(relevelHeadings(joined));
    const anchored = take(anchorNotes(levelled, lifted.notes));
    const index = take(placeInPlan(meta, entries, report[0]!.line));
    const path = `chapters/${String((index < 0 ? plan.length : index) + 1).padStart(2, '0')}-${slugOf(meta.title)}.md`;
    if (index < 0) plan.push({ file: path });
    else plan[index] = { file: path };
    const markdown = writeChapter(meta, anchored.body, anchored.footnotes);
    // The shared safe fixes (punctuation, spacing) run last, exactly as `folio check --fix` would.
    const fixed = await fixMarkdown(new VFile({ path, value: markdown }));
    files.push({ path, text: fixed });
    const before = markdown.split('\n');
    const touched = fixed.split('\n').filter((line, i) => line !== before[i]).length;
    if (touched > 0) notes.push({ level: 'changed', message: `Safe fixes (as \`folio check --fix\`) changed ${touched} lines of ${path}` });
    notes.push({ level: 'changed', line: report[0]!.line, message: `Report written to ${path}` });
  }
  files.unshift({ path: BOOK_YAML, text: take(writeBookYaml(front, plan)) });
  return { files, notes };
}

/** The contents entry of a written report (matched by title), checked against the report's own authors. */
function placeInPlan(meta: ChapterMeta, entries: PlanEntry[], line: number): StepResult<number> {
  const bare = (s: string) => s.replace(/\s/g, '');
  const index = entries.findIndex((e) => bare(e.title) === bare(meta.title));
  const notes: Note[] = [];
  if (index < 0 && entries.length > 0) notes.push({ level: 'review', line, message: `Report 《${meta.title}》 is not in the contents list: added at the end of the plan` });
  const entry = entries[index];
  if (entry && entry.authors.join(' ') !== meta.authors.join(' ')) {
    notes.push({ level: 'review', line, message: `Authors differ between the contents (${entry.authors.join(' ')}) and the report (${meta.authors.join(' ')}); the report's are kept` });
  }
  return { value: index, notes };
}
