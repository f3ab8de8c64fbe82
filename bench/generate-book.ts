/**
 * The benchmark book: a manuscript at the size of the real book, built from a real manuscript folder.
 *
 * Every chapter of the plan (29 in the real book.yaml) gets the text of a written report: its front
 * matter (title and authors from the plan), abstract, body, bios and footnotes. A body shorter than a
 * real report (the mini test book) is repeated until it is about one report long, the repeats without
 * headings, run-in numbers and note references, so the book keeps ~3 notes a chapter. `## 一、` sections are numbered
 * on across repeats, as `folio check` requires. `scale` then repeats each chapter's body N
 * times with its footnotes, their ids suffixed per copy (ids are per file, so they stay unique).
 *
 * `benchmarkBookFiles` is pure (source text in, files out); `generateBenchmarkBook` reads and writes.
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseDocument, stringify } from 'yaml';

/** The real book: 29 reports, ~270,000 characters, ~87 footnotes. */
export const REAL_BOOK = { chapters: 29, characters: 270_000, footnotes: 87 } as const;

export interface BenchmarkBookOptions {
  /** Each chapter's body repeated this many times (1 = the size of the real book). */
  scale?: number;
  /** How many chapters (default: the real book's 29). */
  chapters?: number;
  /** A report's length in characters; shorter bodies are repeated up to about this length. */
  charactersPerChapter?: number;
}

export interface SourceManuscript {
  /** book.yaml as written. */
  bookYaml: string;
  /** The written chapters, in plan order: path relative to the manuscript folder and Markdown. */
  chapters: Array<{ path: string; markdown: string }>;
}

export interface BenchmarkBook {
  /** Path relative to the manuscript folder -> content. */
  files: Map<string, string>;
  chapters: number;
  /** Characters of the chapter files, front matter excluded. */
  characters: number;
  footnotes: number;
}

interface ChapterParts {
  frontMatter: Record<string, unknown>;
  abstract: string;
  body: string;
  bios: string;
  /** Footnote definitions, each `[^id]: text` with its continuation lines. */
  notes: Array<{ id: string; text: string }>;
}

interface PlanEntry {
  file?: string;
  title?: string;
  subtitle?: string;
  authors?: string[];
  short_title?: string;
}

export function benchmarkBookFiles(source: SourceManuscript, options: BenchmarkBookOptions = {}): BenchmarkBook {
  const scale = options.scale ?? 1;
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`scale must be a whole number ≥ 1, not ${scale}`);
  const chapterCount = options.chapters ?? REAL_BOOK.chapters;
  const perChapter = options.charactersPerChapter ?? Math.round(REAL_BOOK.characters / REAL_BOOK.chapters);
  const written = source.chapters.map((chapter) => splitChapter(chapter.markdown));
  if (written.length === 0) throw new Error('the manuscript has no written chapter to build the benchmark book from');

  const doc = parseDocument(source.bookYaml);
  const plan = (doc.toJS() as { chapters?: PlanEntry[] }).chapters ?? [];
  const files = new Map<string, string>();
  const planOut: Array<{ file: string }> = [];
  let characters = 0;
  let footnotes = 0;
  for (let index = 0; index < chapterCount; index++) {
    const parts = written[index % written.length]!;
    const entry = plan.length > 0 ? plan[index % plan.length]! : {};
    const round = Math.floor(index / Math.max(plan.length, 1));
    const file = `chapters/${String(index + 1).padStart(2, '0')}-bench.md`;
    const chapter = benchmarkChapter(parts, entry, round, perChapter, scale);
    files.set(file, chapter.markdown);
    planOut.push({ file });
    characters += chapter.characters;
    footnotes += chapter.footnotes;
  }
  doc.set('chapters', doc.createNode(planOut));
  files.set('book.yaml', String(doc));
  return { files, chapters: chapterCount, characters, footnotes };
}

function benchmarkChapter(parts: ChapterParts, entry: PlanEntry, round: number, perChapter: number, scale: number) {
  const baseTitle = entry.title ?? String(parts.frontMatter.title ?? '报告');
  const frontMatter: Record<string, unknown> = {
    ...parts.frontMatter,
    // a plan shorter than the book (the mini book) is cycled: later rounds get distinct titles
    title: round === 0 ? baseTitle : `${baseTitle}（${round + 1}）`,
  };
  if (entry.subtitle) frontMatter.subtitle = entry.subtitle;
  if (entry.authors) frontMatter.authors = entry.authors;
  if (entry.short_title) frontMatter.short_title = entry.short_title;

  const padding = withoutNumbering(withoutNoteReferences(parts.body));
  const paddingCopies = Math.max(0, Math.round((perChapter - parts.body.length) / Math.max(padding.length, 1)));
  const report = [parts.body, ...Array.from({ length: paddingCopies }, () => padding)].join('\n\n');
  const bodies: string[] = [];
  const notes: string[] = [];
  for (let copy = 1; copy <= scale; copy++) {
    const suffix = copy === 1 ? '' : `-s${copy}`;
    bodies.push(suffix ? renameNoteReferences(report, suffix) : report);
    for (const note of parts.notes) notes.push(`[^${note.id}${suffix}]:${note.text}`);
  }
  const sections = [
    `---\n${stringify(frontMatter).trimEnd()}\n---`,
    parts.abstract,
    renumberSections(bodies.join('\n\n')),
    parts.bios,
    notes.join('\n\n'),
  ].filter((part) => part.trim() !== '');
  const markdown = `${sections.join('\n\n')}\n`;
  const characters = markdown.length - sections[0]!.length;
  return { markdown, characters, footnotes: notes.length };
}

/**
 * Numbers the `## 一、` sections of the repeated body on from each other (一 … 四, 五 … 八, …): a chapter
 * whose numbering restarts has errors, and folio builds no edition from a manuscript with errors.
 */
function renumberSections(markdown: string): string {
  let section = 0;
  return markdown.replace(/^## [一二三四五六七八九十]{1,3}、/gm, () => `## ${hanzi(++section)}、`);
}

/** 1 -> 一, 10 -> 十, 21 -> 二十一, 105 -> 一百零五. */
function hanzi(n: number): string {
  const digits = '〇一二三四五六七八九';
  if (n < 10) return digits[n]!;
  if (n < 100) return `${n < 20 ? '' : digits[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : digits[n % 10]}`;
  const rest = n % 100;
  const tail = rest === 0 ? '' : rest < 10 ? `零${digits[rest]}` : rest < 20 ? `一${hanzi(rest)}` : hanzi(rest);
  return `${hanzi(Math.floor(n / 100))}百${tail}`;
}

const NOTE_REFERENCE = /\[\^([^\]\s]+)\](?!:)/g;

function withoutNoteReferences(markdown: string): string {
  return markdown.replace(NOTE_REFERENCE, '');
}

/**
 * Padding is more text in the last section: repeated headings would number a tiny body into the
 * hundreds, and repeated run-in items （1） would restart inside one section (both errors for check).
 */
function withoutNumbering(markdown: string): string {
  return markdown.replace(/^#{1,6} .*\n*/gm, '').replace(/^（(\d{1,2}|[一二三四五六七八九十]{1,3})）/gm, '');
}

function renameNoteReferences(markdown: string, suffix: string): string {
  return markdown.replace(NOTE_REFERENCE, (_, id: string) => `[^${id}${suffix}]`);
}

/** Splits a chapter into front matter, `:::abstract`, body, `:::bios` and footnote definitions (line-based). */
function splitChapter(markdown: string): ChapterParts {
  const text = markdown.replace(/\r\n?/g, '\n');
  const front = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const frontMatter = front ? ((parseDocument(front[1]!).toJS() as Record<string, unknown> | null) ?? {}) : {};
  const lines = text.slice(front ? front[0].length : 0).split('\n');
  const body: string[] = [];
  const blocks: Record<string, string[]> = { abstract: [], bios: [] };
  const notes: Array<{ id: string; lines: string[] }> = [];
  let directive: string[] | undefined;
  let note: { id: string; lines: string[] } | undefined;
  for (const line of lines) {
    if (directive) {
      directive.push(line);
      if (/^:::\s*$/.test(line)) directive = undefined;
      continue;
    }
    const opening = /^:::\s*(abstract|bios)\b/.exec(line);
    if (opening) {
      directive = blocks[opening[1]!]!;
      directive.push(line);
      note = undefined;
      continue;
    }
    const definition = /^\[\^([^\]\s]+)\]:(.*)$/.exec(line);
    if (definition) {
      note = { id: definition[1]!, lines: [definition[2]!] };
      notes.push(note);
      continue;
    }
    // a definition continues over indented lines (and blank lines between them)
    if (note && (line.trim() === '' || /^( {4}|\t)/.test(line))) {
      note.lines.push(line);
      continue;
    }
    note = undefined;
    body.push(line);
  }
  return {
    frontMatter,
    abstract: blocks.abstract!.join('\n').trim(),
    body: body.join('\n').trim(),
    bios: blocks.bios!.join('\n').trim(),
    notes: notes.map((n) => ({ id: n.id, text: n.lines.join('\n').trimEnd() })),
  };
}

/** Reads a manuscript folder: book.yaml and the written chapters of its plan. */
export async function readManuscript(manuscriptDir: string): Promise<SourceManuscript> {
  const bookYaml = await readFile(join(manuscriptDir, 'book.yaml'), 'utf8');
  const plan = (parseDocument(bookYaml).toJS() as { chapters?: PlanEntry[] }).chapters ?? [];
  const chapters: SourceManuscript['chapters'] = [];
  for (const entry of plan) {
    if (!entry.file) continue;
    try {
      chapters.push({ path: entry.file, markdown: await readFile(join(manuscriptDir, entry.file), 'utf8') });
    } catch {
      // a planned chapter whose file is not written yet
    }
  }
  return { bookYaml, chapters };
}

/**
 * Writes the benchmark book into `outDir` (replaced): the manuscript's other files (images, …) are
 * copied, its Markdown replaced by the generated chapters.
 */
export async function generateBenchmarkBook(
  manuscriptDir: string,
  outDir: string,
  options: BenchmarkBookOptions = {},
): Promise<Omit<BenchmarkBook, 'files'> & { dir: string }> {
  const source = resolve(manuscriptDir);
  const target = resolve(outDir);
  const book = benchmarkBookFiles(await readManuscript(source), options);
  await rm(target, { recursive: true, force: true });
  await cp(source, target, { recursive: true, filter: (path) => !path.endsWith('.md') && !path.endsWith('book.yaml') });
  for (const [path, content] of book.files) {
    await mkdir(dirname(join(target, path)), { recursive: true });
    await writeFile(join(target, path), content);
  }
  return { dir: target, chapters: book.chapters, characters: book.characters, footnotes: book.footnotes };
}
