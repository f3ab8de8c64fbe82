/**
 * Loads a manuscript folder into a Book: book.yaml validated by the schema, then each chapter of the
 * plan read, parsed once and its front matter validated. Problems become messages on the VFile they
 * concern (book.yaml or the chapter), with line and rule id; loading never throws for bad input.
 */
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Root, Yaml } from 'mdast';
import { VFile } from 'vfile';
import { location } from 'vfile-location';
import { parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { bookSchema, chapterFrontMatter, type BookMeta, type ChapterPlan } from '../config/schema.ts';
import { parseMarkdown } from './parse.ts';
import { readTextFile } from './read-text.ts';
import type { Book, Chapter } from './types.ts';
import { placeOfPath, type Place } from './yaml-place.ts';

export const BOOK_FILE = 'book.yaml';

export interface LoadResult {
  /** Undefined when book.yaml itself cannot be used. */
  book?: Book;
  /** Every file read, each carrying its messages (book.yaml first). */
  files: VFile[];
}

export async function loadBook(manuscriptDir: string, cwd = process.cwd()): Promise<LoadResult> {
  const root = resolve(cwd, manuscriptDir);
  const metaPath = join(root, BOOK_FILE);
  if (!existsSync(metaPath)) {
    const missing = new VFile({ path: metaPath, cwd });
    const reason = `No ${BOOK_FILE} in ${relative(cwd, root) || '.'}: a manuscript folder needs one (see README, "The manuscript format")`;
    missing.message(reason, { ruleId: 'file-missing', source: 'folio' }).fatal = true;
    return { files: [missing] };
  }
  const metaFile = await readTextFile(metaPath, cwd);
  if (metaFile.messages.some((m) => m.fatal)) return { files: [metaFile] };
  const meta = parseBookYaml(metaFile);
  if (!meta) return { files: [metaFile] };

  const chapters: Chapter[] = [];
  const files: VFile[] = [metaFile];
  const seen = new Map<string, number>();
  for (const [index, plan] of meta.chapters.entries()) {
    const number = index + 1;
    const id = `ch${String(number).padStart(2, '0')}`;
    const chapter: Chapter = {
      id,
      number,
      status: 'planned',
      title: plan.title ?? '',
      subtitle: plan.subtitle,
      shortTitle: plan.short_title,
      authors: plan.authors ?? [],
      keywords: [],
      path: plan.file,
    };
    chapters.push(chapter);
    if (!plan.file) {
      planned(metaFile, chapter, 'has no file yet');
      continue;
    }
    const where = metaPlace(metaFile, ['chapters', index, 'file']);
    const previous = seen.get(plan.file);
    if (previous !== undefined) {
      metaFile.message(`Unexpected chapter \`${plan.file}\` listed twice (also chapter ${previous}), expected each file once`, {
        place: where,
        ruleId: 'book-chapter-duplicate',
        source: 'folio',
      }).fatal = true;
      continue;
    }
    seen.set(plan.file, number);
    const path = resolve(root, plan.file);
    if (!isInside(root, path)) {
      metaFile.message(`Unexpected chapter path \`${plan.file}\` outside the manuscript folder, expected a path inside it`, {
        place: where,
        ruleId: 'resource-outside',
        source: 'folio',
      }).fatal = true;
      continue;
    }
    if (!existsSync(path)) {
      planned(metaFile, chapter, `file \`${plan.file}\` does not exist yet`, where);
      continue;
    }
    files.push(await readChapter(chapter, path, plan, cwd));
  }
  reportUnlisted(root, metaFile, new Set(meta.chapters.flatMap((plan) => (plan.file ? [resolve(root, plan.file)] : []))));
  return { book: { root, meta, metaFile, chapters }, files };
}

/** Markdown files in the manuscript folder that the plan does not list would silently miss the book. */
function reportUnlisted(root: string, metaFile: VFile, listed: Set<string>) {
  let names: string[];
  try {
    names = readdirSync(root, { recursive: true, encoding: 'utf8' });
  } catch {
    return;
  }
  for (const name of names.filter((n) => n.endsWith('.md') && !n.split(sep).some((part) => part.startsWith('.') || part === 'node_modules')).sort()) {
    if (listed.has(join(root, name))) continue;
    metaFile.message(`Unexpected chapter file \`${name}\` that \`chapters\` does not list, expected it in the plan (or moved out of the manuscript)`, {
      place: metaPlace(metaFile, ['chapters']),
      ruleId: 'book-chapter-unlisted',
      source: 'folio',
    });
  }
}

/**
 * Reads one chapter file into `chapter`: its VFile, its tree and the metadata of its front matter.
 * Exported for the preview, which re-reads only the chapter that changed.
 */
export async function readChapter(chapter: Chapter, path: string, plan: ChapterPlan, cwd = process.cwd()): Promise<VFile> {
  const file = await readTextFile(path, cwd);
  file.data.chapterId = chapter.id;
  chapter.file = file;
  if (file.messages.some((m) => m.fatal)) return file;
  const tree = parseMarkdown(file);
  const front = readFrontMatter(file, tree);
  chapter.status = 'written';
  chapter.tree = tree;
  if (front) {
    chapter.title = front.title;
    chapter.subtitle = front.subtitle;
    chapter.shortTitle = front.short_title ?? plan.short_title;
    chapter.authors = front.authors;
    chapter.keywords = front.keywords;
  }
  if (!tree.children.some((node) => node.type !== 'yaml')) {
    file.message('Unexpected empty chapter, expected its text', {
      place: { line: 1, column: 1 },
      ruleId: 'chapter-empty',
      source: 'folio',
    });
  }
  return file;
}

function planned(metaFile: VFile, chapter: Chapter, why: string, place?: Place) {
  // info, not a warning: a chapter still to be written is part of the plan, not a defect
  metaFile.info(`Planned chapter ${chapter.number} 《${chapter.title}》 ${why}`, {
    place: place ?? metaPlace(metaFile, ['chapters', chapter.number - 1]),
    ruleId: 'book-chapter-planned',
    source: 'folio',
  });
}

const yamlDocs = new WeakMap<VFile, Document>();

function metaPlace(file: VFile, path: PropertyKey[]): Place | undefined {
  const doc = yamlDocs.get(file);
  if (!doc) return undefined;
  const where = location(file);
  return placeOfPath(doc, path, (offset) => where.toPoint(offset));
}

/** Parses and validates book.yaml; messages land on `file`. */
export function parseBookYaml(file: VFile): BookMeta | undefined {
  const doc = parseDocument(String(file.value), { uniqueKeys: true, prettyErrors: false, logLevel: 'error' });
  yamlDocs.set(file, doc);
  if (reportYamlErrors(file, doc, 0)) return undefined;
  const value = valueOf(file, doc, { line: 1, column: 1 });
  if (!value) return undefined;
  const result = bookSchema.safeParse(value.js);
  if (result.success) return result.data;
  const where = location(file);
  reportSchemaIssues(file, result.error.issues, (path) => placeOfPath(doc, path, (o) => where.toPoint(o)), bookSchema, 'book-schema');
  return undefined;
}

/** Validates a chapter's YAML front matter; messages point into the chapter file. */
function readFrontMatter(file: VFile, tree: Root): z.infer<typeof chapterFrontMatter> | undefined {
  const yaml = tree.children.find((node): node is Yaml => node.type === 'yaml');
  if (!yaml) {
    const unclosed = /^---[ \t]*\r?\n/.test(String(file.value));
    const reason = unclosed
      ? 'Unexpected unclosed front matter: the `---` on line 1 has no closing `---`, expected one after the last field'
      : 'Unexpected chapter without front matter, expected `---` with at least `title:`';
    file.message(reason, {
      place: { line: 1, column: 1 },
      ruleId: 'chapter-front-matter',
      source: 'folio',
    }).fatal = true;
    return undefined;
  }
  const doc = parseDocument(yaml.value, { uniqueKeys: true, prettyErrors: false, logLevel: 'error' });
  const startOffset = (yaml.position?.start.offset ?? 0) + 4; // after "---\n"
  const where = location(file);
  const toPlace = (offset: number) => where.toPoint(startOffset + offset);
  if (reportYamlErrors(file, doc, startOffset)) return undefined;
  const value = valueOf(file, doc, yaml.position?.start);
  if (!value) return undefined;
  const result = chapterFrontMatter.safeParse(value.js ?? {});
  if (result.success) {
    file.data.frontMatter = result.data;
    return result.data;
  }
  reportSchemaIssues(file, result.error.issues, (path) => placeOfPath(doc, path, toPlace) ?? yaml.position?.start, chapterFrontMatter, 'chapter-front-matter');
  return undefined;
}

/**
 * The document's value, or a message: the yaml library throws rather than reports on an alias bomb
 * ("Excessive alias count indicates a resource exhaustion attack"; found by fuzzing, it crashed the load).
 */
function valueOf(file: VFile, doc: Document, place: { line: number; column: number } | undefined): { js: unknown } | undefined {
  try {
    return { js: doc.toJS() };
  } catch (error) {
    file.message(`Invalid YAML: ${(error as Error).message}`, { place, ruleId: 'yaml-syntax', source: 'folio' }).fatal = true;
    return undefined;
  }
}

function reportYamlErrors(file: VFile, doc: Document, offset: number): boolean {
  if (doc.errors.length === 0) return false;
  const where = location(file);
  for (const error of doc.errors) {
    const place = where.toPoint(offset + error.pos[0]);
    const reason = `Invalid YAML: ${error.message.split('\n')[0]}`;
    file.message(reason, { place, ruleId: 'yaml-syntax', source: 'folio' }).fatal = true;
  }
  return true;
}

function reportSchemaIssues(
  file: VFile,
  issues: z.core.$ZodIssue[],
  placeOf: (path: PropertyKey[]) => Place | undefined,
  schema: z.ZodType,
  ruleId: string,
) {
  const known = collectKeys(schema);
  for (const issue of issues) {
    const field = issue.path.join('.') || '(top level)';
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const suggestion = closest(key, known);
        const hint = suggestion ? ` (did you mean \`${suggestion}\`?)` : '';
        const message = `Unexpected field \`${[...issue.path, key].join('.')}\`${hint}`;
        file.message(message, { place: placeOf([...issue.path, key]), ruleId, source: 'folio' }).fatal = true;
      }
      continue;
    }
    const message = `Invalid \`${field}\`: ${issue.message}`;
    file.message(message, { place: placeOf(issue.path), ruleId, source: 'folio' }).fatal = true;
  }
}

/** Every field name a schema knows, for "did you mean" hints. */
function collectKeys(schema: unknown, into = new Set<string>()): Set<string> {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  if (!def) return into;
  const shape = def.shape as Record<string, unknown> | undefined;
  if (shape) {
    for (const [key, value] of Object.entries(shape)) {
      into.add(key);
      collectKeys(value, into);
    }
  }
  for (const inner of ['innerType', 'element', 'in', 'out', 'schema']) {
    if (def[inner]) collectKeys(def[inner], into);
  }
  return into;
}

function closest(word: string, candidates: Set<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** True when `path` (after resolving symlinks where it exists) lies inside `root`. */
export function isInside(root: string, path: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  const rel = relative(real(root), real(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
