/**
 * Runs the rules: every chapter rule over the one tree the loader parsed (no re-parsing), the book rules
 * over book.yaml, then the severities of book.yaml `rules:` on the messages. Pure: no process, no printing,
 * so the preview server can re-check one chapter on each save.
 */
import { dirname } from 'node:path';
import type { Root } from 'mdast';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import type { RuleSeverity } from '../config/schema.ts';
import { parseMarkdown } from '../book/parse.ts';
import type { Book } from '../book/types.ts';
import { RULES, RULES_BY_ID } from './rules/index.ts';
import type { ChapterRule, RuleContext } from './types.ts';

export interface CheckOptions {
  /** book.yaml `rules:`: per-rule severity overrides. */
  rules?: Record<string, RuleSeverity>;
  spacing?: 'none' | 'space';
  /** Folder that resources must stay inside; for loose files, each file's own folder. */
  root?: string;
  /** Runs these rules only (the preview re-checks the links of the chapters that link to an edited one). */
  only?: readonly string[];
}

const chapterRules = RULES.filter((rule): rule is ChapterRule => rule.kind === 'chapter');

function severityOf(ruleId: string, options: CheckOptions): RuleSeverity | undefined {
  return options.rules?.[ruleId] ?? RULES_BY_ID.get(ruleId)?.severity;
}

/** Runs the chapter rules on one parsed chapter; messages land on `file` with their final severity. */
export function checkTree(file: VFile, tree: Root, context: RuleContext, options: CheckOptions = {}): void {
  const processor = unified();
  for (const rule of chapterRules) {
    if (severityOf(rule.id, options) !== 'off' && (!options.only || options.only.includes(rule.id))) processor.use(rule.plugin, context);
  }
  processor.runSync(tree, file);
  applySeverities(file, options);
}

/** Sets each message's severity (fatal true / false / undefined) from the rule or book.yaml; drops `off`. */
export function applySeverities(file: VFile, options: CheckOptions): void {
  file.messages = file.messages.filter((message) => {
    const severity = message.ruleId ? options.rules?.[message.ruleId] ?? (message.source === 'folio' && RULES_BY_ID.has(message.ruleId) ? RULES_BY_ID.get(message.ruleId)!.severity : undefined) : undefined;
    if (severity === undefined) return true;
    if (severity === 'off') return false;
    message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined;
    return true;
  });
}

function sortMessages(file: VFile) {
  file.messages.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** What the chapter rules of a book run with: book.yaml's severities and spacing, its folder, its chapters. */
export function bookCheckSettings(book: Book): { options: CheckOptions; context: RuleContext } {
  const { meta, root } = book;
  const spacing = meta.spacing ?? 'none';
  return { options: { rules: meta.rules, spacing, root }, context: { root, spacing, loose: false, chapters: book.chapters } };
}

/** Runs the chapter rules on one chapter of a book (the build, `folio check`, the preview's re-check). */
export function checkChapter(file: VFile, tree: Root, settings: { options: CheckOptions; context: RuleContext }): void {
  checkTree(file, tree, settings.context, settings.options);
  sortMessages(file);
}

/** Checks a loaded book: each written chapter's tree and book.yaml. Returns the files checked. */
export function checkBook(book: Book): VFile[] {
  const settings = bookCheckSettings(book);
  const { options } = settings;
  const files: VFile[] = [book.metaFile];
  for (const chapter of book.chapters) {
    if (!chapter.file || !chapter.tree) continue;
    checkChapter(chapter.file, chapter.tree, settings);
    files.push(chapter.file);
  }
  for (const rule of RULES) {
    if (rule.kind === 'book' && severityOf(rule.id, options) !== 'off') rule.check(book, book.metaFile);
  }
  applySeverities(book.metaFile, options);
  sortMessages(book.metaFile);
  return files;
}

/** Whether a parsed file has front matter, i.e. is a chapter rather than a loose file (a raw export). */
export function isLoose(tree: Root): boolean {
  return !tree.children.some((node) => node.type === 'yaml');
}

/** Checks single Markdown files (already read into VFiles) outside a book. */
export function checkFiles(files: VFile[], options: CheckOptions = {}): VFile[] {
  for (const file of files) {
    if (file.messages.some((message) => message.fatal)) continue; // unreadable: its message says why
    // As readTextFile does: the parser skips a leading BOM, so the rules' offsets must not count it.
    if (String(file.value).startsWith('\uFEFF')) file.value = String(file.value).slice(1);
    const tree = parseMarkdown(file);
    const root = options.root ?? (file.path ? dirname(file.path) : file.cwd);
    checkTree(file, tree, { root, spacing: options.spacing ?? 'none', loose: isLoose(tree) }, options);
    sortMessages(file);
  }
  return files;
}
